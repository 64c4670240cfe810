// The engine's working values (property values plus nodes, relationships and paths, as
// Cypher computes with them), rows, and the error thrown inside query/ and turned into a
// Status at Engine::Execute. Internal to query/.
#pragma once

#include <map>
#include <memory>
#include <string>
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
struct EdgeRef {
  EdgeId id;
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

using Row = std::map<std::string, RValue>;

}  // namespace kg::query
