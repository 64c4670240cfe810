// JSON-lines rendering of an extracted article, in the format shared/eval/score.py reads.
#pragma once

#include <string>

#include "core/extraction.h"

namespace kg::extract {

// One JSON object per line, entities first:
//   {"entity": name, "type": "Person", "aliases": [...], "titles": [...], "mentions": n}
// then triples:
//   {"subject", "subject_type", "predicate", "object", "object_type" ("Quote" for said),
//    "confidence", "evidence": {"article", "sentence", "begin", "end", "text", "phrase"}}
// "sentence" is the sentence index, "text" the sentence; begin/end are byte offsets of the
// phrase. Invalid UTF-8 in any string is replaced, so the output is always valid JSON.
std::string ToJsonLines(const ExtractedArticle& article);

}  // namespace kg::extract
