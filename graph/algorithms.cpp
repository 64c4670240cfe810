#include "graph/algorithms.h"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/betweenness_centrality.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/connected_components.hpp>
#include <cmath>
#include <set>
#include <string>
#include <utility>

namespace kg::graph {

namespace {

using EdgeIndex = boost::property<boost::edge_index_t, size_t>;
using DirectedGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS,
                                            boost::no_property, EdgeIndex>;
using UndirectedGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS,
                                              boost::no_property, EdgeIndex>;

constexpr size_t kNone = static_cast<size_t>(-1);

// Edges are added in view order (relationship id order), so every vertex's out-edge list is
// in id order and searches are deterministic. `reverse` builds the transposed graph.
DirectedGraph BuildDirected(const GraphView& view, bool reverse) {
  DirectedGraph g(view.node_count());
  for (size_t e = 0; e < view.edge_count(); ++e) {
    if (reverse) boost::add_edge(view.target(e), view.source(e), e, g);
    else boost::add_edge(view.source(e), view.target(e), e, g);
  }
  return g;
}

UndirectedGraph BuildUndirected(const GraphView& view) {
  UndirectedGraph g(view.node_count());
  for (size_t e = 0; e < view.edge_count(); ++e) {
    boost::add_edge(view.source(e), view.target(e), e, g);
  }
  return g;
}

// Breadth-first search tree: for each vertex, its distance from the start (-1 when not
// reached) and the vertex and view edge it was discovered through.
struct SearchTree {
  explicit SearchTree(size_t n) : distance(n, -1), parent(n, kNone), parent_edge(n, kNone) {}
  std::vector<int> distance;
  std::vector<size_t> parent;
  std::vector<size_t> parent_edge;
};

class TreeRecorder : public boost::default_bfs_visitor {
 public:
  explicit TreeRecorder(SearchTree* tree) : tree_(tree) {}

  template <typename EdgeDescriptor, typename Graph>
  void tree_edge(EdgeDescriptor e, const Graph& g) {
    size_t from = boost::source(e, g);
    size_t to = boost::target(e, g);
    tree_->parent[to] = from;
    tree_->parent_edge[to] = boost::get(boost::edge_index, g, e);
    tree_->distance[to] = tree_->distance[from] + 1;
  }

 private:
  SearchTree* tree_;
};

template <typename Graph>
void Search(const Graph& g, size_t start, SearchTree& tree) {
  tree.distance[start] = 0;
  boost::breadth_first_search(g, start, boost::visitor(TreeRecorder(&tree)));
}

SearchTree SearchFrom(const GraphView& view, size_t start, Direction direction) {
  SearchTree tree(view.node_count());
  if (direction == Direction::kBoth) {
    Search(BuildUndirected(view), start, tree);
  } else {
    Search(BuildDirected(view, direction == Direction::kIncoming), start, tree);
  }
  return tree;
}

Result<size_t> Vertex(const GraphView& view, NodeId id) {
  auto vertex = view.VertexOf(id);
  if (!vertex) return Status::NotFound("node " + std::to_string(id) + " is not in the graph");
  return *vertex;
}

}  // namespace

Result<std::optional<Path>> ShortestPath(const GraphView& view, NodeId from, NodeId to,
                                         Direction direction) {
  auto start = Vertex(view, from);
  if (!start.ok()) return start.status();
  auto goal = Vertex(view, to);
  if (!goal.ok()) return goal.status();

  SearchTree tree = SearchFrom(view, *start, direction);
  if (tree.distance[*goal] < 0) return std::optional<Path>();
  Path path;
  for (size_t v = *goal; v != *start; v = tree.parent[v]) {
    path.nodes.push_back(view.node(v).id);
    path.edges.push_back(view.edge(tree.parent_edge[v]).id);
  }
  path.nodes.push_back(from);
  std::reverse(path.nodes.begin(), path.nodes.end());
  std::reverse(path.edges.begin(), path.edges.end());
  return std::optional<Path>(std::move(path));
}

Result<Neighbourhood> KHopNeighbourhood(const GraphView& view, NodeId center, int hops,
                                        Direction direction) {
  if (hops < 0) return Status::InvalidArgument("hops must not be negative, got " +
                                               std::to_string(hops));
  auto start = Vertex(view, center);
  if (!start.ok()) return start.status();

  SearchTree tree = SearchFrom(view, *start, direction);
  Neighbourhood result;
  std::vector<bool> inside(view.node_count(), false);
  for (size_t v = 0; v < view.node_count(); ++v) {
    if (tree.distance[v] < 0 || tree.distance[v] > hops) continue;
    inside[v] = true;
    result.nodes.push_back(view.node(v).id);
    result.distances.push_back(tree.distance[v]);
  }
  for (size_t e = 0; e < view.edge_count(); ++e) {
    if (inside[view.source(e)] && inside[view.target(e)]) result.edges.push_back(view.edge(e).id);
  }
  return result;
}

std::vector<std::vector<NodeId>> ConnectedComponents(const GraphView& view) {
  UndirectedGraph g = BuildUndirected(view);
  std::vector<int> component(view.node_count(), 0);
  int count = boost::connected_components(
      g, boost::make_iterator_property_map(component.begin(), boost::get(boost::vertex_index, g)));
  std::vector<std::vector<NodeId>> components(static_cast<size_t>(count));
  // Vertices are in node id order, so each component comes out sorted.
  for (size_t v = 0; v < view.node_count(); ++v) {
    components[static_cast<size_t>(component[v])].push_back(view.node(v).id);
  }
  std::sort(components.begin(), components.end(), [](const auto& a, const auto& b) {
    if (a.size() != b.size()) return a.size() > b.size();
    return a.front() < b.front();
  });
  return components;
}

std::vector<Degree> DegreeCentrality(const GraphView& view) {
  std::vector<Degree> degrees(view.node_count());
  for (size_t v = 0; v < view.node_count(); ++v) degrees[v].node = view.node(v).id;
  for (size_t e = 0; e < view.edge_count(); ++e) {
    ++degrees[view.source(e)].out;
    ++degrees[view.target(e)].in;
  }
  size_t n = view.node_count();
  for (auto& d : degrees) {
    d.total = d.in + d.out;
    d.centrality = n > 1 ? static_cast<double>(d.total) / static_cast<double>(n - 1) : 0.0;
  }
  return degrees;
}

Result<std::vector<NodeScore>> PageRank(const GraphView& view, const PageRankOptions& options) {
  if (!(options.damping >= 0.0 && options.damping <= 1.0)) {
    return Status::InvalidArgument("PageRank damping must be between 0 and 1, got " +
                                   std::to_string(options.damping));
  }
  size_t n = view.node_count();
  std::vector<NodeScore> scores(n);
  if (n == 0) return scores;

  // Boost's page_rank leaves rank on dangling nodes unspread (its docs ask to remove them
  // first), so this is the plain power iteration with the uniform dangling correction.
  std::vector<size_t> out_degree(n, 0);
  for (size_t e = 0; e < view.edge_count(); ++e) ++out_degree[view.source(e)];
  const double d = options.damping;
  const double size = static_cast<double>(n);
  std::vector<double> rank(n, 1.0 / size);
  std::vector<double> next(n);
  for (int iteration = 0; iteration < options.max_iterations; ++iteration) {
    double dangling = 0.0;
    for (size_t v = 0; v < n; ++v) {
      if (out_degree[v] == 0) dangling += rank[v];
    }
    std::fill(next.begin(), next.end(), (1.0 - d) / size + d * dangling / size);
    for (size_t e = 0; e < view.edge_count(); ++e) {
      size_t from = view.source(e);
      next[view.target(e)] += d * rank[from] / static_cast<double>(out_degree[from]);
    }
    double change = 0.0;
    for (size_t v = 0; v < n; ++v) change += std::fabs(next[v] - rank[v]);
    rank.swap(next);
    if (change < options.tolerance * size) break;
  }
  for (size_t v = 0; v < n; ++v) scores[v] = {view.node(v).id, rank[v]};
  return scores;
}

Result<std::vector<NodeScore>> BetweennessCentrality(const GraphView& view,
                                                     const BetweennessOptions& options) {
  if (options.direction == Direction::kIncoming) {
    return Status::InvalidArgument("betweenness centrality takes kBoth or kOutgoing");
  }
  size_t n = view.node_count();
  if (n > options.max_nodes) {
    return Status::InvalidArgument("betweenness centrality: " + std::to_string(n) +
                                   " nodes is more than the limit of " +
                                   std::to_string(options.max_nodes));
  }
  bool undirected = options.direction == Direction::kBoth;
  // Brandes counts shortest paths edge by edge: parallel relationships would multiply paths,
  // so the graph is made simple first, as NetworkX's neighbour-based search sees it.
  std::set<std::pair<size_t, size_t>> links;
  for (size_t e = 0; e < view.edge_count(); ++e) {
    size_t a = view.source(e);
    size_t b = view.target(e);
    if (a == b) continue;
    if (undirected && b < a) std::swap(a, b);
    links.emplace(a, b);
  }
  std::vector<double> centrality(n, 0.0);
  auto run = [&](auto& g) {
    size_t index = 0;
    for (const auto& [a, b] : links) boost::add_edge(a, b, index++, g);
    boost::brandes_betweenness_centrality(
        g, boost::make_iterator_property_map(centrality.begin(), boost::get(boost::vertex_index, g)));
  };
  if (undirected) {
    UndirectedGraph g(n);
    run(g);
  } else {
    DirectedGraph g(n);
    run(g);
  }
  // Boost counts each pair of endpoints once: unordered pairs on an undirected graph (it
  // halves its sums), ordered pairs on a directed one, as NetworkX's normalized=False.
  double scale = 1.0;
  if (options.normalized && n > 2) {
    double pairs = static_cast<double>(n - 1) * static_cast<double>(n - 2);
    scale = undirected ? 2.0 / pairs : 1.0 / pairs;
  }
  std::vector<NodeScore> scores(n);
  for (size_t v = 0; v < n; ++v) scores[v] = {view.node(v).id, centrality[v] * scale};
  return scores;
}

}  // namespace kg::graph
