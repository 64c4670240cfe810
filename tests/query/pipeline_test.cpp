// The pipelined executor's optimisations (count store, relationship-type scans, factorised
// counting, per-group accumulators, top-k, LIMIT stopping early, the plan cache) against
// formulations of the same question that none of them applies to.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>

#include "query/engine.h"
#include "temp_store.h"

using kg::Value;
using kg::query::Engine;
using kg::query::QueryResult;

namespace {

std::vector<std::string> Rows(const QueryResult& result, bool sorted = true) {
  std::vector<std::string> out;
  for (const auto& row : result.rows) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) line += (i ? " | " : "") + row[i].ToCypher();
    out.push_back(line);
  }
  if (sorted) std::sort(out.begin(), out.end());
  return out;
}

QueryResult Run(Engine& engine, const std::string& statement) {
  auto r = engine.Execute(statement);
  INFO(statement);
  if (!r.ok()) FAIL(r.status().ToString());
  return std::move(r).value();
}

int64_t Count(Engine& engine, const std::string& statement) {
  QueryResult r = Run(engine, statement);
  REQUIRE(r.rows.size() == 1);
  return r.rows[0][0].value().as_int();
}

std::string Plan(Engine& engine, const std::string& statement) {
  QueryResult r = Run(engine, "EXPLAIN " + statement);
  std::string text;
  for (const auto& line : r.plan) text += line + "\n";
  return text;
}

// Self-loops, both directions, parallel relationships, a node without relationships.
void Seed(Engine& engine) {
  Run(engine,
      "CREATE (a:P {name: 'a'}), (b:P {name: 'b'}), (c:P {name: 'c'}), (d:Q {name: 'd'}),"
      "       (e:Q {name: 'e'}),"
      "       (a)-[:opposes]->(c), (b)-[:opposes]->(c), (c)-[:opposes]->(c),"
      "       (d)-[:supports]->(c), (a)-[:supports]->(c), (a)-[:supports]->(c),"
      "       (a)-[:knows]->(b), (b)-[:knows]->(c), (c)-[:knows]->(a), (a)-[:knows]->(a),"
      "       (c)-[:supports]->(a)");
}

}  // namespace

TEST_CASE("Pipeline: counts from the count store equal counted rows", "[query]") {
  kg::testing::TempStore store;
  REQUIRE(store.get() != nullptr);
  Engine engine(store.get());
  Seed(engine);
  CHECK_THAT(Plan(engine, "MATCH (n:P) RETURN count(*)"),
             Catch::Contains("NodeCountFromCountStore (n:P)"));
  CHECK(Count(engine, "MATCH (n:P) RETURN count(*)") == 3);
  CHECK(Count(engine, "MATCH (n:P) RETURN count(n)") == 3);
  CHECK(Count(engine, "MATCH (n) RETURN count(*)") == 5);
  CHECK(Count(engine, "MATCH (n:Nope) RETURN count(*)") == 0);
  CHECK_THAT(Plan(engine, "MATCH ()-[r:supports]->() RETURN count(r)"),
             Catch::Contains("RelationshipCountFromCountStore ()-[r:supports]->()"));
  CHECK(Count(engine, "MATCH ()-[r:supports]->() RETURN count(r)") == 4);
  CHECK(Count(engine, "MATCH ()-[r:supports|knows]->() RETURN count(*)") == 8);
  CHECK(Count(engine, "MATCH ()-[r:nope]->() RETURN count(*)") == 0);
  // The same, enumerated.
  CHECK(Rows(Run(engine, "MATCH ()-[r]->() RETURN type(r), count(*)")) ==
        Rows(Run(engine, "MATCH ()-[r]->() WITH r, 1 AS one RETURN type(r), sum(one)")));
  CHECK(Rows(Run(engine, "MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS n ORDER BY n DESC, t "
                         "LIMIT 2"),
             false) == std::vector<std::string>{"'knows' | 4", "'supports' | 4"});
  // Not from the count store: an undirected pattern counts each relationship twice (a
  // self-loop once), (a)-->(a) only self-loops, and a WHERE reads the rows.
  CHECK_THAT(Plan(engine, "MATCH ()-[r:knows]-() RETURN count(*)"),
             !Catch::Contains("CountStore"));
  CHECK(Count(engine, "MATCH ()-[r:knows]-() RETURN count(*)") == 7);
  CHECK(Count(engine, "MATCH (x)-[r:knows]->(x) RETURN count(*)") == 1);
  CHECK(Count(engine, "MATCH (n:P) WHERE n.name <> 'a' RETURN count(*)") == 2);
  // With no rows and a grouping key there is no group.
  CHECK(Run(engine, "MATCH ()-[r:nope]->() RETURN type(r), count(*)").rows.empty());

  SECTION("in a transaction, the statement's own writes count") {
    QueryResult r = Run(engine, "MATCH (n:P) WITH count(*) AS c CREATE (:P {c: c}) RETURN c");
    CHECK(Rows(r) == std::vector<std::string>{"3"});
    CHECK(Count(engine, "MATCH (n:P) RETURN count(*)") == 4);
    r = Run(engine, "CREATE (:P) WITH 1 AS one MATCH (n:P) RETURN count(*)");
    CHECK(Rows(r) == std::vector<std::string>{"5"});
    r = Run(engine, "MATCH (n:P {name: 'a'}) DETACH DELETE n WITH 1 AS one "
                    "MATCH ()-[r:knows]->() RETURN count(*)");
    CHECK(Rows(r) == std::vector<std::string>{"1"});
  }
}

TEST_CASE("Pipeline: relationship-type scans match what a node scan matches", "[query]") {
  kg::testing::TempStore store;
  REQUIRE(store.get() != nullptr);
  Engine engine(store.get());
  Seed(engine);
  CHECK_THAT(Plan(engine, "MATCH (a)-[r:opposes]->(b) RETURN a, b"),
             Catch::Contains("1. RelationshipTypeScan (a)-[r:opposes]->(b)") &&
                 !Catch::Contains("AllNodesScan"));
  // A label scan that reads fewer entries stays.
  CHECK_THAT(Plan(engine, "MATCH (a:Q)-[r:knows]->(b) RETURN a"),
             Catch::Contains("1. NodeByLabelScan (a:Q)"));
  // ... and one that reads more does not.
  CHECK_THAT(Plan(engine, "MATCH (a:P)-[r:nope]->(b) RETURN a"),
             Catch::Contains("1. RelationshipTypeScan (a:P)-[r:nope]->(b)"));
  CHECK_THAT(Plan(engine, "MATCH (a {name: 'a'})-[r:opposes]->(b) RETURN a"),
             Catch::Contains("1. NodeIndexSeek"));
  const char* typed[] = {
      "MATCH (a)-[r:opposes]->(b) RETURN a.name, b.name, id(r)",
      "MATCH (a)<-[r:opposes]-(b) RETURN a.name, b.name, id(r)",
      "MATCH (a)-[r:opposes]-(b) RETURN a.name, b.name, id(r)",
      "MATCH (a)-[r:knows]-(a) RETURN a.name, id(r)",
      "MATCH (a:P)-[r:supports|opposes]->(b:P) RETURN a.name, b.name, type(r)",
      "MATCH (a)-[:knows]->(b)-[r:opposes]->(c) RETURN a.name, b.name, c.name",
      "MATCH (a)-[:knows]->(b)-[:knows]->(c)-[:knows]->(d) RETURN a.name, d.name",
      "MATCH p = (a)-[:supports]->(b)<-[:opposes]-(c) RETURN p",
      "MATCH (a)-[r:opposes]->(b) RETURN startNode(r).name, endNode(r).name, r:opposes",
  };
  for (const char* statement : typed) {
    INFO(statement);
    // The same pattern with the types as a WHERE condition: an AllNodesScan.
    std::string untyped = statement;
    std::string where;
    auto replace = [&](const std::string& from, const std::string& var, const std::string& cond) {
      auto at = untyped.find(from);
      if (at == std::string::npos) return;
      untyped.replace(at, from.size(), "[" + var);
      where += (where.empty() ? " WHERE " : " AND ") + cond;
    };
    replace("[r:opposes", "r", "type(r) = 'opposes'");
    replace("[r:knows", "r", "type(r) = 'knows'");
    replace("[r:supports|opposes", "r", "type(r) IN ['supports', 'opposes']");
    if (where.empty()) continue;
    untyped.insert(untyped.find(" RETURN"), where);
    CHECK_THAT(Plan(engine, untyped), !Catch::Contains("RelationshipTypeScan (a)-[r"));
    CHECK(Rows(Run(engine, statement)) == Rows(Run(engine, untyped)));
  }
}

TEST_CASE("Pipeline: factorised counting equals counting enumerated rows", "[query]") {
  kg::testing::TempStore store;
  REQUIRE(store.get() != nullptr);
  Engine engine(store.get());
  Seed(engine);
  CHECK_THAT(Plan(engine, "MATCH (a)-[:opposes]->(x)<-[:supports]-(b) RETURN count(*)"),
             Catch::Contains("CountAdjacent"));
  // Counting a hidden variable, or reading it anywhere, needs the rows.
  CHECK_THAT(Plan(engine, "MATCH (a)-[:opposes]->(x)<-[:supports]-(b) RETURN count(b)"),
             !Catch::Contains("CountAdjacent"));
  CHECK_THAT(Plan(engine, "MATCH (a:P)-[:opposes]->(x)<-[:supports]-(b:P) RETURN count(*)"),
             !Catch::Contains("CountAdjacent"));
  CHECK_THAT(Plan(engine, "MATCH p = (a)-[:opposes]->(x)<-[:supports]-(b) RETURN count(*)"),
             !Catch::Contains("CountAdjacent"));
  CHECK_THAT(Plan(engine, "OPTIONAL MATCH (a)-[:opposes]->(x)<-[:supports]-(b) RETURN count(*)"),
             !Catch::Contains("CountAdjacent"));
  // Each counting statement and the rows it counts, enumerated.
  const std::pair<const char*, const char*> cases[] = {
      {"MATCH (a)-[:opposes]->(x)<-[:supports]-(b) RETURN count(*)",
       "MATCH (a)-[:opposes]->(x)<-[:supports]-(b) RETURN a, x, b"},
      // Same type twice: relationship uniqueness is subtracted, self-loops included.
      {"MATCH (a)-[:knows]->(b)-[:knows]->(c) RETURN count(*)",
       "MATCH (a)-[:knows]->(b)-[:knows]->(c) RETURN a, b, c"},
      {"MATCH (a)-[:knows]-(b)-[:knows]-(c) RETURN count(*)",
       "MATCH (a)-[:knows]-(b)-[:knows]-(c) RETURN a, b, c"},
      {"MATCH (a)-[:opposes]-(b)-[]-(c) RETURN count(*)",
       "MATCH (a)-[:opposes]-(b)-[]-(c) RETURN a, b, c"},
      {"MATCH (a)-[r1]->(b), (b)-[r2]->(c) RETURN count(*)",
       "MATCH (a)-[r1]->(b), (b)-[r2]->(c) RETURN r1, r2, c"},
      {"MATCH (a:P) MATCH (a)-[:supports]->(b) RETURN count(*)",
       "MATCH (a:P) MATCH (a)-[:supports]->(b) RETURN a, b"},
      {"MATCH (a)-[:supports]->(b) WHERE a.name = 'a' RETURN count(*)",
       "MATCH (a)-[:supports]->(b) WHERE a.name = 'a' RETURN a, b"},
      {"MATCH (a:Nope)-[:supports]->(b) RETURN count(*)",
       "MATCH (a:Nope)-[:supports]->(b) RETURN a, b"},
  };
  for (const auto& [counting, enumerating] : cases) {
    INFO(counting);
    CHECK_THAT(Plan(engine, counting), Catch::Contains("CountAdjacent"));
    CHECK(Count(engine, counting) == static_cast<int64_t>(Run(engine, enumerating).rows.size()));
  }
  // Grouped by a variable that is bound: per-group multiplicities.
  CHECK(Rows(Run(engine, "MATCH (a)-[:supports]->(b) RETURN a.name, count(*)")) ==
        Rows(Run(engine, "MATCH (a)-[:supports]->(b) RETURN a.name, count(b)")));
  CHECK(Rows(Run(engine, "MATCH (a)-[:knows]->(b)-[:knows]->(c) "
                         "RETURN a.name, count(*), count(a) ORDER BY count(*) DESC LIMIT 2")) ==
        Rows(Run(engine, "MATCH (a)-[:knows]->(b)-[:knows]->(c) "
                         "RETURN a.name, count(c), count(a) ORDER BY count(c) DESC LIMIT 2")));
}

TEST_CASE("Pipeline: aggregation keeps accumulators with Cypher's null rules", "[query]") {
  kg::testing::TempStore store;
  REQUIRE(store.get() != nullptr);
  Engine engine(store.get());
  CHECK(Rows(Run(engine,
                 "UNWIND [1, null, 2, 2] AS x RETURN count(x), count(DISTINCT x), count(*), "
                 "sum(x), sum(DISTINCT x), avg(x), min(x), max(x), collect(x), "
                 "collect(DISTINCT x)")) ==
        std::vector<std::string>{"3 | 2 | 4 | 5 | 3 | 1.6666666666666667 | 1 | 2 | [1, 2, 2] | [1, 2]"});
  CHECK(Rows(Run(engine, "UNWIND [1, 2.5, 'x', null] AS x RETURN min(x), max(x)")) ==
        std::vector<std::string>{"'x' | 2.5"});
  // No rows: one row without grouping keys, none with.
  CHECK(Rows(Run(engine, "MATCH (n:Nope) RETURN count(*), count(n), sum(n.x), avg(n.x), "
                         "min(n.x), collect(n)")) ==
        std::vector<std::string>{"0 | 0 | 0 | null | null | []"});
  CHECK(Run(engine, "MATCH (n:Nope) RETURN n.x, count(*)").rows.empty());
  CHECK(Rows(Run(engine, "UNWIND [[1, 'a'], [2, 'b'], [1, 'c']] AS p "
                         "RETURN p[0] AS k, collect(p[1]) AS v, count(*) + 1 AS n")) ==
        std::vector<std::string>{"1 | ['a', 'c'] | 3", "2 | ['b'] | 2"});
  CHECK_FALSE(engine.Execute("UNWIND [1, 'x'] AS x RETURN sum(x)").ok());
  CHECK(Rows(Run(engine, "UNWIND [1, 2, 3, 4] AS x RETURN stdev(x) > 1.29 AND stdev(x) < 1.30")) ==
        std::vector<std::string>{"true"});
}

TEST_CASE("Pipeline: ORDER BY with LIMIT, DISTINCT and LIMIT stop as a full run would", "[query]") {
  kg::testing::TempStore store;
  REQUIRE(store.get() != nullptr);
  Engine engine(store.get());
  // Ties keep their input order, with and without the heap.
  const char* pairs = "UNWIND [[1, 'a'], [0, 'b'], [1, 'c'], [0, 'd'], [1, 'e']] AS p ";
  CHECK(Rows(Run(engine, std::string(pairs) + "RETURN p[1] ORDER BY p[0] LIMIT 3"), false) ==
        std::vector<std::string>{"'b'", "'d'", "'a'"});
  CHECK(Rows(Run(engine, std::string(pairs) + "RETURN p[1] ORDER BY p[0] DESC SKIP 1 LIMIT 3"),
             false) == std::vector<std::string>{"'c'", "'e'", "'b'"});
  CHECK(Rows(Run(engine, std::string(pairs) + "RETURN p[1] ORDER BY p[0] DESC"), false) ==
        std::vector<std::string>{"'a'", "'c'", "'e'", "'b'", "'d'"});
  CHECK(Run(engine, std::string(pairs) + "RETURN p[1] ORDER BY p[0] LIMIT 0").rows.empty());
  CHECK(Run(engine, std::string(pairs) + "RETURN p[1] LIMIT 0").rows.empty());
  CHECK(Rows(Run(engine, std::string(pairs) + "RETURN DISTINCT p[0] AS k ORDER BY k"), false) ==
        std::vector<std::string>{"0", "1"});
  CHECK(Rows(Run(engine, std::string(pairs) + "WITH DISTINCT p[0] AS k RETURN k"), false) ==
        std::vector<std::string>{"1", "0"});
  CHECK(Rows(Run(engine, std::string(pairs) + "WITH p ORDER BY p[1] DESC LIMIT 2 "
                                              "WHERE p[0] = 1 RETURN p[1]"), false) ==
        std::vector<std::string>{"'e'"});
  // A LIMIT ends the work upstream: 10^10 rows would take hours to enumerate.
  auto start = std::chrono::steady_clock::now();
  CHECK(Rows(Run(engine, "UNWIND range(1, 100000) AS x UNWIND range(1, 100000) AS y "
                         "WITH x * y AS z WHERE z % 2 = 0 RETURN z LIMIT 3"), false) ==
        std::vector<std::string>{"2", "4", "6"});
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(30));
  // SKIP and LIMIT are checked even when no row comes.
  CHECK_FALSE(engine.Execute("MATCH (n:Nope) RETURN n LIMIT -1").ok());
}

TEST_CASE("Pipeline: OPTIONAL MATCH, writes and reads in one statement", "[query]") {
  kg::testing::TempStore store;
  REQUIRE(store.get() != nullptr);
  Engine engine(store.get());
  Seed(engine);
  CHECK(Rows(Run(engine, "MATCH (n:Q) OPTIONAL MATCH (n)-[:opposes]->(m) "
                         "RETURN n.name, m.name")) ==
        std::vector<std::string>{"'d' | null", "'e' | null"});
  CHECK(Rows(Run(engine, "MATCH (n:Q) OPTIONAL MATCH (n)-[r]->(m) RETURN n.name, count(r)")) ==
        std::vector<std::string>{"'d' | 1", "'e' | 0"});
  // Reads before writes: every MATCH row is read before the first CREATE.
  QueryResult r = Run(engine, "MATCH (n) CREATE (:Copy {of: n.name}) RETURN count(*)");
  CHECK(Rows(r) == std::vector<std::string>{"5"});
  CHECK(Count(engine, "MATCH (n:Copy) RETURN count(*)") == 5);
  r = Run(engine, "MATCH (n:Copy) DELETE n RETURN count(*)");
  CHECK(Rows(r) == std::vector<std::string>{"5"});
  // A write under a LIMIT writes for every row before it.
  r = Run(engine, "UNWIND range(1, 4) AS x CREATE (m:M {x: x}) RETURN m.x LIMIT 1");
  CHECK(r.rows.size() == 1);
  CHECK(Count(engine, "MATCH (m:M) RETURN count(*)") == 4);
}

TEST_CASE("Pipeline: the plan cache serves repeated statements and sees writes", "[query]") {
  kg::testing::TempStore store;
  REQUIRE(store.get() != nullptr);
  Engine engine(store.get());
  Seed(engine);
  const std::string statement = "MATCH (n {name: $n})-[r]->(m) RETURN type(r), m.name";
  size_t hits = engine.plan_cache_hits();
  auto r = engine.Execute(statement, {{"n", Value("d")}});
  REQUIRE(r.ok());
  CHECK(Rows(*r) == std::vector<std::string>{"'supports' | 'c'"});
  r = engine.Execute(statement, {{"n", Value("b")}});
  REQUIRE(r.ok());
  CHECK(Rows(*r) == std::vector<std::string>{"'knows' | 'c'", "'opposes' | 'c'"});
  CHECK(engine.plan_cache_hits() == hits + 1);
  CHECK(Count(engine, "MATCH (n:P) RETURN count(*)") == 3);
  Run(engine, "CREATE (:P {name: 'f'})-[:opposes]->(:P {name: 'g'})");
  CHECK(Count(engine, "MATCH (n:P) RETURN count(*)") == 5);
  r = engine.Execute(statement, {{"n", Value("f")}});
  REQUIRE(r.ok());
  CHECK(Rows(*r) == std::vector<std::string>{"'opposes' | 'g'"});
  // A failing statement is not cached and fails again.
  CHECK_FALSE(engine.Execute("MATCH (n) RETURN m").ok());
  CHECK_FALSE(engine.Execute("MATCH (n) RETURN m").ok());
  engine.SetPlanCacheCapacity(1);
  CHECK(Count(engine, "MATCH (n:P) RETURN count(*)") == 5);
  CHECK(Count(engine, "MATCH (n:Q) RETURN count(*)") == 2);
  CHECK(Count(engine, "MATCH (n:P) RETURN count(*)") == 5);
}

TEST_CASE("Pipeline: answers through the read caches equal those through RocksDB", "[query]") {
  kg::testing::TempStore store;
  REQUIRE(store.get() != nullptr);
  Engine engine(store.get());
  Seed(engine);
  // Names that are lists (each element indexed), numbers (1 meets 1.0), missing, shared.
  Run(engine,
      "CREATE (f:R {name: ['a', 'z']}), (g:R {name: 1}), (h:R {name: 1.0, w: 2}), (i:R),"
      "       (j:R {name: 'a', w: 2}), (f)-[:knows]->(g), (g)-[:knows]->(h), (j)-[:knows]->(f)");
  const std::vector<std::pair<std::string, kg::ValueMap>> statements = {
      {"MATCH (a {name: $n})-[r]->(b) RETURN type(r), b.name", {{"n", Value("a")}}},
      {"MATCH (a {name: $n})-[r]->(b) RETURN type(r), b.name", {{"n", Value("z")}}},
      {"MATCH (a {name: $n})-[r]-(b) RETURN a, r, b", {{"n", Value(int64_t{1})}}},
      {"MATCH (a {name: $n}) RETURN a.name, a.w", {{"n", Value(1.0)}}},
      {"MATCH (a {name: $n, w: 2}) RETURN a", {{"n", Value("a")}}},
      {"MATCH (a:R {name: $n, w: 2}) RETURN a", {{"n", Value("a")}}},
      {"MATCH (a {name: $n}) RETURN a", {{"n", Value(kg::ValueList{Value("a"), Value("z")})}}},
      {"MATCH (a {name: $n}) RETURN a", {{"n", Value()}}},
      {"MATCH (a {name: $n})-[*1..2]->(b) RETURN count(DISTINCT b), count(b)", {{"n", Value("a")}}},
      {"MATCH p = (a {name: $n})-[*1..2]->(b) RETURN p, nodes(p), relationships(p)",
       {{"n", Value("a")}}},
      {"MATCH (a)-->(b) WITH collect(b) + [1, 1.0, 'x', null] AS xs UNWIND xs AS x "
       "RETURN count(DISTINCT x), count(x)", {}},
      {"MATCH (a)-[r]->(b) RETURN coalesce(null, null, null, b.name), {k: a, l: [r]}", {}},
      {"MATCH (a {name: $n}) DETACH DELETE a RETURN count(*)", {{"n", Value("e")}}},
  };
  auto run_all = [&] {
    std::vector<std::vector<std::string>> out;
    for (const auto& [statement, params] : statements) {
      INFO(statement);
      auto r = engine.Execute(statement, params);
      if (!r.ok()) FAIL(r.status().ToString());
      out.push_back(Rows(*r));
    }
    return out;
  };
  // The writing statement is last and its transaction never uses the caches; run the set
  // once without caches, then with them (a write starts a new generation: warm it again).
  std::vector<std::vector<std::string>> through_rocks = run_all();
  Run(engine, "CREATE (:P {name: 'e'})");
  REQUIRE(store.get()->WarmTopology().ok());
  std::vector<std::vector<std::string>> cached = run_all();
  for (size_t i = 0; i < statements.size(); ++i) {
    INFO(statements[i].first);
    CHECK(cached[i] == through_rocks[i]);
  }
  // {name: 'a'} is equality: the list ['a', 'z'] holds 'a' for the index, not for the match.
  CHECK(through_rocks[0] == std::vector<std::string>{"'knows' | 'a'", "'knows' | 'b'",
                                                     "'knows' | ['a', 'z']", "'opposes' | 'c'",
                                                     "'supports' | 'c'", "'supports' | 'c'"});
  CHECK(through_rocks[1].empty());
  CHECK(through_rocks[3] == std::vector<std::string>{"1 | null", "1.0 | 2"});
  CHECK(through_rocks[4].size() == 1);
  CHECK(through_rocks[5] == through_rocks[4]);
  CHECK(through_rocks[6].empty());
  // a, b, c, f, g, h, then 1 and 1.0 as one value, then 'x'; null is not counted.
  CHECK(through_rocks[10] == std::vector<std::string>{"8 | 17"});
  CHECK_THAT(Plan(engine, "MATCH (a {name: 'a'})-[r]->(b) RETURN type(r), b.name"),
             Catch::Contains("1. NodeIndexSeek (a {name: 'a'}) name = 'a'"));
}

TEST_CASE("Pipeline: anonymous relationships left unbound match as named ones do", "[query]") {
  kg::testing::TempStore store;
  REQUIRE(store.get() != nullptr);
  Engine engine(store.get());
  Seed(engine);
  // Each statement with anonymous relationships (not bound in the row unless a later part of
  // the MATCH needs them for relationship uniqueness), then the same with named ones.
  const std::pair<const char*, const char*> pairs[] = {
      {"MATCH (a)-[*1..2]->(b) RETURN a.name, count(DISTINCT b), count(*)",
       "MATCH (a)-[r*1..2]->(b) RETURN a.name, count(DISTINCT b), count(*)"},
      {"MATCH (a)-->(b)-[:knows]->(c) RETURN a.name, b.name, c.name",
       "MATCH (a)-[r]->(b)-[s:knows]->(c) RETURN a.name, b.name, c.name"},
      {"MATCH (a)-[*1..2]->(b), (b)-[*1..2]->(c) RETURN count(*)",
       "MATCH (a)-[r*1..2]->(b), (b)-[s*1..2]->(c) RETURN count(*)"},
      {"MATCH (a)-->(b), (b)-->(c), (c)-->(a) RETURN a.name, b.name, c.name",
       "MATCH (a)-[r]->(b), (b)-[s]->(c), (c)-[t]->(a) RETURN a.name, b.name, c.name"},
      {"MATCH (a)-[*0..3]-(b) WHERE (b)-[:supports]->() RETURN a.name, b.name",
       "MATCH (a)-[r*0..3]-(b) WHERE (b)-[:supports]->() RETURN a.name, b.name"},
      {"MATCH (a:Q) OPTIONAL MATCH (a)-[*2]->(b) RETURN a.name, b.name",
       "MATCH (a:Q) OPTIONAL MATCH (a)-[r*2]->(b) RETURN a.name, b.name"},
      {"MATCH p = (a {name: 'd'})-[*1..2]->(b) RETURN p",
       "MATCH p = (a {name: 'd'})-[r*1..2]->(b) RETURN p"},
      {"MATCH (a {name: 'a'})-[:knows*1..3]->(b) RETURN b.name",
       "MATCH (a {name: 'a'})-[r:knows*1..3]->(b) RETURN b.name"},
  };
  for (const auto& [anonymous, named] : pairs) {
    INFO(anonymous);
    CHECK(Rows(Run(engine, anonymous)) == Rows(Run(engine, named)));
  }
  CHECK(Count(engine, "MATCH (a)-[*1..2]->(b), (b)-[*1..2]->(c) RETURN count(*)") > 0);
}

TEST_CASE("Pipeline: a RETURN straight into the result gives the rows of a full projection",
          "[query]") {
  kg::testing::TempStore store;
  REQUIRE(store.get() != nullptr);
  Engine engine(store.get());
  Seed(engine);
  // SKIP 0 keeps the same rows but takes the projection through ProjectOut and Emit.
  const char* statements[] = {
      "MATCH (a {name: 'a'})-[r]->(b) RETURN type(r), b.name, b, r, a.name + '!' AS x",
      "MATCH p = (a:Q)-[*1..2]->(b) RETURN p, [n IN nodes(p) | n.name], {start: a, l: length(p)}",
      "UNWIND [1, 'two', null, [3], {k: 'v'}] AS v RETURN v, v IS NULL",
      "MATCH (a) OPTIONAL MATCH (a)-[r:nope]->(b) RETURN a.name, r, b",
      "CREATE (n:New {name: 'n'}) RETURN n, n.name",
  };
  for (const char* statement : statements) {
    INFO(statement);
    QueryResult direct = Run(engine, statement);
    QueryResult full = Run(engine, std::string(statement) + " SKIP 0");
    CHECK(direct.columns == full.columns);
    // Rows in the same order (a CREATE makes a node per run: equal in text, not in id).
    CHECK(Rows(direct, false) == Rows(full, false));
  }
  QueryResult profiled = Run(engine, "PROFILE MATCH (a {name: 'a'})-[r]->(b) RETURN type(r), b.name");
  CHECK(Rows(profiled) == Rows(Run(engine, "MATCH (a {name: 'a'})-[r]->(b) RETURN type(r), b.name")));
}
