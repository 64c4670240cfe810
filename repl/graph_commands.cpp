#include "repl/graph_commands.h"

#include <algorithm>
#include <unordered_map>

#include "graph/algorithms.h"
#include "graph/view.h"
#include "storage/store.h"

namespace kg::repl {

namespace {

graph::GraphFilter EntityFacts() {
  graph::GraphFilter filter;
  filter.exclude_labels = {"Article", "Quote"};
  filter.exclude_types = {"MENTIONS"};
  return filter;
}

std::string NameOf(const Node& node) {
  auto it = node.properties.find("name");
  return it == node.properties.end() ? "#" + std::to_string(node.id) : it->second.ToDisplay();
}

Value LabelsOf(const Node& node) {
  ValueList labels;
  for (const auto& l : node.labels) labels.emplace_back(l);
  return Value(std::move(labels));
}

}  // namespace

Result<query::QueryResult> CentralEntities(const storage::GraphReader& reader, size_t limit) {
  auto view = graph::BuildView(reader, EntityFacts());
  if (!view.ok()) return view.status();
  auto ranks = graph::PageRank(*view);
  if (!ranks.ok()) return ranks.status();
  std::unordered_map<NodeId, size_t> degree;
  for (const auto& d : graph::DegreeCentrality(*view)) degree[d.node] = d.total;
  std::vector<graph::NodeScore> order = *ranks;
  std::stable_sort(order.begin(), order.end(),
                   [](const auto& a, const auto& b) { return a.score > b.score; });
  query::QueryResult result;
  result.columns = {"name", "labels", "pagerank", "facts"};
  for (size_t i = 0; i < order.size() && i < limit; ++i) {
    auto vertex = view->VertexOf(order[i].node);
    if (!vertex) continue;
    const Node& node = view->node(*vertex);
    result.rows.push_back({query::ResultValue(Value(NameOf(node))),
                           query::ResultValue(LabelsOf(node)),
                           query::ResultValue(Value(order[i].score)),
                           query::ResultValue(Value(static_cast<int64_t>(degree[node.id])))});
  }
  return result;
}

Result<query::QueryResult> EntityGroups(const storage::GraphReader& reader, size_t limit) {
  auto view = graph::BuildView(reader, EntityFacts());
  if (!view.ok()) return view.status();
  std::unordered_map<NodeId, size_t> degree;
  for (const auto& d : graph::DegreeCentrality(*view)) degree[d.node] = d.total;
  query::QueryResult result;
  result.columns = {"group", "entities", "most connected"};
  auto components = graph::ConnectedComponents(*view);
  for (size_t i = 0; i < components.size() && i < limit; ++i) {
    std::vector<NodeId> members = components[i];
    std::stable_sort(members.begin(), members.end(),
                     [&](NodeId a, NodeId b) { return degree[a] > degree[b]; });
    ValueList names;
    for (size_t j = 0; j < members.size() && j < 5; ++j) {
      names.emplace_back(NameOf(view->node(*view->VertexOf(members[j]))));
    }
    result.rows.push_back({query::ResultValue(Value(static_cast<int64_t>(i + 1))),
                           query::ResultValue(Value(static_cast<int64_t>(members.size()))),
                           query::ResultValue(Value(std::move(names)))});
  }
  return result;
}

Result<query::QueryResult> Neighbours(const storage::GraphReader& reader, NodeId center,
                                      int hops) {
  auto view = graph::BuildView(reader, EntityFacts());
  if (!view.ok()) return view.status();
  auto around = graph::KHopNeighbourhood(*view, center, hops);
  if (!around.ok()) return around.status();
  std::vector<size_t> order(around->nodes.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return around->distances[a] < around->distances[b];
  });
  query::QueryResult result;
  result.columns = {"name", "labels", "hops"};
  for (size_t i : order) {
    if (around->nodes[i] == center) continue;
    const Node& node = view->node(*view->VertexOf(around->nodes[i]));
    result.rows.push_back({query::ResultValue(Value(NameOf(node))),
                           query::ResultValue(LabelsOf(node)),
                           query::ResultValue(Value(static_cast<int64_t>(around->distances[i])))});
  }
  return result;
}

}  // namespace kg::repl
