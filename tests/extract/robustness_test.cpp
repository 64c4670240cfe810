// Bad input never crashes or hangs: each case builds its input here.
#include <catch2/catch.hpp>
#include <chrono>
#include <string>

#include "extract/extractor.h"
#include "extract/jsonl.h"

using kg::extract::ExtractArticle;

namespace {

// A realistic paragraph, repeated to reach a size.
std::string NewsText(size_t bytes) {
  static const std::string paragraph =
      "White House press secretary Karoline Leavitt said: \xE2\x80\x9CWe spoke with him.\xE2\x80\x9D "
      "French Foreign Minister Jean-Noel Barrot said that Europe wants peace. Ms Leavitt met "
      "with US Army Secretary Dan Driscoll in Kyiv, Ukraine, on Thursday.\n\n";
  std::string text = "Headline of the article\n\n";
  while (text.size() < bytes) text += paragraph;
  return text;
}

double Seconds(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

TEST_CASE("Robustness: an empty article has no entities and no triples", "[extract]") {
  auto result = ExtractArticle("", "empty.txt");
  REQUIRE(result.ok());
  CHECK(result->entities.empty());
  CHECK(result->triples.empty());
  CHECK(kg::extract::ToJsonLines(*result).empty());
  auto blank = ExtractArticle("  \n\n\t \n", "blank.txt");
  REQUIRE(blank.ok());
  CHECK(blank->triples.empty());
}

TEST_CASE("Robustness: binary content is rejected with its offset", "[extract]") {
  std::string binary("\x7F" "ELF\x02\x01\x01\x00\x00\x00", 10);
  auto result = ExtractArticle(binary, "a.out");
  REQUIRE_FALSE(result.ok());
  CHECK(result.status().code() == kg::StatusCode::kInvalidArgument);
  CHECK(result.status().message() == "binary content (NUL byte at byte 7)");
}

TEST_CASE("Robustness: invalid UTF-8 is rejected with its offset", "[extract]") {
  std::string text = "Valid start. Then Gda\xC5\x84sk and \xC3\x28 broken.";
  auto result = ExtractArticle(text, "bad.txt");
  REQUIRE_FALSE(result.ok());
  CHECK(result.status().message() == "invalid UTF-8 at byte " + std::to_string(text.find("\xC3\x28")));
}

TEST_CASE("Robustness: text with no sentence gives no triples", "[extract]") {
  for (const char* text : {"...", "\xE2\x80\x94 \xE2\x80\x94", "12 34 56", "\"\"\"", "(((("}) {
    auto result = ExtractArticle(text, "x.txt");
    REQUIRE(result.ok());
    CHECK(result->triples.empty());
  }
}

TEST_CASE("Robustness: a 1 MB line without a full stop finishes quickly", "[extract]") {
  std::string text;
  const std::string chunk = "and Minister Anna Kowalska met the Atlantic Council in Paris with \"quotes ";
  while (text.size() < (1u << 20)) text += chunk;
  auto start = std::chrono::steady_clock::now();
  auto result = ExtractArticle(text, "line.txt");
  REQUIRE(result.ok());
  CHECK(Seconds(start) < 10.0);
}

TEST_CASE("Robustness: unbalanced quotes and stray punctuation", "[extract]") {
  std::string text = "Headline\n\n\xE2\x80\x9D She said \xE2\x80\x9C\xE2\x80\x9C it, \" he said \" ' : ; , .";
  auto result = ExtractArticle(text, "q.txt");
  REQUIRE(result.ok());
  for (const auto& t : result->triples) CHECK_FALSE(t.object.empty());
}

TEST_CASE("Robustness: a 5 MB article extracts in linear time", "[extract]") {
  std::string text = NewsText(5u << 20);
  auto start = std::chrono::steady_clock::now();
  auto result = ExtractArticle(text, "big.txt");
  REQUIRE(result.ok());
  CHECK_FALSE(result->entities.empty());
  CHECK(Seconds(start) < 30.0);
}

TEST_CASE("Robustness: a 50 MB article", "[extract][.]") {
  std::string text = NewsText(50u << 20);
  auto start = std::chrono::steady_clock::now();
  auto result = ExtractArticle(text, "huge.txt");
  REQUIRE(result.ok());
  CHECK(Seconds(start) < 300.0);
}
