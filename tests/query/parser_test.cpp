#include <catch2/catch.hpp>

#include "query/parser.h"

using kg::StatusCode;
using kg::query::ParseStatement;
namespace ast = kg::query::ast;

TEST_CASE("Parser: a match with labels, properties, types and a limit", "[query]") {
  auto st = ParseStatement(
      "MATCH (a:Person {name: 'Ann'})-[r:spokesperson_for|`member-of`]->(b) "
      "WHERE b.name STARTS WITH 'A' RETURN a.name, type(r) AS t LIMIT 5");
  REQUIRE(st.ok());
  REQUIRE(st->parts.size() == 1);
  const auto& clauses = st->parts[0].clauses;
  REQUIRE(clauses.size() == 2);
  const auto& match = clauses[0];
  CHECK(match.kind == ast::ClauseKind::kMatch);
  REQUIRE(match.pattern.size() == 1);
  const auto& part = match.pattern[0];
  REQUIRE(part.nodes.size() == 2);
  CHECK(part.nodes[0].variable == "a");
  CHECK(part.nodes[0].labels == std::vector<std::string>{"Person"});
  CHECK(part.rels[0].types == std::vector<std::string>{"spokesperson_for", "member-of"});
  CHECK(part.rels[0].direction == kg::Direction::kOutgoing);
  CHECK(part.nodes[1].anonymous == false);
  const auto& ret = clauses[1].projection;
  REQUIRE(ret.items.size() == 2);
  CHECK(ret.items[0].alias == "a.name");
  CHECK(ret.items[1].alias == "t");
  REQUIRE(ret.limit);
  CHECK(ret.limit->literal.as_int() == 5);
}

TEST_CASE("Parser: variable-length ranges", "[query]") {
  auto range = [](const std::string& text) {
    auto st = ParseStatement("MATCH (a)-[" + text + "]-(b) RETURN a");
    REQUIRE(st.ok());
    const auto& r = st->parts[0].clauses[0].pattern[0].rels[0];
    return std::make_pair(r.min_hops, r.max_hops);
  };
  CHECK(range("*") == std::make_pair<int64_t, int64_t>(1, -1));
  CHECK(range("*2") == std::make_pair<int64_t, int64_t>(2, 2));
  CHECK(range("*1..3") == std::make_pair<int64_t, int64_t>(1, 3));
  CHECK(range("*..3") == std::make_pair<int64_t, int64_t>(1, 3));
  CHECK(range("*2..") == std::make_pair<int64_t, int64_t>(2, -1));
}

TEST_CASE("Parser: a syntax error names the token and its position", "[query]") {
  auto st = ParseStatement("MATCH (n)\nRETRUN n");
  REQUIRE_FALSE(st.ok());
  CHECK(st.status().code() == StatusCode::kSyntaxError);
  CHECK(st.status().span().line == 2);
  CHECK(st.status().span().column == 1);
  CHECK(st.status().span().length == 6);
  CHECK(st.status().message().find("'RETRUN'") != std::string::npos);
}

TEST_CASE("Parser: string escapes and integer limits", "[query]") {
  auto st = ParseStatement("RETURN 'a\\'b\\n\\u0041', -9223372036854775808");
  REQUIRE(st.ok());
  const auto& items = st->parts[0].clauses[0].projection.items;
  CHECK(items[0].expr->literal.as_string() == "a'b\nA");
  CHECK(items[1].expr->literal.as_int() == INT64_MIN);
  auto overflow = ParseStatement("RETURN 9223372036854775808");
  REQUIRE_FALSE(overflow.ok());
  CHECK(overflow.status().kind() == "IntegerOverflow");
}

TEST_CASE("Parser: keywords come from the generated vocabulary", "[query]") {
  auto keywords = kg::query::LexerKeywords();
  auto has = [&](const std::string& k) {
    return std::find(keywords.begin(), keywords.end(), k) != keywords.end();
  };
  CHECK(has("MATCH"));
  CHECK(has("OPTIONAL"));
  CHECK(has("SKIP"));
  CHECK(has("NULL"));
  CHECK_FALSE(has("WHITESPACE"));
}
