// Graph algorithms over a GraphView (graph/view.h), through Boost.Graph: paths,
// neighbourhoods, weakly connected components and centralities. Results name nodes and
// relationships by store id, so callers can fetch evidence for each hop.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "core/graph_types.h"
#include "core/status.h"
#include "graph/view.h"

namespace kg::graph {

// A walk through the view: nodes[i] and nodes[i + 1] are the endpoints of edges[i], in the
// order walked (which, for an undirected search, may be against the relationship's
// direction). A path from a node to itself has one node and no edges.
struct Path {
  std::vector<NodeId> nodes;
  std::vector<EdgeId> edges;
};

// A fewest-hops path from `from` to `to` (breadth-first search). kBoth ignores direction;
// kOutgoing follows relationships forward, kIncoming backward. Ties are broken the same way
// every time: the search takes each node's relationships in id order, and a node keeps the
// first relationship that reached it.
// Returns nullopt when `to` is unreachable; kNotFound when either node is not in the view.
Result<std::optional<Path>> ShortestPath(const GraphView& view, NodeId from, NodeId to,
                                         Direction direction = Direction::kBoth);

struct Neighbourhood {
  std::vector<NodeId> nodes;   // in id order
  std::vector<int> distances;  // parallel to nodes
  std::vector<EdgeId> edges;   // in id order
};

// The nodes within `hops` steps of `center` (itself included, at distance 0), with their
// distances, and every view relationship between two of them (the induced subgraph, as
// NetworkX's ego_graph). `direction` as for ShortestPath. kNotFound when `center` is not
// in the view; kInvalidArgument when hops < 0. Pass the result to BuildView as a Subgraph
// to export it.
Result<Neighbourhood> KHopNeighbourhood(const GraphView& view, NodeId center, int hops,
                                        Direction direction = Direction::kBoth);

// Weakly connected components (relationship direction ignored). Each component lists its
// node ids in increasing order; components come largest first, ties by smallest node id.
std::vector<std::vector<NodeId>> ConnectedComponents(const GraphView& view);

// One value per node of the view, in the view's vertex (node id) order.
struct NodeScore {
  NodeId node = 0;
  double score = 0.0;
};

struct Degree {
  NodeId node = 0;
  size_t in = 0;     // relationships ending here
  size_t out = 0;    // relationships starting here
  size_t total = 0;  // in + out: a self-loop counts twice, parallel relationships each count
  double centrality = 0.0;  // total / (n - 1), as NetworkX's degree_centrality; 0 when n <= 1
};
std::vector<Degree> DegreeCentrality(const GraphView& view);

struct PageRankOptions {
  double damping = 0.85;
  // Stops when the L1 change of the scores over one iteration is below tolerance * n.
  double tolerance = 1e-10;
  int max_iterations = 1000;
};
// PageRank by power iteration on the directed multigraph (each parallel relationship counts
// as one link). A node without outgoing relationships spreads its rank over every node, as
// in NetworkX, so the scores sum to 1. kInvalidArgument unless 0 <= damping <= 1.
Result<std::vector<NodeScore>> PageRank(const GraphView& view, const PageRankOptions& options = {});

struct BetweennessOptions {
  // kBoth: on the undirected simple graph; kOutgoing: on the directed simple graph. Parallel
  // relationships and self-loops do not change shortest paths and are collapsed.
  Direction direction = Direction::kBoth;
  // Divide by the number of pairs of other nodes ((n-1)(n-2)/2 undirected, (n-1)(n-2)
  // directed), as NetworkX's normalized=True.
  bool normalized = true;
  // Brandes' algorithm is O(n·m): larger views are refused with kInvalidArgument.
  size_t max_nodes = 20000;
};
// Betweenness centrality (Brandes), with NetworkX's conventions: in the undirected case each
// unordered pair of endpoints counts once. kInvalidArgument for kIncoming or too large a view.
Result<std::vector<NodeScore>> BetweennessCentrality(const GraphView& view,
                                                     const BetweennessOptions& options = {});

}  // namespace kg::graph
