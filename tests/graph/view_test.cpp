#include "graph/view.h"

#include <catch2/catch.hpp>
#include <cmath>

#include "tests/graph/graph_fixture.h"

using kg::EdgeId;
using kg::NodeId;
using kg::Value;
using kg::graph::BuildView;
using kg::graph::GraphFilter;
using kg::graph::GraphView;
using kg::graph::Subgraph;

namespace {

std::vector<NodeId> NodeIds(const GraphView& view) {
  std::vector<NodeId> ids;
  for (const auto& n : view.nodes()) ids.push_back(n.id);
  return ids;
}

std::vector<EdgeId> EdgeIds(const GraphView& view) {
  std::vector<EdgeId> ids;
  for (const auto& e : view.edges()) ids.push_back(e.id);
  return ids;
}

// ada -spokesperson-for(0.9)-> acme, bob -opposes(0.3)-> ada, article -MENTIONS-> ada,
// article -MENTIONS-> acme, paris (isolated).
struct NewsGraph {
  kg::testing::GraphFixture fixture;
  NodeId ada, bob, acme, paris, article;
  EdgeId spokesperson, opposes, mentions_ada, mentions_acme;

  NewsGraph() {
    ada = fixture.AddNode({"Person"}, {{"name", Value("Ada")}});
    bob = fixture.AddNode({"Person"}, {{"name", Value("Bob")}});
    acme = fixture.AddNode({"Organization"}, {{"name", Value("Acme")}});
    paris = fixture.AddNode({"Place"}, {{"name", Value("Paris")}});
    article = fixture.AddNode({"Article"}, {{"title", Value("News")}});
    spokesperson = fixture.AddEdge("spokesperson-for", ada, acme, {{"confidence", Value(0.9)}});
    opposes = fixture.AddEdge("opposes", bob, ada, {{"confidence", Value(0.3)}});
    mentions_ada = fixture.AddEdge("MENTIONS", article, ada, {{"count", Value(2)}});
    mentions_acme = fixture.AddEdge("MENTIONS", article, acme, {{"count", Value(1)}});
  }
};

}  // namespace

TEST_CASE("GraphView: the whole store, with dense numbers in id order", "[graph]") {
  NewsGraph g;
  auto reader = g.fixture.Reader();
  auto view = BuildView(*reader);
  REQUIRE(view.ok());
  CHECK(NodeIds(*view) == std::vector<NodeId>{g.ada, g.bob, g.acme, g.paris, g.article});
  CHECK(EdgeIds(*view) ==
        std::vector<EdgeId>{g.spokesperson, g.opposes, g.mentions_ada, g.mentions_acme});
  for (size_t e = 0; e < view->edge_count(); ++e) {
    CHECK(view->node(view->source(e)).id == view->edge(e).source);
    CHECK(view->node(view->target(e)).id == view->edge(e).target);
  }
  CHECK(view->VertexOf(g.acme) == std::optional<size_t>(2));
  CHECK_FALSE(view->VertexOf(9999).has_value());
  CHECK(view->node(0).properties.at("name") == Value("Ada"));
}

TEST_CASE("GraphView: filters by label, type and confidence", "[graph]") {
  NewsGraph g;
  auto reader = g.fixture.Reader();

  SECTION("labels keep nodes and the relationships between kept nodes") {
    auto view = BuildView(*reader, GraphFilter{.labels = {"Person", "Organization"}});
    REQUIRE(view.ok());
    CHECK(NodeIds(*view) == std::vector<NodeId>{g.ada, g.bob, g.acme});
    CHECK(EdgeIds(*view) == std::vector<EdgeId>{g.spokesperson, g.opposes});
  }
  SECTION("excluded labels drop articles and their mentions") {
    auto view = BuildView(*reader, GraphFilter{.exclude_labels = {"Article"}});
    REQUIRE(view.ok());
    CHECK(NodeIds(*view) == std::vector<NodeId>{g.ada, g.bob, g.acme, g.paris});
    CHECK(EdgeIds(*view) == std::vector<EdgeId>{g.spokesperson, g.opposes});
  }
  SECTION("types compare with '_' read as '-'") {
    auto view = BuildView(*reader, GraphFilter{.types = {"spokesperson_for"}});
    REQUIRE(view.ok());
    CHECK(view->node_count() == 5);  // nodes are not dropped for having no relationship
    CHECK(EdgeIds(*view) == std::vector<EdgeId>{g.spokesperson});
  }
  SECTION("types with a label filter go through adjacency") {
    auto view = BuildView(*reader, GraphFilter{.labels = {"Person", "Organization"},
                                               .types = {"opposes"}});
    REQUIRE(view.ok());
    CHECK(EdgeIds(*view) == std::vector<EdgeId>{g.opposes});
  }
  SECTION("excluded types") {
    auto view = BuildView(*reader, GraphFilter{.exclude_types = {"MENTIONS", "opposes"}});
    REQUIRE(view.ok());
    CHECK(EdgeIds(*view) == std::vector<EdgeId>{g.spokesperson});
  }
  SECTION("minimum confidence; relationships without one count as certain") {
    auto view = BuildView(*reader, GraphFilter{.min_confidence = 0.5});
    REQUIRE(view.ok());
    CHECK(EdgeIds(*view) ==
          std::vector<EdgeId>{g.spokesperson, g.mentions_ada, g.mentions_acme});
  }
  SECTION("a label nobody has gives an empty view") {
    auto view = BuildView(*reader, GraphFilter{.labels = {"Nobody"}});
    REQUIRE(view.ok());
    CHECK(view->node_count() == 0);
    CHECK(view->edge_count() == 0);
  }
}

TEST_CASE("GraphView: an explicit subgraph of ids", "[graph]") {
  NewsGraph g;
  auto reader = g.fixture.Reader();

  SECTION("endpoints of listed relationships come along; unlisted relationships do not") {
    auto view = BuildView(*reader, Subgraph{.nodes = {g.paris, g.paris}, .edges = {g.opposes}});
    REQUIRE(view.ok());
    CHECK(NodeIds(*view) == std::vector<NodeId>{g.ada, g.bob, g.paris});
    CHECK(EdgeIds(*view) == std::vector<EdgeId>{g.opposes});
  }
  SECTION("nodes only") {
    auto view = BuildView(*reader, Subgraph{.nodes = {g.ada, g.acme}});
    REQUIRE(view.ok());
    CHECK(NodeIds(*view) == std::vector<NodeId>{g.ada, g.acme});
    CHECK(view->edge_count() == 0);
  }
  SECTION("a missing node or relationship is kNotFound") {
    auto view = BuildView(*reader, Subgraph{.nodes = {g.ada, 4242}});
    REQUIRE_FALSE(view.ok());
    CHECK(view.status().code() == kg::StatusCode::kNotFound);
    CHECK(view.status().message() == "node 4242 is not in the store");
    auto edges = BuildView(*reader, Subgraph{.edges = {4343}});
    REQUIRE_FALSE(edges.ok());
    CHECK(edges.status().code() == kg::StatusCode::kNotFound);
    CHECK(edges.status().message() == "relationship 4343 is not in the store");
  }
}

TEST_CASE("GraphView: a self-loop is kept once under a label filter", "[graph]") {
  kg::testing::GraphFixture fixture;
  NodeId a = fixture.AddNode({"Person"});
  NodeId b = fixture.AddNode({"Person", "Place"});
  EdgeId loop = fixture.AddEdge("knows", a, a);
  EdgeId ab = fixture.AddEdge("knows", a, b);
  EdgeId ba = fixture.AddEdge("knows", b, a);
  auto reader = fixture.Reader();
  auto view = BuildView(*reader, GraphFilter{.labels = {"Person", "Place"}});
  REQUIRE(view.ok());
  CHECK(NodeIds(*view) == std::vector<NodeId>{a, b});  // b once, though it has both labels
  CHECK(EdgeIds(*view) == std::vector<EdgeId>{loop, ab, ba});
  CHECK(view->source(0) == 0);
  CHECK(view->target(0) == 0);
  auto no_places = BuildView(*reader, GraphFilter{.exclude_labels = {"Place"}});
  REQUIRE(no_places.ok());
  CHECK(NodeIds(*no_places) == std::vector<NodeId>{a});
  CHECK(EdgeIds(*no_places) == std::vector<EdgeId>{loop});
}

TEST_CASE("GraphView: the default filter keeps odd confidences", "[graph]") {
  kg::testing::GraphFixture fixture;
  NodeId a = fixture.AddNode({"Person"});
  EdgeId odd = fixture.AddEdge("r", a, a, {{"confidence", Value(std::nan(""))}});
  EdgeId negative = fixture.AddEdge("r", a, a, {{"confidence", Value(-1.0)}});
  EdgeId text = fixture.AddEdge("r", a, a, {{"confidence", Value("high")}});
  auto reader = fixture.Reader();
  auto all = BuildView(*reader);
  REQUIRE(all.ok());
  CHECK(EdgeIds(*all) == std::vector<EdgeId>{odd, negative, text});
  auto confident = BuildView(*reader, GraphFilter{.min_confidence = 0.1});
  REQUIRE(confident.ok());
  CHECK(EdgeIds(*confident) == std::vector<EdgeId>{text});  // not a number: certain
}
