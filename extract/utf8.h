// UTF-8 helpers for the extractor: validation of untrusted input, decoding, letter case and
// the accent-free folding used to compare name spellings.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace kg::extract {

// Returns kInvalidArgument "invalid UTF-8 at byte N" for the first malformed sequence
// (overlong forms, surrogates and code points above U+10FFFF included), or
// "binary content (NUL byte at byte N)" for the first NUL byte.
Status ValidateUtf8(std::string_view text);

// Decodes the code point at `pos`, storing its byte length in *length.
// REQUIRES: text is valid UTF-8 and pos < text.size().
char32_t DecodeAt(std::string_view text, size_t pos, int* length);

bool IsLetter(char32_t cp);
bool IsUpper(char32_t cp);
bool IsDigit(char32_t cp);
// True for a letter, a digit or a combining mark: what a word is made of.
bool IsWordChar(char32_t cp);

// Lower case, accents removed ("Zelenskyy" -> "zelenskyy", "Gdańsk" -> "gdansk").
std::string Fold(std::string_view text);

}  // namespace kg::extract
