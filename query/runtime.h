// The engine's working values (property values plus nodes, relationships and paths, as
// Cypher computes with them), rows, and the error thrown inside query/ and turned into a
// Status at Engine::Execute. Internal to query/.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/graph_types.h"
#include "core/status.h"
#include "core/value.h"

namespace kg::query {

class RValue;
using RList = std::vector<RValue>;
using RMap = std::map<std::string, RValue>;

struct NodeRef {
  NodeId id;
};
// A relationship, with its type and endpoints when the scan that found it read them (so that
// type(), startNode(), endNode() and type filters need no record); type == kUnknownType
// otherwise. Equality and ordering look at the id only.
struct EdgeRef {
  static constexpr uint32_t kUnknownType = UINT32_MAX;
  EdgeId id;
  uint32_t type = kUnknownType;
  NodeId source = 0;
  NodeId target = 0;
};
struct PathRef {
  std::vector<NodeId> nodes;
  std::vector<EdgeId> edges;
};

class RValue {
 public:
  enum class Type { kNull, kBool, kInt, kFloat, kString, kList, kMap, kNode, kEdge, kPath };

  RValue() = default;
  RValue(bool b) : data_(b) {}                 // NOLINT
  RValue(int64_t i) : data_(i) {}              // NOLINT
  RValue(int i) : data_(static_cast<int64_t>(i)) {}  // NOLINT
  RValue(double d) : data_(d) {}               // NOLINT
  RValue(std::string s) : data_(std::move(s)) {}  // NOLINT
  RValue(const char* s) : data_(std::string(s)) {}  // NOLINT
  RValue(RList l) : data_(std::make_shared<const RList>(std::move(l))) {}  // NOLINT
  RValue(RMap m) : data_(std::make_shared<const RMap>(std::move(m))) {}    // NOLINT
  RValue(NodeRef n) : data_(n) {}              // NOLINT
  RValue(EdgeRef e) : data_(e) {}              // NOLINT
  RValue(PathRef p) : data_(std::make_shared<const PathRef>(std::move(p))) {}  // NOLINT

  Type type() const { return static_cast<Type>(data_.index()); }
  bool is_null() const { return type() == Type::kNull; }
  bool is_bool() const { return type() == Type::kBool; }
  bool is_int() const { return type() == Type::kInt; }
  bool is_float() const { return type() == Type::kFloat; }
  bool is_number() const { return is_int() || is_float(); }
  bool is_string() const { return type() == Type::kString; }
  bool is_list() const { return type() == Type::kList; }
  bool is_map() const { return type() == Type::kMap; }
  bool is_node() const { return type() == Type::kNode; }
  bool is_edge() const { return type() == Type::kEdge; }
  bool is_path() const { return type() == Type::kPath; }

  bool as_bool() const { return std::get<bool>(data_); }
  int64_t as_int() const { return std::get<int64_t>(data_); }
  double as_float() const { return std::get<double>(data_); }
  double as_number() const { return is_int() ? static_cast<double>(as_int()) : as_float(); }
  const std::string& as_string() const { return std::get<std::string>(data_); }
  const RList& as_list() const { return *std::get<std::shared_ptr<const RList>>(data_); }
  const RMap& as_map() const { return *std::get<std::shared_ptr<const RMap>>(data_); }
  NodeId node_id() const { return std::get<NodeRef>(data_).id; }
  EdgeId edge_id() const { return std::get<EdgeRef>(data_).id; }
  const EdgeRef& edge_ref() const { return std::get<EdgeRef>(data_); }
  const PathRef& as_path() const { return *std::get<std::shared_ptr<const PathRef>>(data_); }

 private:
  std::variant<std::monostate, bool, int64_t, double, std::string, std::shared_ptr<const RList>,
               std::shared_ptr<const RMap>, NodeRef, EdgeRef, std::shared_ptr<const PathRef>>
      data_;
};

// A Status carried by an exception inside query/ only.
struct QueryError {
  Status status;
};

[[noreturn]] void ThrowSemantic(const std::string& kind, const std::string& message,
                                SourceSpan span = {});
// A runtime error (TypeError, ArgumentError, ... in TCK terms): kSemanticError with `kind`.
[[noreturn]] void ThrowRuntime(const std::string& kind, const std::string& message);

RValue FromValue(const Value& v);
// The same, taking a string value's text instead of copying it.
RValue FromValue(Value&& v);
// kInvalidArgument-style QueryError (InvalidPropertyType) for nodes, edges, paths, maps in lists.
Value ToValue(const RValue& v);

// Cypher's name for the type, for messages: "INTEGER", "NODE", ...
std::string RTypeName(const RValue& v);

// Structural equality for grouping and DISTINCT (null equals null, 1 equals 1.0).
bool Equivalent(const RValue& a, const RValue& b);
// A string that is equal for equivalent values: the grouping / DISTINCT key.
std::string GroupKey(const RValue& v);
// Cypher's global sort order (ORDER BY), null last ascending.
int OrderCompare(const RValue& a, const RValue& b);
// Three-valued `=`: true, false, or null.
RValue CypherEquals(const RValue& a, const RValue& b);
// `<`-family: -1/0/1, or nullopt when incomparable (the comparison yields null).
std::optional<int> CypherCompare(const RValue& a, const RValue& b);

// The variables of one row and their values: a small vector in the order the variables were
// bound, as rows hold a handful of variables and are copied often (one allocation instead of
// one per entry); binding and unbinding the last variable, as matching does, moves nothing.
// Nothing depends on the order. The interface is std::map's, for the parts the engine uses.
class Row {
 public:
  using value_type = std::pair<std::string, RValue>;
  using iterator = std::vector<value_type>::iterator;
  using const_iterator = std::vector<value_type>::const_iterator;

  iterator begin() { return items_.begin(); }
  iterator end() { return items_.end(); }
  const_iterator begin() const { return items_.begin(); }
  const_iterator end() const { return items_.end(); }
  size_t size() const { return items_.size(); }
  bool empty() const { return items_.empty(); }
  void clear() { items_.clear(); }
  void reserve(size_t n) { items_.reserve(n); }

  iterator find(std::string_view name) {
    // Equality tests the lengths first, cheaper than the ordering LowerBound needs.
    for (auto it = items_.begin(); it != items_.end(); ++it) {
      if (std::string_view(it->first) == name) return it;
    }
    return items_.end();
  }
  const_iterator find(std::string_view name) const {
    return const_cast<Row*>(this)->find(name);
  }
  size_t count(std::string_view name) const { return find(name) != end() ? 1 : 0; }
  // REQUIRES: the row has the variable (as std::map::at, throws std::out_of_range if not).
  const RValue& at(std::string_view name) const;
  RValue& operator[](std::string_view name) {
    auto it = find(name);
    if (it != items_.end()) return it->second;
    items_.emplace_back(std::string(name), RValue());
    return items_.back().second;
  }
  std::pair<iterator, bool> emplace(std::string_view name, RValue value) {
    auto it = find(name);
    if (it != items_.end()) return {it, false};
    items_.emplace_back(std::string(name), std::move(value));
    return {items_.end() - 1, true};
  }
  size_t erase(std::string_view name) {
    auto it = find(name);
    if (it == items_.end()) return 0;
    items_.erase(it);
    return 1;
  }

 private:
  std::vector<value_type> items_;
};

}  // namespace kg::query
