#include "extract/text.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using kg::extract::Document;
using kg::extract::Segment;
using kg::extract::TokenKind;

namespace {

std::vector<std::string> SentenceTexts(const Document& doc) {
  std::vector<std::string> out;
  for (const auto& s : doc.sentences) out.emplace_back(doc.text.substr(s.begin, s.end - s.begin));
  return out;
}

}  // namespace

TEST_CASE("Text: abbreviations, initials and acronyms do not end sentences", "[extract]") {
  std::string text =
      "Mr. Smith met Dr. J. R. Jones on Jan. 5 in the U.S. capital. He left. "
      "The talks in the U.S. The end came later.";
  Document doc = Segment(text);
  std::vector<std::string> s = SentenceTexts(doc);
  REQUIRE(s.size() == 4);
  CHECK(s[0] == "Mr. Smith met Dr. J. R. Jones on Jan. 5 in the U.S. capital.");
  CHECK(s[1] == "He left.");
  CHECK(s[2] == "The talks in the U.S.");
  CHECK(s[3] == "The end came later.");
}

TEST_CASE("Text: the headline line is its own sentence", "[extract]") {
  Document doc = Segment("Leader visits Paris\n\nThe leader arrived on Monday. She spoke.");
  REQUIRE(doc.sentences.size() == 3);
  CHECK(doc.sentences[0].headline);
  CHECK_FALSE(doc.sentences[1].headline);
  CHECK(doc.sentences[1].paragraph == 1);
}

TEST_CASE("Text: tokens carry byte offsets through multi-byte characters", "[extract]") {
  std::string text = "\xE2\x80\x9C" "Gda\xC5\x84sk\xE2\x80\x9D \xE2\x80\x94 Tesco\xE2\x80\x99s plan";
  Document doc = Segment(text);
  REQUIRE(doc.tokens.size() == 7);
  CHECK(doc.tokens[0].kind == TokenKind::kOpenQuote);
  CHECK(doc.tokens[1].text == "Gda\xC5\x84sk");
  CHECK(doc.tokens[1].begin == 3);
  CHECK(doc.tokens[2].kind == TokenKind::kCloseQuote);
  CHECK(doc.tokens[4].text == "Tesco");
  CHECK(doc.tokens[5].kind == TokenKind::kPossessive);
  for (const auto& t : doc.tokens) CHECK(text.substr(t.begin, t.end - t.begin) == t.text);
}

TEST_CASE("Text: a quotation spanning sentences is one quote span", "[extract]") {
  Document doc = Segment("She said: \"We spoke. It went well.\" Then she left.");
  REQUIRE(doc.quotes.size() == 1);
  REQUIRE(doc.sentences.size() == 3);
  const auto& q = doc.quotes[0];
  CHECK(doc.tokens[q.open].kind == TokenKind::kOpenQuote);
  CHECK(doc.tokens[q.close].kind == TokenKind::kCloseQuote);
  CHECK(doc.tokens[q.open + 1].text == "We");
  // The closing mark stays with the sentence it ends.
  CHECK(doc.tokens[q.close].sentence == 1);
}

TEST_CASE("Text: hyphenated words and numbers stay whole", "[extract]") {
  Document doc = Segment("The 28-point plan cost 1.7 billion in 2019/20, Jean-Noel said.");
  std::vector<std::string> words;
  for (const auto& t : doc.tokens) words.emplace_back(t.text);
  CHECK(words[1] == "28-point");
  CHECK(words[4] == "1.7");
  CHECK(words[7] == "2019/20");
  CHECK(words[9] == "Jean-Noel");
}

TEST_CASE("Text: an unpunctuated run is cut into bounded sentences", "[extract]") {
  std::string text;
  for (int i = 0; i < 2000; ++i) text += "word ";
  Document doc = Segment(text);
  REQUIRE(doc.sentences.size() >= 2000 / kg::extract::kMaxSentenceTokens);
  for (const auto& s : doc.sentences) CHECK(s.token_end - s.token_begin <= kg::extract::kMaxSentenceTokens);
}
