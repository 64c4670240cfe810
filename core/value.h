// Property values of the graph: null, booleans, 64-bit integers, floats, strings, and lists
// and maps of values. The store keeps them; the query engine computes with them.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace kg {

class Value;
using ValueList = std::vector<Value>;
using ValueMap = std::map<std::string, Value>;  // ordered by key: stable output and encoding

class Value {
 public:
  enum class Type { kNull, kBool, kInt, kFloat, kString, kList, kMap };

  Value() = default;
  Value(std::nullptr_t) {}
  Value(bool b) : data_(b) {}
  Value(int i) : data_(static_cast<int64_t>(i)) {}
  Value(int64_t i) : data_(i) {}
  Value(uint64_t i) : data_(static_cast<int64_t>(i)) {}
  Value(double d) : data_(d) {}
  Value(const char* s) : data_(std::string(s)) {}
  Value(std::string s) : data_(std::move(s)) {}
  Value(ValueList list) : data_(std::make_shared<ValueList>(std::move(list))) {}
  Value(ValueMap map) : data_(std::make_shared<ValueMap>(std::move(map))) {}

  Type type() const { return static_cast<Type>(data_.index()); }
  bool is_null() const { return type() == Type::kNull; }
  bool is_bool() const { return type() == Type::kBool; }
  bool is_int() const { return type() == Type::kInt; }
  bool is_float() const { return type() == Type::kFloat; }
  bool is_number() const { return is_int() || is_float(); }
  bool is_string() const { return type() == Type::kString; }
  bool is_list() const { return type() == Type::kList; }
  bool is_map() const { return type() == Type::kMap; }

  // REQUIRES: the value holds the type asked for.
  bool as_bool() const { return std::get<bool>(data_); }
  int64_t as_int() const { return std::get<int64_t>(data_); }
  double as_float() const { return std::get<double>(data_); }
  double as_number() const { return is_int() ? static_cast<double>(as_int()) : as_float(); }
  const std::string& as_string() const { return std::get<std::string>(data_); }
  const ValueList& as_list() const { return *std::get<std::shared_ptr<ValueList>>(data_); }
  const ValueMap& as_map() const { return *std::get<std::shared_ptr<ValueMap>>(data_); }

  // Structural equality (1 and 1.0 are equal, null equals null): for tests, dedup and
  // grouping. Cypher's three-valued `=` lives in the query engine.
  friend bool operator==(const Value& a, const Value& b);
  friend bool operator!=(const Value& a, const Value& b) { return !(a == b); }

  // A total order over all values (Cypher's ORDER BY order: maps, then nodes..., lists,
  // strings, booleans, numbers, with null last).
  static int Compare(const Value& a, const Value& b);

  // Cypher literal form: 'text', 1, 1.5, true, null, [1, 2], {a: 1}.
  std::string ToCypher() const;
  // Plain form for tables: strings without quotes, the rest as ToCypher.
  std::string ToDisplay() const;

  size_t Hash() const;

 private:
  std::variant<std::monostate, bool, int64_t, double, std::string, std::shared_ptr<ValueList>,
               std::shared_ptr<ValueMap>>
      data_;
};

std::string TypeName(Value::Type type);

// Formats a double as Cypher prints floats: always with a '.' or exponent (1.0, 0.5, 1e+20).
std::string FormatFloat(double d);

struct ValueHash {
  size_t operator()(const Value& v) const { return v.Hash(); }
};

}  // namespace kg
