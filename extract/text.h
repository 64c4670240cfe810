// The text layer: an article's UTF-8 bytes cut into tokens (with byte offsets), sentences,
// paragraphs and quotation spans. Every later stage works on this Document.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace kg::extract {

enum class TokenKind {
  kWord,        // letters, digits, internal hyphens, apostrophes and acronym dots
  kNumber,      // starts with a digit: "28-point", "1.7", "2019/20"
  kPossessive,  // "'s" or "’s", or a lone apostrophe after a plural
  kOpenQuote,
  kCloseQuote,
  kPunct,       // anything else, one code point per token; dashes included
};

struct Token {
  size_t begin = 0;  // byte span in the article
  size_t end = 0;
  std::string_view text;
  TokenKind kind = TokenKind::kPunct;
  bool capitalized = false;   // first letter upper case
  bool all_caps = false;      // two or more letters, all upper case ("UN", "DEPA")
  bool newline_before = false;
  int sentence = 0;
  int paragraph = 0;
  int quote = -1;             // index of the enclosing QuoteSpan, -1 outside quotes
};

struct Sentence {
  size_t begin = 0;  // byte span in the article
  size_t end = 0;
  int token_begin = 0;  // [token_begin, token_end) in Document::tokens
  int token_end = 0;
  int paragraph = 0;
  bool headline = false;  // the first line of a multi-line article
};

// Words between a pair of quotation marks, found per paragraph. `close` is the closing
// mark's token, or the paragraph's last token + 1 when the quote runs to its end.
struct QuoteSpan {
  int open = 0;
  int close = 0;
};

struct Document {
  std::string_view text;
  std::vector<Token> tokens;
  std::vector<Sentence> sentences;
  std::vector<QuoteSpan> quotes;
};

// Longest sentence, in tokens, before a break is forced: keeps every later stage linear on
// text without full stops (a 1 MB line).
inline constexpr int kMaxSentenceTokens = 250;

std::vector<Token> Tokenize(std::string_view text);

// Cuts tokens into sentences robust to abbreviations (Mr., Jan., U.S.), initials, and
// quotations spanning sentences; each line break ends a sentence. REQUIRES: text is valid UTF-8.
Document Segment(std::string_view text);

}  // namespace kg::extract
