// An in-memory view of the store, or of part of it, for graph algorithms and exports: the
// chosen nodes and relationships with dense vertex and edge numbers. Boost.Graph adjacency
// lists are built from it inside graph/*.cpp; this header speaks kg types only.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include "core/graph_types.h"
#include "core/status.h"

namespace kg::storage {
class GraphReader;
}

namespace kg::graph {

// Which part of the whole store a view covers. The default keeps everything.
struct GraphFilter {
  // Keep nodes carrying at least one of these labels; empty keeps every node.
  std::vector<std::string> labels = {};
  // Drop nodes carrying any of these labels (e.g. {"Article", "Quote"} for entities only).
  std::vector<std::string> exclude_labels = {};
  // Keep relationships of these types; empty keeps every type. Types compare after
  // CanonicalRelationshipType, so "spokesperson_for" selects "spokesperson-for".
  std::vector<std::string> types = {};
  // Drop relationships of these types (e.g. {"MENTIONS"}).
  std::vector<std::string> exclude_types = {};
  // Drop relationships whose numeric `confidence` is below this. A relationship without a
  // numeric `confidence` (`:MENTIONS`, hand-made ones) counts as certain (1.0). At 0 or
  // below, nothing is dropped for its confidence.
  double min_confidence = 0.0;
};

// An explicit part of the store, such as the nodes and relationships of a query's result.
// The endpoints of every listed relationship are added to the nodes. Relationships between
// listed nodes that are not themselves listed are not added.
struct Subgraph {
  std::vector<NodeId> nodes = {};
  std::vector<EdgeId> edges = {};
};

// The argument of BuildView and of every writer in graph/export.h.
using Selection = std::variant<GraphFilter, Subgraph>;

// Nodes and relationships with dense numbers: vertex v in [0, node_count()) is node(v), in
// node id order; edge e in [0, edge_count()) is edge(e), in relationship id order, from
// vertex source(e) to vertex target(e). Every relationship's endpoints are in the view.
// Immutable once built; safe to read from several threads.
class GraphView {
 public:
  size_t node_count() const { return nodes_.size(); }
  size_t edge_count() const { return edges_.size(); }
  const std::vector<Node>& nodes() const { return nodes_; }
  const std::vector<Edge>& edges() const { return edges_; }
  const Node& node(size_t vertex) const { return nodes_[vertex]; }
  const Edge& edge(size_t edge) const { return edges_[edge]; }
  size_t source(size_t edge) const { return endpoints_[edge].first; }
  size_t target(size_t edge) const { return endpoints_[edge].second; }

  // The vertex of node `id`, or nullopt when the node is not in the view.
  std::optional<size_t> VertexOf(NodeId id) const;

 private:
  friend Result<GraphView> BuildView(const storage::GraphReader& reader,
                                     const Selection& selection);

  std::vector<Node> nodes_;
  std::vector<Edge> edges_;
  std::vector<std::pair<size_t, size_t>> endpoints_;
  std::unordered_map<NodeId, size_t> vertex_of_;
};

// Reads the selected nodes and relationships. With a GraphFilter, a relationship is kept
// only when both endpoints are kept. With a Subgraph, kNotFound names the first id that is
// not in the store. Other errors are the reader's.
Result<GraphView> BuildView(const storage::GraphReader& reader,
                            const Selection& selection = GraphFilter{});

}  // namespace kg::graph
