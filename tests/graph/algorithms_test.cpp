#include "graph/algorithms.h"

#include <catch2/catch.hpp>
#include <map>

#include "tests/graph/graph_fixture.h"

using kg::Direction;
using kg::EdgeId;
using kg::NodeId;
using kg::graph::BuildView;
using kg::graph::GraphView;

namespace {

std::map<NodeId, double> ByNode(const std::vector<kg::graph::NodeScore>& scores) {
  std::map<NodeId, double> out;
  for (const auto& s : scores) out[s.node] = s.score;
  return out;
}

GraphView View(kg::testing::GraphFixture& fixture) {
  auto reader = fixture.Reader();
  auto view = BuildView(*reader);
  REQUIRE(view.ok());
  return std::move(view).value();
}

}  // namespace

// a -> b -> c -> d, e -> d, f isolated:
//   undirected a..e is one path a-b-c-d-e; directed, d reaches nothing.
TEST_CASE("ShortestPath: fewest hops, with the relationships walked", "[graph]") {
  kg::testing::GraphFixture fixture;
  NodeId a = fixture.AddNode({"N"});
  NodeId b = fixture.AddNode({"N"});
  NodeId c = fixture.AddNode({"N"});
  NodeId d = fixture.AddNode({"N"});
  NodeId e = fixture.AddNode({"N"});
  NodeId f = fixture.AddNode({"N"});
  EdgeId ab = fixture.AddEdge("r", a, b);
  EdgeId bc = fixture.AddEdge("r", b, c);
  EdgeId cd = fixture.AddEdge("r", c, d);
  EdgeId ed = fixture.AddEdge("r", e, d);
  EdgeId ac = fixture.AddEdge("shortcut", a, c);
  GraphView view = View(fixture);

  SECTION("undirected by default: a - c - d - e through the shortcut") {
    auto path = kg::graph::ShortestPath(view, a, e);
    REQUIRE(path.ok());
    REQUIRE(path->has_value());
    CHECK((*path)->nodes == std::vector<NodeId>{a, c, d, e});
    CHECK((*path)->edges == std::vector<EdgeId>{ac, cd, ed});
  }
  SECTION("against the direction of travel") {
    auto path = kg::graph::ShortestPath(view, e, b);
    REQUIRE(path.ok());
    REQUIRE(path->has_value());
    CHECK((*path)->nodes == std::vector<NodeId>{e, d, c, b});
    CHECK((*path)->edges == std::vector<EdgeId>{ed, cd, bc});
  }
  SECTION("directed: outgoing follows arrows, incoming goes back") {
    auto forward = kg::graph::ShortestPath(view, a, d, Direction::kOutgoing);
    REQUIRE(forward.ok());
    REQUIRE(forward->has_value());
    CHECK((*forward)->edges == std::vector<EdgeId>{ac, cd});
    auto none = kg::graph::ShortestPath(view, a, e, Direction::kOutgoing);
    REQUIRE(none.ok());
    CHECK_FALSE(none->has_value());
    auto back = kg::graph::ShortestPath(view, d, b, Direction::kIncoming);
    REQUIRE(back.ok());
    REQUIRE(back->has_value());
    CHECK((*back)->nodes == std::vector<NodeId>{d, c, b});
    CHECK((*back)->edges == std::vector<EdgeId>{cd, bc});
  }
  SECTION("a node to itself; unreachable; not in the view") {
    auto self = kg::graph::ShortestPath(view, b, b);
    REQUIRE(self.ok());
    REQUIRE(self->has_value());
    CHECK((*self)->nodes == std::vector<NodeId>{b});
    CHECK((*self)->edges.empty());
    auto unreachable = kg::graph::ShortestPath(view, a, f);
    REQUIRE(unreachable.ok());
    CHECK_FALSE(unreachable->has_value());
    auto missing = kg::graph::ShortestPath(view, a, 777);
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.status().code() == kg::StatusCode::kNotFound);
    CHECK(missing.status().message() == "node 777 is not in the graph");
  }
  (void)ab;
}

TEST_CASE("KHopNeighbourhood: nodes within k hops and the relationships among them", "[graph]") {
  kg::testing::GraphFixture fixture;
  // a -> b -> c -> d, b -> e, x -> a
  NodeId a = fixture.AddNode({"N"});
  NodeId b = fixture.AddNode({"N"});
  NodeId c = fixture.AddNode({"N"});
  NodeId d = fixture.AddNode({"N"});
  NodeId e = fixture.AddNode({"N"});
  NodeId x = fixture.AddNode({"N"});
  EdgeId ab = fixture.AddEdge("r", a, b);
  EdgeId bc = fixture.AddEdge("r", b, c);
  fixture.AddEdge("r", c, d);
  EdgeId be = fixture.AddEdge("r", b, e);
  EdgeId xa = fixture.AddEdge("r", x, a);
  EdgeId ce = fixture.AddEdge("r", c, e);  // between two nodes at distance 2 from a
  GraphView view = View(fixture);

  auto two = kg::graph::KHopNeighbourhood(view, a, 2);
  REQUIRE(two.ok());
  CHECK(two->nodes == std::vector<NodeId>{a, b, c, e, x});
  CHECK(two->distances == std::vector<int>{0, 1, 2, 2, 1});
  CHECK(two->edges == std::vector<EdgeId>{ab, bc, be, xa, ce});

  auto out = kg::graph::KHopNeighbourhood(view, a, 1, Direction::kOutgoing);
  REQUIRE(out.ok());
  CHECK(out->nodes == std::vector<NodeId>{a, b});
  CHECK(out->edges == std::vector<EdgeId>{ab});

  auto zero = kg::graph::KHopNeighbourhood(view, a, 0);
  REQUIRE(zero.ok());
  CHECK(zero->nodes == std::vector<NodeId>{a});
  CHECK(zero->edges.empty());

  auto negative = kg::graph::KHopNeighbourhood(view, a, -1);
  REQUIRE_FALSE(negative.ok());
  CHECK(negative.status().code() == kg::StatusCode::kInvalidArgument);
  CHECK(kg::graph::KHopNeighbourhood(view, 999, 1).status().code() ==
        kg::StatusCode::kNotFound);
}

TEST_CASE("ConnectedComponents: weak components, largest first", "[graph]") {
  kg::testing::GraphFixture fixture;
  NodeId a = fixture.AddNode({"N"});
  NodeId b = fixture.AddNode({"N"});
  NodeId lone = fixture.AddNode({"N"});
  NodeId c = fixture.AddNode({"N"});
  NodeId d = fixture.AddNode({"N"});
  NodeId e = fixture.AddNode({"N"});
  fixture.AddEdge("r", a, b);
  fixture.AddEdge("r", d, c);  // direction does not matter
  fixture.AddEdge("r", e, d);
  fixture.AddEdge("r", lone, lone);
  GraphView view = View(fixture);

  auto components = kg::graph::ConnectedComponents(view);
  REQUIRE(components.size() == 3);
  CHECK(components[0] == std::vector<NodeId>{c, d, e});
  CHECK(components[1] == std::vector<NodeId>{a, b});
  CHECK(components[2] == std::vector<NodeId>{lone});

  kg::testing::GraphFixture empty;
  empty.AddNode({"N"});
  auto reader = empty.Reader();
  auto one = BuildView(*reader, kg::graph::GraphFilter{.labels = {"Missing"}});
  REQUIRE(one.ok());
  CHECK(kg::graph::ConnectedComponents(*one).empty());
}

TEST_CASE("DegreeCentrality: in, out, total and normalised degree", "[graph]") {
  kg::testing::GraphFixture fixture;
  NodeId a = fixture.AddNode({"N"});
  NodeId b = fixture.AddNode({"N"});
  NodeId c = fixture.AddNode({"N"});
  NodeId d = fixture.AddNode({"N"});
  fixture.AddEdge("r", a, b);
  fixture.AddEdge("s", a, b);  // parallel relationships each count
  fixture.AddEdge("r", c, a);
  fixture.AddEdge("r", c, c);  // a self-loop counts in and out
  GraphView view = View(fixture);

  auto degrees = kg::graph::DegreeCentrality(view);
  REQUIRE(degrees.size() == 4);
  CHECK(degrees[0].node == a);
  CHECK(degrees[0].in == 1);
  CHECK(degrees[0].out == 2);
  CHECK(degrees[0].total == 3);
  CHECK(degrees[0].centrality == Approx(1.0));  // 3 / (4 - 1)
  CHECK(degrees[1].total == 2);
  CHECK(degrees[2].in == 1);
  CHECK(degrees[2].out == 2);
  CHECK(degrees[2].centrality == Approx(1.0));
  CHECK(degrees[3].node == d);
  CHECK(degrees[3].total == 0);
  CHECK(degrees[3].centrality == 0.0);
}

TEST_CASE("PageRank: power iteration with dangling nodes", "[graph]") {
  SECTION("a cycle is uniform") {
    kg::testing::GraphFixture fixture;
    NodeId a = fixture.AddNode({"N"});
    NodeId b = fixture.AddNode({"N"});
    NodeId c = fixture.AddNode({"N"});
    fixture.AddEdge("r", a, b);
    fixture.AddEdge("r", b, c);
    fixture.AddEdge("r", c, a);
    auto ranks = kg::graph::PageRank(View(fixture));
    REQUIRE(ranks.ok());
    for (const auto& r : *ranks) CHECK(r.score == Approx(1.0 / 3));
  }
  SECTION("a -> b, a -> c: b and c are dangling") {
    // With s = b + c = 1 - a: a = 0.05 + 0.85 s / 3, so a = (1/3) / (1 + 0.85/3) and
    // b = c = (1 - a) / 2.
    kg::testing::GraphFixture fixture;
    NodeId a = fixture.AddNode({"N"});
    NodeId b = fixture.AddNode({"N"});
    NodeId c = fixture.AddNode({"N"});
    fixture.AddEdge("r", a, b);
    fixture.AddEdge("r", a, c);
    auto ranks = kg::graph::PageRank(View(fixture));
    REQUIRE(ranks.ok());
    auto by_node = ByNode(*ranks);
    double expected_a = (1.0 / 3) / (1.0 + 0.85 / 3);
    CHECK(by_node[a] == Approx(expected_a).epsilon(1e-9));
    CHECK(by_node[b] == Approx((1 - expected_a) / 2).epsilon(1e-9));
    CHECK(by_node[c] == Approx((1 - expected_a) / 2).epsilon(1e-9));
    CHECK(by_node[a] + by_node[b] + by_node[c] == Approx(1.0));
  }
  SECTION("damping 1 without links is uniform; bad damping is refused") {
    kg::testing::GraphFixture fixture;
    fixture.AddNode({"N"});
    fixture.AddNode({"N"});
    GraphView view = View(fixture);
    auto ranks = kg::graph::PageRank(view, {.damping = 1.0});
    REQUIRE(ranks.ok());
    CHECK((*ranks)[0].score == Approx(0.5));
    auto bad = kg::graph::PageRank(view, {.damping = 1.5});
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.status().code() == kg::StatusCode::kInvalidArgument);
  }
  SECTION("an empty view has no scores") {
    kg::testing::GraphFixture fixture;
    auto reader = fixture.Reader();
    auto view = BuildView(*reader);
    REQUIRE(view.ok());
    auto ranks = kg::graph::PageRank(*view);
    REQUIRE(ranks.ok());
    CHECK(ranks->empty());
  }
}

TEST_CASE("BetweennessCentrality: NetworkX's conventions", "[graph]") {
  SECTION("a path a - b - c - d, with a parallel relationship and a self-loop") {
    kg::testing::GraphFixture fixture;
    NodeId a = fixture.AddNode({"N"});
    NodeId b = fixture.AddNode({"N"});
    NodeId c = fixture.AddNode({"N"});
    NodeId d = fixture.AddNode({"N"});
    fixture.AddEdge("r", a, b);
    fixture.AddEdge("s", b, a);
    fixture.AddEdge("r", c, b);
    fixture.AddEdge("r", c, d);
    fixture.AddEdge("r", d, d);
    GraphView view = View(fixture);
    // b lies on a..c and a..d; c on a..d and b..d. Three pairs of other nodes each.
    auto raw = kg::graph::BetweennessCentrality(view, {.normalized = false});
    REQUIRE(raw.ok());
    auto by_node = ByNode(*raw);
    CHECK(by_node[a] == Approx(0.0));
    CHECK(by_node[b] == Approx(2.0));
    CHECK(by_node[c] == Approx(2.0));
    CHECK(by_node[d] == Approx(0.0));
    auto normalized = kg::graph::BetweennessCentrality(view);
    REQUIRE(normalized.ok());
    CHECK(ByNode(*normalized)[b] == Approx(2.0 / 3));
  }
  SECTION("a star: the centre is on every path") {
    kg::testing::GraphFixture fixture;
    NodeId centre = fixture.AddNode({"N"});
    for (int i = 0; i < 4; ++i) fixture.AddEdge("r", fixture.AddNode({"N"}), centre);
    auto scores = kg::graph::BetweennessCentrality(View(fixture));
    REQUIRE(scores.ok());
    CHECK(ByNode(*scores)[centre] == Approx(1.0));
    CHECK((*scores)[1].score == Approx(0.0));
  }
  SECTION("directed: a -> b -> c") {
    kg::testing::GraphFixture fixture;
    NodeId a = fixture.AddNode({"N"});
    NodeId b = fixture.AddNode({"N"});
    NodeId c = fixture.AddNode({"N"});
    fixture.AddEdge("r", a, b);
    fixture.AddEdge("r", b, c);
    GraphView view = View(fixture);
    auto raw = kg::graph::BetweennessCentrality(
        view, {.direction = Direction::kOutgoing, .normalized = false});
    REQUIRE(raw.ok());
    CHECK(ByNode(*raw)[b] == Approx(1.0));
    auto normalized =
        kg::graph::BetweennessCentrality(view, {.direction = Direction::kOutgoing});
    REQUIRE(normalized.ok());
    CHECK(ByNode(*normalized)[b] == Approx(0.5));  // 1 / ((3-1)(3-2))
    CHECK(ByNode(*normalized)[a] == Approx(0.0));
  }
  SECTION("too large a view and kIncoming are refused") {
    kg::testing::GraphFixture fixture;
    for (int i = 0; i < 3; ++i) fixture.AddNode({"N"});
    GraphView view = View(fixture);
    auto big = kg::graph::BetweennessCentrality(view, {.max_nodes = 2});
    REQUIRE_FALSE(big.ok());
    CHECK(big.status().code() == kg::StatusCode::kInvalidArgument);
    auto incoming = kg::graph::BetweennessCentrality(view, {.direction = Direction::kIncoming});
    CHECK(incoming.status().code() == kg::StatusCode::kInvalidArgument);
  }
}
