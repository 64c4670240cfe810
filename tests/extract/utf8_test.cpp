#include "extract/utf8.h"

#include <catch2/catch.hpp>
#include <string>

using kg::extract::Fold;
using kg::extract::ValidateUtf8;

TEST_CASE("Utf8: valid text passes", "[extract]") {
  CHECK(ValidateUtf8("").ok());
  CHECK(ValidateUtf8("plain ascii").ok());
  CHECK(ValidateUtf8("Gda\xC5\x84sk \xE2\x80\x9Cquoted\xE2\x80\x9D \xF0\x9F\x98\x80").ok());
}

TEST_CASE("Utf8: malformed sequences name their byte offset", "[extract]") {
  kg::Status s = ValidateUtf8("abc\xFF" "def");
  REQUIRE(s.code() == kg::StatusCode::kInvalidArgument);
  CHECK(s.message() == "invalid UTF-8 at byte 3");
  CHECK(ValidateUtf8("ab\xC3").message() == "invalid UTF-8 at byte 2");            // truncated
  CHECK(ValidateUtf8("\xC0\xAF").message() == "invalid UTF-8 at byte 0");           // overlong
  CHECK(ValidateUtf8("x\xED\xA0\x80").message() == "invalid UTF-8 at byte 1");      // surrogate
  CHECK(ValidateUtf8("\xF4\x90\x80\x80").message() == "invalid UTF-8 at byte 0");   // > U+10FFFF
}

TEST_CASE("Utf8: a NUL byte is binary content", "[extract]") {
  std::string text("head\0tail", 9);
  kg::Status s = ValidateUtf8(text);
  REQUIRE_FALSE(s.ok());
  CHECK(s.message() == "binary content (NUL byte at byte 4)");
}

TEST_CASE("Utf8: folding drops case and accents", "[extract]") {
  CHECK(Fold("Gda\xC5\x84sk") == "gdansk");
  CHECK(Fold("Zelenskyy") == "zelenskyy");
  CHECK(Fold("Tesco\xE2\x80\x99s") == "tesco's");
}
