#include "core/status.h"

#include <catch2/catch.hpp>

namespace {

kg::Result<int> Half(int n) {
  if (n % 2 != 0) return kg::Status::InvalidArgument("odd number " + std::to_string(n));
  return n / 2;
}

kg::Status UsesHalf(int n) {
  auto r = Half(n);
  if (!r.ok()) return r.status();
  return kg::Status::OK();
}

}  // namespace

TEST_CASE("Status: Result carries a value or an error", "[core]") {
  auto good = Half(4);
  REQUIRE(good.ok());
  CHECK(*good == 2);
  auto bad = Half(3);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().code() == kg::StatusCode::kInvalidArgument);
  CHECK(bad.status().message() == "odd number 3");
  CHECK(UsesHalf(5).code() == kg::StatusCode::kInvalidArgument);
  CHECK(UsesHalf(6).ok());
}

TEST_CASE("Status: syntax errors keep their span and semantic errors their kind", "[core]") {
  auto s = kg::Status::SyntaxError("unexpected 'RETRUN'", {2, 5, 6});
  CHECK(s.span().line == 2);
  CHECK(s.span().column == 5);
  CHECK(s.span().length == 6);
  auto e = kg::Status::SemanticError("UndefinedVariable", "variable 'x' not defined");
  CHECK(e.kind() == "UndefinedVariable");
  CHECK(e.ToString() == "semantic error (UndefinedVariable): variable 'x' not defined");
}
