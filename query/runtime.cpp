#include "query/runtime.h"

#include <cmath>
#include <optional>
#include <stdexcept>

namespace kg::query {

void ThrowSemantic(const std::string& kind, const std::string& message, SourceSpan span) {
  throw QueryError{Status::SemanticError(kind, message, span)};
}

void ThrowRuntime(const std::string& kind, const std::string& message) {
  throw QueryError{Status::SemanticError(kind, message)};
}

const RValue& Row::at(std::string_view name) const {
  auto it = find(name);
  if (it == end()) throw std::out_of_range("row has no variable " + std::string(name));
  return it->second;
}

RValue FromValue(const Value& v) {
  switch (v.type()) {
    case Value::Type::kNull: return RValue();
    case Value::Type::kBool: return RValue(v.as_bool());
    case Value::Type::kInt: return RValue(v.as_int());
    case Value::Type::kFloat: return RValue(v.as_float());
    case Value::Type::kString: return RValue(v.as_string());
    case Value::Type::kList: {
      RList out;
      out.reserve(v.as_list().size());
      for (const auto& item : v.as_list()) out.push_back(FromValue(item));
      return RValue(std::move(out));
    }
    case Value::Type::kMap: {
      RMap out;
      for (const auto& [k, item] : v.as_map()) out.emplace(k, FromValue(item));
      return RValue(std::move(out));
    }
  }
  return RValue();
}

RValue FromValue(Value&& v) {
  if (!v.is_string()) return FromValue(static_cast<const Value&>(v));
  // `v` is an rvalue of a non-const Value (whose interface only lends its text as const).
  return RValue(std::move(const_cast<std::string&>(v.as_string())));
}

Value ToValue(const RValue& v) {
  switch (v.type()) {
    case RValue::Type::kNull: return Value();
    case RValue::Type::kBool: return Value(v.as_bool());
    case RValue::Type::kInt: return Value(v.as_int());
    case RValue::Type::kFloat: return Value(v.as_float());
    case RValue::Type::kString: return Value(v.as_string());
    case RValue::Type::kList: {
      ValueList out;
      for (const auto& item : v.as_list()) out.push_back(ToValue(item));
      return Value(std::move(out));
    }
    case RValue::Type::kMap: {
      ValueMap out;
      for (const auto& [k, item] : v.as_map()) out.emplace(k, ToValue(item));
      return Value(std::move(out));
    }
    default:
      ThrowRuntime("InvalidPropertyType", "a " + RTypeName(v) + " cannot be a property value");
  }
}

std::string RTypeName(const RValue& v) {
  switch (v.type()) {
    case RValue::Type::kNull: return "NULL";
    case RValue::Type::kBool: return "BOOLEAN";
    case RValue::Type::kInt: return "INTEGER";
    case RValue::Type::kFloat: return "FLOAT";
    case RValue::Type::kString: return "STRING";
    case RValue::Type::kList: return "LIST";
    case RValue::Type::kMap: return "MAP";
    case RValue::Type::kNode: return "NODE";
    case RValue::Type::kEdge: return "RELATIONSHIP";
    case RValue::Type::kPath: return "PATH";
  }
  return "ANY";
}

namespace {

void AppendKey(const RValue& v, std::string& out) {
  switch (v.type()) {
    case RValue::Type::kNull: out += "N"; break;
    case RValue::Type::kBool: out += v.as_bool() ? "T" : "F"; break;
    case RValue::Type::kInt: out += "#" + std::to_string(v.as_int()); break;
    case RValue::Type::kFloat: {
      double d = v.as_float();
      if (d == std::floor(d) && std::abs(d) < 9e18) {
        out += "#" + std::to_string(static_cast<int64_t>(d));
      } else {
        out += "#" + FormatFloat(d);
      }
      break;
    }
    case RValue::Type::kString:
      out += "S" + std::to_string(v.as_string().size()) + ":" + v.as_string();
      break;
    case RValue::Type::kList:
      out += "[";
      for (const auto& item : v.as_list()) {
        AppendKey(item, out);
        out += ",";
      }
      out += "]";
      break;
    case RValue::Type::kMap:
      out += "{";
      for (const auto& [k, item] : v.as_map()) {
        out += std::to_string(k.size()) + ":" + k;
        AppendKey(item, out);
        out += ",";
      }
      out += "}";
      break;
    case RValue::Type::kNode: out += "n" + std::to_string(v.node_id()); break;
    case RValue::Type::kEdge: out += "e" + std::to_string(v.edge_id()); break;
    case RValue::Type::kPath:
      out += "p";
      for (auto n : v.as_path().nodes) out += std::to_string(n) + ",";
      out += "/";
      for (auto e : v.as_path().edges) out += std::to_string(e) + ",";
      break;
  }
}

int OrderRank(RValue::Type t) {
  switch (t) {
    case RValue::Type::kMap: return 0;
    case RValue::Type::kNode: return 1;
    case RValue::Type::kEdge: return 2;
    case RValue::Type::kList: return 3;
    case RValue::Type::kPath: return 4;
    case RValue::Type::kString: return 5;
    case RValue::Type::kBool: return 6;
    case RValue::Type::kInt:
    case RValue::Type::kFloat: return 7;
    case RValue::Type::kNull: return 8;
  }
  return 9;
}

int Sign(int64_t a, int64_t b) { return a < b ? -1 : (a > b ? 1 : 0); }

int CompareNumbers(const RValue& a, const RValue& b) {
  if (a.is_int() && b.is_int()) return Sign(a.as_int(), b.as_int());
  double x = a.as_number(), y = b.as_number();
  bool nx = std::isnan(x), ny = std::isnan(y);
  if (nx || ny) return nx == ny ? 0 : (nx ? 1 : -1);
  return x < y ? -1 : (x > y ? 1 : 0);
}

}  // namespace

std::string GroupKey(const RValue& v) {
  std::string out;
  AppendKey(v, out);
  return out;
}

bool Equivalent(const RValue& a, const RValue& b) { return GroupKey(a) == GroupKey(b); }

int OrderCompare(const RValue& a, const RValue& b) {
  int ra = OrderRank(a.type()), rb = OrderRank(b.type());
  if (ra != rb) return ra < rb ? -1 : 1;
  switch (a.type()) {
    case RValue::Type::kNull: return 0;
    case RValue::Type::kBool: return static_cast<int>(a.as_bool()) - static_cast<int>(b.as_bool());
    case RValue::Type::kInt:
    case RValue::Type::kFloat: return CompareNumbers(a, b);
    case RValue::Type::kString: {
      int c = a.as_string().compare(b.as_string());
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    case RValue::Type::kList: {
      const auto& x = a.as_list();
      const auto& y = b.as_list();
      for (size_t i = 0; i < x.size() && i < y.size(); ++i) {
        int c = OrderCompare(x[i], y[i]);
        if (c != 0) return c;
      }
      return Sign(static_cast<int64_t>(x.size()), static_cast<int64_t>(y.size()));
    }
    case RValue::Type::kMap: {
      const auto& x = a.as_map();
      const auto& y = b.as_map();
      auto i = x.begin();
      auto j = y.begin();
      for (; i != x.end() && j != y.end(); ++i, ++j) {
        int c = i->first.compare(j->first);
        if (c != 0) return c < 0 ? -1 : 1;
        c = OrderCompare(i->second, j->second);
        if (c != 0) return c;
      }
      return Sign(static_cast<int64_t>(x.size()), static_cast<int64_t>(y.size()));
    }
    case RValue::Type::kNode: return Sign(a.node_id(), b.node_id());
    case RValue::Type::kEdge: return Sign(a.edge_id(), b.edge_id());
    case RValue::Type::kPath: {
      const auto& x = a.as_path();
      const auto& y = b.as_path();
      for (size_t i = 0; i < x.nodes.size() && i < y.nodes.size(); ++i) {
        int c = Sign(x.nodes[i], y.nodes[i]);
        if (c != 0) return c;
        if (i < x.edges.size() && i < y.edges.size()) {
          c = Sign(x.edges[i], y.edges[i]);
          if (c != 0) return c;
        }
      }
      return Sign(static_cast<int64_t>(x.nodes.size()), static_cast<int64_t>(y.nodes.size()));
    }
  }
  return 0;
}

RValue CypherEquals(const RValue& a, const RValue& b) {
  if (a.is_null() || b.is_null()) return RValue();
  if (a.is_number() && b.is_number()) {
    if (a.is_int() && b.is_int()) return RValue(a.as_int() == b.as_int());
    return RValue(a.as_number() == b.as_number());
  }
  if (a.type() != b.type()) return RValue(false);
  switch (a.type()) {
    case RValue::Type::kBool: return RValue(a.as_bool() == b.as_bool());
    case RValue::Type::kString: return RValue(a.as_string() == b.as_string());
    case RValue::Type::kNode: return RValue(a.node_id() == b.node_id());
    case RValue::Type::kEdge: return RValue(a.edge_id() == b.edge_id());
    case RValue::Type::kPath:
      return RValue(a.as_path().nodes == b.as_path().nodes &&
                    a.as_path().edges == b.as_path().edges);
    case RValue::Type::kList: {
      const auto& x = a.as_list();
      const auto& y = b.as_list();
      if (x.size() != y.size()) return RValue(false);
      bool saw_null = false;
      for (size_t i = 0; i < x.size(); ++i) {
        RValue r = CypherEquals(x[i], y[i]);
        if (r.is_null()) {
          saw_null = true;
        } else if (!r.as_bool()) {
          return RValue(false);
        }
      }
      return saw_null ? RValue() : RValue(true);
    }
    case RValue::Type::kMap: {
      const auto& x = a.as_map();
      const auto& y = b.as_map();
      if (x.size() != y.size()) return RValue(false);
      bool saw_null = false;
      for (const auto& [k, v] : x) {
        auto it = y.find(k);
        if (it == y.end()) return RValue(false);
        RValue r = CypherEquals(v, it->second);
        if (r.is_null()) {
          saw_null = true;
        } else if (!r.as_bool()) {
          return RValue(false);
        }
      }
      return saw_null ? RValue() : RValue(true);
    }
    default: return RValue(false);
  }
}

std::optional<int> CypherCompare(const RValue& a, const RValue& b) {
  if (a.is_null() || b.is_null()) return std::nullopt;
  if (a.is_number() && b.is_number()) {
    if (a.is_int() && b.is_int()) return Sign(a.as_int(), b.as_int());
    double x = a.as_number(), y = b.as_number();
    if (std::isnan(x) || std::isnan(y)) return std::nullopt;
    return x < y ? -1 : (x > y ? 1 : 0);
  }
  if (a.type() != b.type()) return std::nullopt;
  switch (a.type()) {
    case RValue::Type::kBool: return static_cast<int>(a.as_bool()) - static_cast<int>(b.as_bool());
    case RValue::Type::kString: {
      int c = a.as_string().compare(b.as_string());
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    case RValue::Type::kList: {
      const auto& x = a.as_list();
      const auto& y = b.as_list();
      for (size_t i = 0; i < x.size() && i < y.size(); ++i) {
        auto eq = CypherEquals(x[i], y[i]);
        if (!eq.is_null() && eq.as_bool()) continue;
        auto c = CypherCompare(x[i], y[i]);
        return c;
      }
      return Sign(static_cast<int64_t>(x.size()), static_cast<int64_t>(y.size()));
    }
    default: return std::nullopt;
  }
}

}  // namespace kg::query
