#include "graph/view.h"

#include <algorithm>
#include <set>
#include <unordered_set>

#include "core/schema.h"
#include "storage/store.h"

namespace kg::graph {

namespace {

bool HasAny(const Node& node, const std::vector<std::string>& labels) {
  for (const auto& label : labels) {
    if (std::binary_search(node.labels.begin(), node.labels.end(), label)) return true;
  }
  return false;
}

std::unordered_set<std::string> CanonicalTypes(const std::vector<std::string>& types) {
  std::unordered_set<std::string> out;
  for (const auto& t : types) out.insert(CanonicalRelationshipType(t));
  return out;
}

double ConfidenceOf(const Edge& edge) {
  auto it = edge.properties.find("confidence");
  if (it == edge.properties.end() || !it->second.is_number()) return 1.0;
  return it->second.as_number();
}

// The ids of the nodes a filter starts from: every node, or those with one of its labels.
Status CollectNodes(const storage::GraphReader& reader, const GraphFilter& filter,
                    std::vector<NodeId>& ids) {
  if (filter.labels.empty()) {
    return reader.ScanNodes([&](NodeId id) {
      ids.push_back(id);
      return true;
    });
  }
  std::set<NodeId> unique;
  for (const auto& label : filter.labels) {
    KG_RETURN_IF_ERROR(reader.ScanNodesWithLabel(label, [&](NodeId id) {
      unique.insert(id);
      return true;
    }));
  }
  ids.assign(unique.begin(), unique.end());
  return Status::OK();
}

}  // namespace

std::optional<size_t> GraphView::VertexOf(NodeId id) const {
  auto it = vertex_of_.find(id);
  if (it == vertex_of_.end()) return std::nullopt;
  return it->second;
}

Result<GraphView> BuildView(const storage::GraphReader& reader, const Selection& selection) {
  GraphView view;
  std::vector<NodeId> node_ids;
  const GraphFilter* filter = std::get_if<GraphFilter>(&selection);

  if (filter != nullptr) {
    KG_RETURN_IF_ERROR(CollectNodes(reader, *filter, node_ids));
  } else {
    const Subgraph& subgraph = std::get<Subgraph>(selection);
    std::set<NodeId> unique(subgraph.nodes.begin(), subgraph.nodes.end());
    std::set<EdgeId> unique_edges(subgraph.edges.begin(), subgraph.edges.end());
    for (EdgeId id : unique_edges) {
      auto edge = reader.GetEdge(id);
      if (!edge.ok()) {
        if (edge.status().code() == StatusCode::kNotFound) {
          return Status::NotFound("relationship " + std::to_string(id) + " is not in the store");
        }
        return edge.status();
      }
      unique.insert(edge->source);
      unique.insert(edge->target);
      view.edges_.push_back(std::move(edge).value());
    }
    node_ids.assign(unique.begin(), unique.end());
  }

  for (NodeId id : node_ids) {
    auto node = reader.GetNode(id);
    if (!node.ok()) {
      if (node.status().code() == StatusCode::kNotFound) {
        return filter != nullptr ? Status::Corruption("node index lists missing node " +
                                                      std::to_string(id))
                                 : Status::NotFound("node " + std::to_string(id) +
                                                    " is not in the store");
      }
      return node.status();
    }
    if (filter != nullptr && !filter->exclude_labels.empty() &&
        HasAny(*node, filter->exclude_labels)) {
      continue;
    }
    view.vertex_of_[id] = view.nodes_.size();
    view.nodes_.push_back(std::move(node).value());
  }

  if (filter != nullptr) {
    auto types = CanonicalTypes(filter->types);
    auto excluded = CanonicalTypes(filter->exclude_types);
    auto keep = [&](const Edge& edge) {
      if (!types.empty() && !types.count(CanonicalRelationshipType(edge.type))) return false;
      if (excluded.count(CanonicalRelationshipType(edge.type))) return false;
      if (!view.vertex_of_.count(edge.source) || !view.vertex_of_.count(edge.target)) {
        return false;
      }
      // The default keeps everything, even a confidence that is NaN or negative.
      return filter->min_confidence <= 0.0 || ConfidenceOf(edge) >= filter->min_confidence;
    };
    Status read_status;
    auto read = [&](EdgeId id) {
      auto edge = reader.GetEdge(id);
      if (!edge.ok()) {
        read_status = edge.status();
        return false;
      }
      if (keep(*edge)) view.edges_.push_back(std::move(edge).value());
      return true;
    };
    bool whole_graph = filter->labels.empty() && filter->exclude_labels.empty();
    if (whole_graph) {
      KG_RETURN_IF_ERROR(reader.ScanEdges(read));
      KG_RETURN_IF_ERROR(read_status);
    } else {
      // Few nodes kept: walk their outgoing adjacency instead of every relationship.
      for (const Node& node : view.nodes_) {
        KG_RETURN_IF_ERROR(reader.ScanAdjacent(
            node.id, Direction::kOutgoing, filter->types,
            [&](const storage::AdjacentEdge& adjacent) {
              if (!view.vertex_of_.count(adjacent.other)) return true;
              return read(adjacent.edge);
            }));
        KG_RETURN_IF_ERROR(read_status);
      }
      std::sort(view.edges_.begin(), view.edges_.end(),
                [](const Edge& a, const Edge& b) { return a.id < b.id; });
      auto same = [](const Edge& a, const Edge& b) { return a.id == b.id; };
      view.edges_.erase(std::unique(view.edges_.begin(), view.edges_.end(), same),
                        view.edges_.end());
    }
  }

  view.endpoints_.reserve(view.edges_.size());
  for (const Edge& edge : view.edges_) {
    auto source = view.vertex_of_.find(edge.source);
    auto target = view.vertex_of_.find(edge.target);
    if (source == view.vertex_of_.end() || target == view.vertex_of_.end()) {
      return Status::Corruption("relationship " + std::to_string(edge.id) +
                                " points at a missing node");
    }
    view.endpoints_.emplace_back(source->second, target->second);
  }
  return view;
}

}  // namespace kg::graph
