#include "query/procedures.h"

#include <algorithm>
#include <cctype>

#include "graph/algorithms.h"
#include "storage/store.h"

namespace kg::query {

namespace {

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

void Fail(const Status& s) {
  if (!s.ok()) throw QueryError{s};
}

std::vector<std::string> Strings(const RValue& v, const std::string& procedure,
                                 const std::string& key) {
  std::vector<std::string> out;
  if (v.is_null()) return out;
  if (!v.is_list()) {
    ThrowRuntime("InvalidArgumentType",
                 procedure + ": filter key '" + key + "' expects a list of strings");
  }
  for (const auto& item : v.as_list()) {
    if (!item.is_string()) {
      ThrowRuntime("InvalidArgumentType",
                   procedure + ": filter key '" + key + "' expects a list of strings");
    }
    out.push_back(item.as_string());
  }
  return out;
}

// {types, labels, exclude_types, exclude_labels, min_confidence}; null is the whole graph.
graph::GraphFilter ToFilter(const RValue& v, const std::string& procedure) {
  graph::GraphFilter filter;
  if (v.is_null()) return filter;
  if (!v.is_map()) {
    ThrowRuntime("InvalidArgumentType", procedure + ": the filter must be a map, not " +
                                            RTypeName(v));
  }
  for (const auto& [key, value] : v.as_map()) {
    if (key == "types") {
      filter.types = Strings(value, procedure, key);
    } else if (key == "labels") {
      filter.labels = Strings(value, procedure, key);
    } else if (key == "exclude_types") {
      filter.exclude_types = Strings(value, procedure, key);
    } else if (key == "exclude_labels") {
      filter.exclude_labels = Strings(value, procedure, key);
    } else if (key == "min_confidence") {
      if (value.is_null()) continue;
      if (!value.is_number()) {
        ThrowRuntime("InvalidArgumentType", procedure + ": min_confidence expects a number");
      }
      filter.min_confidence = value.as_number();
    } else {
      ThrowRuntime("InvalidArgumentValue",
                   procedure + ": unknown filter key '" + key +
                       "' (expected types, labels, exclude_types, exclude_labels, "
                       "min_confidence)");
    }
  }
  return filter;
}

RValue NodeValue(NodeId id) { return RValue(NodeRef{id}); }
RValue Count(size_t n) { return RValue(static_cast<int64_t>(n)); }

}  // namespace

const std::vector<ProcedureSignature>& Procedures() {
  static const std::vector<ProcedureSignature> kProcedures = {
      {"kg.betweenness", 0, 1, {"node", "score"}, "kg.betweenness([filter])"},
      {"kg.components", 0, 1, {"node", "component"}, "kg.components([filter])"},
      {"kg.degree", 0, 1, {"node", "in", "out", "total"}, "kg.degree([filter])"},
      {"kg.neighbours", 2, 3, {"node", "hops"}, "kg.neighbours(node, hops[, filter])"},
      {"kg.pagerank", 0, 1, {"node", "score"}, "kg.pagerank([filter])"},
  };
  return kProcedures;
}

const ProcedureSignature* FindProcedure(const std::string& name) {
  std::string lower = Lower(name);
  for (const auto& p : Procedures()) {
    if (p.name == lower) return &p;
  }
  return nullptr;
}

const std::vector<std::vector<RValue>>& ProcedureRunner::Run(const ProcedureSignature& procedure,
                                                              const std::vector<RValue>& args) {
  std::string key = procedure.name;
  for (const auto& a : args) key += "\x1f" + GroupKey(a);
  auto cached = results_.find(key);
  if (cached != results_.end()) return cached->second;

  bool neighbours = procedure.name == "kg.neighbours";
  size_t filter_index = neighbours ? 2 : 0;
  RValue filter_arg = args.size() > filter_index ? args[filter_index] : RValue();
  graph::GraphFilter filter = ToFilter(filter_arg, procedure.name);
  std::string view_key = GroupKey(filter_arg);
  auto view_it = views_.find(view_key);
  if (view_it == views_.end()) {
    auto view = graph::BuildView(*reader_, filter);
    Fail(view.status());
    view_it = views_.emplace(view_key, std::move(view).value()).first;
  }
  const graph::GraphView& view = view_it->second;

  std::vector<std::vector<RValue>> records;
  if (procedure.name == "kg.pagerank") {
    auto scores = graph::PageRank(view);
    Fail(scores.status());
    for (const auto& s : *scores) records.push_back({NodeValue(s.node), RValue(s.score)});
  } else if (procedure.name == "kg.betweenness") {
    auto scores = graph::BetweennessCentrality(view);
    Fail(scores.status());
    for (const auto& s : *scores) records.push_back({NodeValue(s.node), RValue(s.score)});
  } else if (procedure.name == "kg.components") {
    auto components = graph::ConnectedComponents(view);
    // Records in node id order; component 0 is the largest.
    std::vector<std::pair<NodeId, size_t>> members;
    for (size_t c = 0; c < components.size(); ++c) {
      for (NodeId id : components[c]) members.push_back({id, c});
    }
    std::sort(members.begin(), members.end());
    for (const auto& [id, c] : members) records.push_back({NodeValue(id), Count(c)});
  } else if (procedure.name == "kg.degree") {
    for (const auto& d : graph::DegreeCentrality(view)) {
      records.push_back({NodeValue(d.node), Count(d.in), Count(d.out), Count(d.total)});
    }
  } else if (neighbours) {
    const RValue& center = args[0];
    const RValue& hops = args[1];
    std::optional<NodeId> id;
    if (center.is_node()) {
      id = center.node_id();
    } else if (center.is_int() && center.as_int() >= 0) {
      id = static_cast<NodeId>(center.as_int());
    } else if (!center.is_null()) {
      ThrowRuntime("InvalidArgumentType",
                   "kg.neighbours: the first argument must be a node or a node id, not " +
                       RTypeName(center));
    }
    if (!hops.is_int()) {
      ThrowRuntime("InvalidArgumentType",
                   "kg.neighbours: hops must be an integer, not " + RTypeName(hops));
    }
    if (hops.as_int() < 0) {
      ThrowRuntime("InvalidArgumentValue", "kg.neighbours: hops must not be negative");
    }
    // A null node, or one the filter leaves out, has no neighbourhood.
    if (id && view.VertexOf(*id)) {
      int limit = static_cast<int>(std::min<int64_t>(hops.as_int(), 1 << 30));
      auto n = graph::KHopNeighbourhood(view, *id, limit);
      Fail(n.status());
      for (size_t i = 0; i < n->nodes.size(); ++i) {
        records.push_back({NodeValue(n->nodes[i]), Count(static_cast<size_t>(n->distances[i]))});
      }
    }
  }
  return results_.emplace(key, std::move(records)).first->second;
}

}  // namespace kg::query
