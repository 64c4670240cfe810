#include <catch2/catch.hpp>

#include "query/engine.h"
#include "temp_store.h"

using kg::StatusCode;
using kg::query::Engine;
using kg::query::QueryResult;

namespace {

// Each row as "cell | cell", cells in ToCypher form.
std::vector<std::string> Rows(const QueryResult& result) {
  std::vector<std::string> out;
  for (const auto& row : result.rows) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) line += (i ? " | " : "") + row[i].ToCypher();
    out.push_back(line);
  }
  return out;
}

void Seed(Engine& engine) {
  auto r = engine.Execute(
      "CREATE (k:Person {name: 'Karine Jean-Pierre', aliases: ['Jean-Pierre']}),"
      "       (w:Organization {name: 'White House'}),"
      "       (b:Person {name: 'Joe Biden'}),"
      "       (h:Organization {name: 'Hamas'}),"
      "       (k)-[:spokesperson_for {confidence: 0.9}]->(w),"
      "       (b)-[:`leader-of`]->(w),"
      "       (b)-[:opposes]->(h)");
  REQUIRE(r.ok());
  CHECK(r->counts.nodes_created == 4);
  CHECK(r->counts.relationships_created == 3);
}

}  // namespace

TEST_CASE("Engine: the foundation slice over a small knowledge graph", "[query]") {
  kg::testing::TempStore store;
  REQUIRE(store.get() != nullptr);
  Engine engine(store.get());
  Seed(engine);

  auto r = engine.Execute(
      "MATCH (a:Person {name: 'Joe Biden'})-[r:leader_of]->(b) WHERE b.name <> 'x' "
      "RETURN a.name, type(r), b.name LIMIT 5");
  REQUIRE(r.ok());
  CHECK(r->columns == std::vector<std::string>{"a.name", "type(r)", "b.name"});
  CHECK(Rows(*r) == std::vector<std::string>{"'Joe Biden' | 'leader-of' | 'White House'"});

  r = engine.Execute("MATCH (p:Person)-[:spokesperson_for]->(o) RETURN p.name, o.name");
  REQUIRE(r.ok());
  CHECK(Rows(*r) == std::vector<std::string>{"'Karine Jean-Pierre' | 'White House'"});

  r = engine.Execute("MATCH (p:Person)-[:`spokesperson-for`]->(o) RETURN count(*)");
  REQUIRE(r.ok());
  CHECK(Rows(*r) == std::vector<std::string>{"1"});

  r = engine.Execute("MATCH (n) RETURN count(*) AS nodes");
  REQUIRE(r.ok());
  CHECK(Rows(*r) == std::vector<std::string>{"4"});
}

TEST_CASE("Engine: EXPLAIN uses the name index and PROFILE counts rows", "[query]") {
  kg::testing::TempStore store;
  Engine engine(store.get());
  Seed(engine);
  auto r = engine.Execute("EXPLAIN MATCH (a:Person {name: 'Joe Biden'})-[r]->(b) RETURN b.name");
  REQUIRE(r.ok());
  REQUIRE_FALSE(r->plan.empty());
  CHECK(r->plan[0].find("NodeIndexSeek") != std::string::npos);
  CHECK(r->rows.empty());

  r = engine.Execute("EXPLAIN MATCH (a) WHERE a.name = 'Hamas' RETURN a");
  REQUIRE(r.ok());
  CHECK(r->plan[0].find("NodeIndexSeek") != std::string::npos);

  r = engine.Execute("PROFILE MATCH (a:Person)-->(b) RETURN b.name ORDER BY b.name");
  REQUIRE(r.ok());
  CHECK(r->rows.size() == 3);
  REQUIRE_FALSE(r->plan.empty());
  CHECK(r->plan[0].find("NodeByLabelScan") != std::string::npos);
  CHECK(r->plan[0].find("rows: 2") != std::string::npos);
  REQUIRE(r->plan.size() > 1);
  CHECK(r->plan[1].find("Expand") != std::string::npos);
  CHECK(r->plan[1].find("rows: 3") != std::string::npos);
}

TEST_CASE("Engine: a failing statement changes nothing", "[query]") {
  kg::testing::TempStore store;
  Engine engine(store.get());
  Seed(engine);
  auto r = engine.Execute("CREATE (:Person {name: 'X'}) WITH 1 AS one MATCH (n) DELETE n");
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().kind() == "DeleteConnectedNode");
  r = engine.Execute("MATCH (n) RETURN count(n)");
  REQUIRE(r.ok());
  CHECK(Rows(*r) == std::vector<std::string>{"4"});
}

TEST_CASE("Engine: semantic errors carry the TCK kind", "[query]") {
  kg::testing::TempStore store;
  Engine engine(store.get());
  auto kind = [&](const std::string& q) {
    auto r = engine.Execute(q);
    return r.ok() ? std::string("ok") : r.status().kind();
  };
  CHECK(kind("RETURN x") == "UndefinedVariable");
  CHECK(kind("MATCH (a) CREATE (a)") == "VariableAlreadyBound");
  CHECK(kind("MATCH ()-[r]-() MATCH (r) RETURN r") == "VariableTypeConflict");
  CHECK(kind("RETURN nosuch(1)") == "UnknownFunction");
  CHECK(kind("MATCH (a) WHERE count(a) > 1 RETURN a") == "InvalidAggregation");
  CHECK(kind("CREATE (a)-[:A|B]->(b)") == "NoSingleRelationshipType");
  CHECK(kind("RETURN 1 AND true") == "InvalidArgumentType");
}

TEST_CASE("Engine: parameters, null logic and list functions", "[query]") {
  kg::testing::TempStore store;
  Engine engine(store.get());
  kg::ValueMap params{{"x", kg::Value(int64_t{3})}};
  auto r = engine.Execute(
      "RETURN $x + 1 AS a, null AND false AS b, null OR true AS c, null = null AS d, "
      "range(1, $x) AS e, [1, 2, 3][1..] AS f, size('héllo') AS g",
      params);
  REQUIRE(r.ok());
  CHECK(Rows(*r) == std::vector<std::string>{"4 | false | true | null | [1, 2, 3] | [2, 3] | 5"});
}
