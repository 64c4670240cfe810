// The extractor's entry point: one article's text in, its entities and triples out.
#pragma once

#include <string_view>

#include "core/extraction.h"
#include "core/status.h"

namespace kg::extract {

// Runs the whole pipeline (text -> mentions -> coreference -> relations) on one article's
// UTF-8 text. `path` is recorded in each Evidence::article and in ExtractedArticle::path.
// Errors: kInvalidArgument "invalid UTF-8 at byte N" (N = byte offset), or "binary content
// (NUL byte at byte N)". Empty text or text with no sentence gives an article with no
// entities and no triples (OK). Runs in time roughly linear in the text's size.
// Thread-safe: keeps no state between calls.
Result<ExtractedArticle> ExtractArticle(std::string_view text, std::string_view path);

}  // namespace kg::extract
