#include "graph/export.h"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/graphml.hpp>
#include <boost/property_map/dynamic_property_map.hpp>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "storage/store.h"

namespace kg::graph {

namespace {

using BoostGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS,
                                         boost::no_property, boost::property<boost::edge_index_t, size_t>>;

// One GraphML attribute: its values for every element, in the narrowest type all of them fit.
struct Column {
  enum class Kind { kUnset, kBool, kLong, kDouble, kString } kind = Kind::kUnset;
  bool complete = true;  // present on every element
  std::vector<Value> values;
};

// Widens `kind` so that it also holds `v`.
Column::Kind Widen(Column::Kind kind, const Value& v) {
  using K = Column::Kind;
  K needed = v.is_bool() ? K::kBool : v.is_int() ? K::kLong : v.is_float() ? K::kDouble : K::kString;
  if (kind == K::kUnset || kind == needed) return needed;
  bool both_numbers = (kind == K::kLong || kind == K::kDouble) &&
                      (needed == K::kLong || needed == K::kDouble);
  return both_numbers ? K::kDouble : K::kString;
}

// Collects element properties into columns, then registers them with Boost's writer.
class Columns {
 public:
  explicit Columns(size_t count) : count_(count) {}

  void Set(const std::string& key, size_t element, const Value& v) {
    if (v.is_null()) return;
    Column& column = columns_[key];
    if (column.values.empty()) column.values.resize(count_);
    column.values[element] = v;
    column.kind = Widen(column.kind, v);
  }

  template <typename IndexMap>
  void Register(boost::dynamic_properties& properties, IndexMap index) {
    for (auto& [key, column] : columns_) {
      for (const auto& v : column.values) {
        if (v.is_null()) column.complete = false;
      }
      // A missing number would read back as 0: only complete columns keep a typed form.
      Column::Kind kind = column.complete ? column.kind : Column::Kind::kString;
      switch (kind) {
        case Column::Kind::kBool: Add<bool>(properties, key, index, column, [](const Value& v) {
            return v.as_bool();
          });
          break;
        case Column::Kind::kLong: Add<long>(properties, key, index, column, [](const Value& v) {
            return static_cast<long>(v.as_int());
          });
          break;
        case Column::Kind::kDouble: Add<double>(properties, key, index, column, [](const Value& v) {
            return v.as_number();
          });
          break;
        default: Add<std::string>(properties, key, index, column, [](const Value& v) {
            return v.is_null() ? std::string() : v.ToDisplay();
          });
      }
    }
  }

 private:
  template <typename T, typename IndexMap, typename Convert>
  void Add(boost::dynamic_properties& properties, const std::string& key, IndexMap index,
           const Column& column, Convert convert) {
    auto storage = std::make_shared<std::vector<T>>();
    storage->reserve(column.values.size());
    for (const auto& v : column.values) storage->push_back(convert(v));
    keep_alive_.push_back(storage);
    properties.property(key, boost::make_iterator_property_map(storage->begin(), index));
  }

  size_t count_;
  std::map<std::string, Column> columns_;
  std::vector<std::shared_ptr<void>> keep_alive_;
};

std::string JoinLabels(const std::vector<std::string>& labels) {
  std::string out;
  for (const auto& l : labels) out += ":" + l;
  return out;
}

}  // namespace

Status WriteGraphML(const storage::GraphReader& reader, std::ostream& out) {
  std::vector<Node> nodes;
  std::unordered_map<NodeId, size_t> vertex_of;
  Status status = reader.ScanNodes([&](NodeId id) {
    auto node = reader.GetNode(id);
    if (!node.ok()) return false;
    vertex_of[id] = nodes.size();
    nodes.push_back(std::move(node).value());
    return true;
  });
  if (!status.ok()) return status;
  if (vertex_of.size() != nodes.size()) return Status::Corruption("node index disagrees with nodes");

  std::vector<Edge> edges;
  Status edge_status;
  status = reader.ScanEdges([&](EdgeId id) {
    auto edge = reader.GetEdge(id);
    if (!edge.ok()) {
      edge_status = edge.status();
      return false;
    }
    edges.push_back(std::move(edge).value());
    return true;
  });
  if (!status.ok()) return status;
  if (!edge_status.ok()) return edge_status;

  BoostGraph g(nodes.size());
  Columns node_columns(nodes.size());
  for (size_t i = 0; i < nodes.size(); ++i) {
    const Node& n = nodes[i];
    node_columns.Set("kg_id", i, Value(static_cast<int64_t>(n.id)));
    node_columns.Set("labels", i, Value(JoinLabels(n.labels)));
    auto name = n.properties.find("name");
    std::string display = name != n.properties.end() ? name->second.ToDisplay()
                          : n.labels.empty()         ? std::to_string(n.id)
                                                     : n.labels.front();
    node_columns.Set("label", i, Value(display));
    for (const auto& [key, v] : n.properties) {
      if (key == "label" || key == "labels" || key == "kg_id") continue;  // ours win
      node_columns.Set(key, i, v);
    }
  }

  Columns edge_columns(edges.size());
  for (size_t i = 0; i < edges.size(); ++i) {
    const Edge& e = edges[i];
    auto source = vertex_of.find(e.source);
    auto target = vertex_of.find(e.target);
    if (source == vertex_of.end() || target == vertex_of.end()) {
      return Status::Corruption("relationship " + std::to_string(e.id) +
                                " points at a missing node");
    }
    boost::add_edge(source->second, target->second, i, g);
    edge_columns.Set("kg_id", i, Value(static_cast<int64_t>(e.id)));
    edge_columns.Set("type", i, Value(e.type));
    edge_columns.Set("label", i, Value(e.type));
    for (const auto& [key, v] : e.properties) {
      if (key == "label" || key == "type" || key == "kg_id") continue;
      // Evidence lists hold maps; GraphML has no nesting, so they go as Cypher text.
      edge_columns.Set(key, i, v);
    }
  }

  boost::dynamic_properties properties(boost::ignore_other_properties);
  node_columns.Register(properties, boost::get(boost::vertex_index, g));
  edge_columns.Register(properties, boost::get(boost::edge_index, g));
  try {
    boost::write_graphml(out, g, boost::get(boost::vertex_index, g), properties, true);
  } catch (const std::exception& e) {
    return Status::IOError(std::string("writing GraphML: ") + e.what());
  }
  if (!out) return Status::IOError("writing GraphML failed");
  return Status::OK();
}

}  // namespace kg::graph
