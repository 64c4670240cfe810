// Queries whose naive plans are quadratic or worse: they must answer quickly on graphs of a
// few thousand nodes. The cases assert results, not times; a regression shows as a
// test that runs for minutes.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <random>
#include <thread>

#include "query/engine.h"
#include "temp_store.h"

using kg::StatusCode;
using kg::Value;
using kg::ValueMap;
using kg::query::Engine;

namespace {

struct Generated {
  std::vector<kg::NodeId> nodes;
};

// `node_count` nodes in two halves with no relationship between them; each half is a chain
// (so every node is connected) plus random extra relationships of types t1, t2 and t3.
Generated Generate(kg::storage::Store* store, int node_count, int edge_count) {
  Generated g;
  auto loader = store->BeginBulkLoad();
  REQUIRE(loader.ok());
  for (int i = 0; i < node_count; ++i) {
    g.nodes.push_back((*loader)->AddNode({"N"}, {{"i", Value(int64_t{i})}}));
  }
  int half = node_count / 2;
  std::mt19937 random(42);
  const char* types[] = {"t1", "t2", "t3"};
  int added = 0;
  for (int i = 1; i < node_count; ++i) {
    if (i == half) continue;
    (*loader)->AddEdge(types[i % 3], g.nodes[i - 1], g.nodes[i], {});
    ++added;
  }
  while (added < edge_count) {
    bool left = random() % 2 == 0;
    int lo = left ? 0 : half;
    int hi = left ? half : node_count;
    int a = lo + static_cast<int>(random() % static_cast<unsigned>(hi - lo));
    int b = lo + static_cast<int>(random() % static_cast<unsigned>(hi - lo));
    (*loader)->AddEdge(types[random() % 3], g.nodes[a], g.nodes[b], {});
    ++added;
  }
  REQUIRE((*loader)->Finish().ok());
  return g;
}

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

}  // namespace

TEST_CASE("Engine: shortestPath between unconnected nodes of a 20k-node graph", "[query]") {
  kg::testing::TempStore store;
  REQUIRE(store.get() != nullptr);
  Generated g = Generate(store.get(), 20000, 30000);
  Engine engine(store.get());
  ValueMap params{{"a", Value(static_cast<int64_t>(g.nodes[5]))},
                  {"b", Value(static_cast<int64_t>(g.nodes[15000]))}};
  auto r = engine.Execute(
      "MATCH (a), (b) WHERE id(a) = $a AND id(b) = $b "
      "MATCH p = shortestPath((a)-[:t1|t2*..6]-(b)) RETURN p",
      params);
  REQUIRE(r.ok());
  CHECK(r->rows.empty());

  // Unbounded: the search ends when one side has run out of nodes.
  r = engine.Execute(
      "MATCH (a), (b) WHERE id(a) = $a AND id(b) = $b "
      "MATCH p = allShortestPaths((a)-[*]-(b)) RETURN p",
      params);
  REQUIRE(r.ok());
  CHECK(r->rows.empty());

  // Within one half the chain guarantees a path; the random relationships shorten it.
  params["b"] = Value(static_cast<int64_t>(g.nodes[9000]));
  r = engine.Execute(
      "MATCH (a), (b) WHERE id(a) = $a AND id(b) = $b "
      "MATCH p = shortestPath((a)-[*]-(b)) RETURN length(p) < 9000 AS shorter",
      params);
  REQUIRE(r.ok());
  REQUIRE(r->rows.size() == 1);
  CHECK(r->rows[0][0].ToCypher() == "true");
}

TEST_CASE("Engine: benchmark of shortestPath on a 4,700-node graph", "[query][.]") {
  kg::testing::TempStore store;
  REQUIRE(store.get() != nullptr);
  Generated g = Generate(store.get(), 4700, 7000);
  Engine engine(store.get());
  ValueMap params{{"a", Value(static_cast<int64_t>(g.nodes[5]))},
                  {"b", Value(static_cast<int64_t>(g.nodes[4000]))}};
  auto start = std::chrono::steady_clock::now();
  auto r = engine.Execute(
      "MATCH (a), (b) WHERE id(a) = $a AND id(b) = $b "
      "MATCH p = shortestPath((a)-[:t1|t2*..6]-(b)) RETURN p",
      params);
  REQUIRE(r.ok());
  CHECK(r->rows.empty());
  std::printf("no path, id() lookup + shortestPath: %.3f s\n", Seconds(start));
  start = std::chrono::steady_clock::now();
  r = engine.Execute("MATCH (a) WHERE id(a) = $a RETURN a", params);
  REQUIRE(r.ok());
  std::printf("id() lookup: %.3f s\n", Seconds(start));
  params["b"] = Value(static_cast<int64_t>(g.nodes[2000]));
  start = std::chrono::steady_clock::now();
  r = engine.Execute(
      "MATCH (a), (b) WHERE id(a) = $a AND id(b) = $b "
      "MATCH p = allShortestPaths((a)-[*..12]-(b)) RETURN length(p)",
      params);
  REQUIRE(r.ok());
  std::printf("allShortestPaths over a path: %zu rows, %.3f s\n", r->rows.size(), Seconds(start));
  start = std::chrono::steady_clock::now();
  r = engine.Execute(
      "MATCH (a), (b) WHERE id(a) = $a AND id(b) = $b "
      "MATCH p = shortestPath((a)-[*]-(b)) RETURN length(p)",
      params);
  REQUIRE(r.ok());
  std::printf("shortestPath, unbounded, path exists: %zu rows, %.3f s\n", r->rows.size(),
              Seconds(start));
  start = std::chrono::steady_clock::now();
  r = engine.Execute("MATCH (a), (b) WHERE a.i = 5 AND b.i = 4000 RETURN a.i, b.i");
  REQUIRE(r.ok());
  std::printf("two unindexed lookups in one MATCH: %.3f s\n", Seconds(start));
  start = std::chrono::steady_clock::now();
  r = engine.Execute("MATCH (a), (b) WHERE b.i = a.i + 1 RETURN count(*)");
  REQUIRE(r.ok());
  std::printf("equi-join on an unindexed property: %.3f s\n", Seconds(start));
  start = std::chrono::steady_clock::now();
  r = engine.Execute("UNWIND range(1, 300000) AS x RETURN x ORDER BY x % 1000 DESC, x");
  REQUIRE(r.ok());
  std::printf("300k rows, full sort: %.3f s\n", Seconds(start));
  start = std::chrono::steady_clock::now();
  r = engine.Execute("UNWIND range(1, 300000) AS x RETURN x ORDER BY x % 1000 DESC, x LIMIT 10");
  REQUIRE(r.ok());
  std::printf("300k rows, ORDER BY LIMIT 10: %.3f s\n", Seconds(start));
  start = std::chrono::steady_clock::now();
  r = engine.Execute("CALL kg.pagerank() YIELD node, score RETURN node ORDER BY score DESC LIMIT 5");
  REQUIRE(r.ok());
  std::printf("pagerank top 5: %.3f s\n", Seconds(start));
  start = std::chrono::steady_clock::now();
  r = engine.Execute("CALL kg.betweenness() YIELD node, score RETURN node ORDER BY score DESC LIMIT 5");
  REQUIRE(r.ok());
  std::printf("betweenness top 5: %.3f s\n", Seconds(start));
}

TEST_CASE("Engine: multi-part MATCH filters each part before the next", "[query]") {
  kg::testing::TempStore store;
  REQUIRE(store.get() != nullptr);
  Generate(store.get(), 20000, 20000);
  Engine engine(store.get());
  // `i` is not indexed: without pushdown this is a 400-million-row cartesian product.
  auto r = engine.Execute(
      "MATCH (a), (b) WHERE a.i = 7 AND b.i = 12007 RETURN a.i, b.i");
  REQUIRE(r.ok());
  REQUIRE(r->rows.size() == 1);
  CHECK(r->rows[0][0].ToCypher() == "7");
  CHECK(r->rows[0][1].ToCypher() == "12007");

  // An equi-join on an unindexed property: a hash join, not 400 million pairs.
  r = engine.Execute("MATCH (a), (b) WHERE b.i = a.i + 10000 RETURN count(*)");
  REQUIRE(r.ok());
  CHECK(r->rows[0][0].ToCypher() == "10000");
}

TEST_CASE("Engine: EXPLAIN names the seeks, joins, top-k and procedure calls", "[query]") {
  kg::testing::TempStore store;
  REQUIRE(store.get() != nullptr);
  Engine engine(store.get());
  auto plan = [&](const std::string& statement) {
    auto r = engine.Execute("EXPLAIN " + statement, {{"a", Value(int64_t{1})}});
    REQUIRE(r.ok());
    std::string text;
    for (const auto& line : r->plan) text += line + "\n";
    return text;
  };
  CHECK_THAT(plan("MATCH (a), (b) WHERE id(a) = $a AND id(b) = id(a) RETURN b"),
             Catch::Contains("1. NodeByIdSeek (a) id = $a") &&
                 Catch::Contains("2. NodeByIdSeek (b) id = id(a)"));
  CHECK_THAT(plan("MATCH (a:N), (b:N) WHERE b.i = a.i + 1 RETURN b"),
             Catch::Contains("1. NodeByLabelScan (a:N)") &&
                 Catch::Contains("2. NodeHashJoin (b:N) b.i = a.i + 1"));
  CHECK_THAT(plan("MATCH (n) RETURN n ORDER BY n.i LIMIT 3"), Catch::Contains("Top n.i"));
  CHECK_THAT(plan("MATCH (n) RETURN n ORDER BY n.i"), Catch::Contains("Sort n.i"));
  CHECK_THAT(plan("CALL kg.pagerank() YIELD node, score WHERE score > 0.1 RETURN node"),
             Catch::Contains("1. ProcedureCall kg.pagerank() YIELD node, score") &&
                 Catch::Contains("2. Filter score > 0.1"));
}

TEST_CASE("Engine: Interrupt stops a long statement", "[query]") {
  kg::testing::TempStore store;
  REQUIRE(store.get() != nullptr);
  Engine engine(store.get());

  auto interrupt_soon = [&engine](std::atomic<bool>& stop) {
    return std::thread([&engine, &stop] {
      // Keep asking until the statement is seen to stop: Execute clears the flag when it
      // starts, so an early call alone could be lost.
      while (!stop.load()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        engine.Interrupt();
      }
    });
  };

  SECTION("a reading statement") {
    std::atomic<bool> stop{false};
    std::thread interrupter = interrupt_soon(stop);
    auto r = engine.Execute("UNWIND range(1, 100000000) AS x RETURN count(*)");
    stop = true;
    interrupter.join();
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == StatusCode::kInvalidArgument);
    CHECK(r.status().kind() == "Interrupted");
    CHECK(r.status().message() == "query interrupted");
  }

  SECTION("a writing statement changes nothing") {
    std::atomic<bool> stop{false};
    std::thread interrupter = interrupt_soon(stop);
    auto r = engine.Execute("UNWIND range(1, 100000000) AS x CREATE (:X {x: x})");
    stop = true;
    interrupter.join();
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().kind() == "Interrupted");
    r = engine.Execute("MATCH (n:X) RETURN count(*)");
    REQUIRE(r.ok());
    CHECK(r->rows[0][0].ToCypher() == "0");
  }

  SECTION("the next statement runs normally") {
    engine.Interrupt();
    auto r = engine.Execute("UNWIND range(1, 3) AS x RETURN sum(x)");
    REQUIRE(r.ok());
    CHECK(r->rows[0][0].ToCypher() == "6");
  }
}
