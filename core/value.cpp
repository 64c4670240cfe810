#include "core/value.h"

#include <cmath>
#include <cstdio>
#include <functional>

namespace kg {

std::string TypeName(Value::Type type) {
  switch (type) {
    case Value::Type::kNull: return "NULL";
    case Value::Type::kBool: return "BOOLEAN";
    case Value::Type::kInt: return "INTEGER";
    case Value::Type::kFloat: return "FLOAT";
    case Value::Type::kString: return "STRING";
    case Value::Type::kList: return "LIST";
    case Value::Type::kMap: return "MAP";
  }
  return "ANY";
}

std::string FormatFloat(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  char buf[64];
  // Shortest representation that reads back to the same double.
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, d);
    if (std::strtod(buf, nullptr) == d) break;
  }
  std::string s = buf;
  if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
  return s;
}

bool operator==(const Value& a, const Value& b) {
  if (a.is_number() && b.is_number()) {
    if (a.is_int() && b.is_int()) return a.as_int() == b.as_int();
    return a.as_number() == b.as_number();
  }
  if (a.type() != b.type()) return false;
  switch (a.type()) {
    case Value::Type::kNull: return true;
    case Value::Type::kBool: return a.as_bool() == b.as_bool();
    case Value::Type::kString: return a.as_string() == b.as_string();
    case Value::Type::kList: return a.as_list() == b.as_list();
    case Value::Type::kMap: return a.as_map() == b.as_map();
    default: return false;
  }
}

namespace {

// Rank of each type in Cypher's global sort order (ascending).
int OrderRank(Value::Type type) {
  switch (type) {
    case Value::Type::kMap: return 0;
    case Value::Type::kList: return 1;
    case Value::Type::kString: return 2;
    case Value::Type::kBool: return 3;
    case Value::Type::kInt:
    case Value::Type::kFloat: return 4;
    case Value::Type::kNull: return 5;
  }
  return 6;
}

}  // namespace

int Value::Compare(const Value& a, const Value& b) {
  int ra = OrderRank(a.type()), rb = OrderRank(b.type());
  if (ra != rb) return ra < rb ? -1 : 1;
  switch (a.type()) {
    case Type::kNull: return 0;
    case Type::kBool: return static_cast<int>(a.as_bool()) - static_cast<int>(b.as_bool());
    case Type::kInt:
    case Type::kFloat: {
      if (a.is_int() && b.is_int()) {
        return a.as_int() < b.as_int() ? -1 : (a.as_int() > b.as_int() ? 1 : 0);
      }
      double x = a.as_number(), y = b.as_number();
      bool nx = std::isnan(x), ny = std::isnan(y);
      if (nx || ny) return nx == ny ? 0 : (nx ? 1 : -1);  // NaN sorts after all numbers
      return x < y ? -1 : (x > y ? 1 : 0);
    }
    case Type::kString: {
      int c = a.as_string().compare(b.as_string());
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    case Type::kList: {
      const auto& x = a.as_list();
      const auto& y = b.as_list();
      for (size_t i = 0; i < x.size() && i < y.size(); ++i) {
        int c = Compare(x[i], y[i]);
        if (c != 0) return c;
      }
      return x.size() < y.size() ? -1 : (x.size() > y.size() ? 1 : 0);
    }
    case Type::kMap: {
      const auto& x = a.as_map();
      const auto& y = b.as_map();
      auto i = x.begin();
      auto j = y.begin();
      for (; i != x.end() && j != y.end(); ++i, ++j) {
        int c = i->first.compare(j->first);
        if (c != 0) return c < 0 ? -1 : 1;
        c = Compare(i->second, j->second);
        if (c != 0) return c;
      }
      return x.size() < y.size() ? -1 : (x.size() > y.size() ? 1 : 0);
    }
  }
  return 0;
}

namespace {

std::string QuoteString(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    switch (c) {
      case '\'': out += "\\'"; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default: out += c;
    }
  }
  return out + "'";
}

bool IsPlainKey(const std::string& key) {
  if (key.empty() || std::isdigit(static_cast<unsigned char>(key[0]))) return false;
  for (char c : key) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return true;
}

}  // namespace

std::string Value::ToCypher() const {
  switch (type()) {
    case Type::kNull: return "null";
    case Type::kBool: return as_bool() ? "true" : "false";
    case Type::kInt: return std::to_string(as_int());
    case Type::kFloat: return FormatFloat(as_float());
    case Type::kString: return QuoteString(as_string());
    case Type::kList: {
      std::string out = "[";
      bool first = true;
      for (const auto& v : as_list()) {
        if (!first) out += ", ";
        first = false;
        out += v.ToCypher();
      }
      return out + "]";
    }
    case Type::kMap: {
      std::string out = "{";
      bool first = true;
      for (const auto& [k, v] : as_map()) {
        if (!first) out += ", ";
        first = false;
        out += IsPlainKey(k) ? k : "`" + k + "`";
        out += ": " + v.ToCypher();
      }
      return out + "}";
    }
  }
  return "";
}

std::string Value::ToDisplay() const { return is_string() ? as_string() : ToCypher(); }

size_t Value::Hash() const {
  switch (type()) {
    case Type::kNull: return 0x9e3779b9u;
    case Type::kBool: return as_bool() ? 1231 : 1237;
    case Type::kInt:
    case Type::kFloat: {
      // Equal numbers hash equally whatever their type (1 == 1.0).
      double d = as_number();
      if (d == std::floor(d) && std::abs(d) < 9.2e18) {
        return std::hash<int64_t>()(static_cast<int64_t>(d));
      }
      return std::hash<double>()(d);
    }
    case Type::kString: return std::hash<std::string>()(as_string());
    case Type::kList: {
      size_t h = 17;
      for (const auto& v : as_list()) h = h * 31 + v.Hash();
      return h;
    }
    case Type::kMap: {
      size_t h = 19;
      for (const auto& [k, v] : as_map()) h = h * 31 + std::hash<std::string>()(k) * 7 + v.Hash();
      return h;
    }
  }
  return 0;
}

}  // namespace kg
