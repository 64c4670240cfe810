// Expression evaluation with Cypher's null semantics and three-valued logic, and the
// built-in functions.
#include <algorithm>
#include <cmath>
#include <limits>
#include <regex>
#include <set>
#include <stdexcept>
#include <string_view>

#include "core/schema.h"
#include "query/executor.h"

namespace kg::query {

namespace {

using ast::BinaryOp;
using ast::Expr;
using ast::ExprKind;

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}
std::string Upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::vector<std::string> CodePoints(const std::string& s) {
  std::vector<std::string> out;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
    out.push_back(s.substr(i, len));
    i += len;
  }
  return out;
}

[[noreturn]] void TypeError(const std::string& what, const RValue& v) {
  ThrowRuntime("InvalidArgumentType", what + ": unexpected " + RTypeName(v));
}

// Three-valued logic: values are true, false or null (std::nullopt).
std::optional<bool> Logical(const RValue& v, const char* op) {
  if (v.is_null()) return std::nullopt;
  if (!v.is_bool()) TypeError(std::string(op) + " expects booleans", v);
  return v.as_bool();
}

int64_t CheckedAdd(int64_t a, int64_t b) {
  int64_t r;
  if (__builtin_add_overflow(a, b, &r)) ThrowRuntime("IntegerOverflow", "integer overflow");
  return r;
}
int64_t CheckedSub(int64_t a, int64_t b) {
  int64_t r;
  if (__builtin_sub_overflow(a, b, &r)) ThrowRuntime("IntegerOverflow", "integer overflow");
  return r;
}
int64_t CheckedMul(int64_t a, int64_t b) {
  int64_t r;
  if (__builtin_mul_overflow(a, b, &r)) ThrowRuntime("IntegerOverflow", "integer overflow");
  return r;
}

std::string FloatToString(double d) { return FormatFloat(d); }

std::string Trim(const std::string& s, bool left, bool right) {
  size_t b = 0, e = s.size();
  if (left) {
    while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  }
  if (right) {
    while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  }
  return s.substr(b, e - b);
}

RValue ParseNumberString(const std::string& raw, bool want_int) {
  std::string s = Trim(raw, true, true);
  if (s.empty()) return RValue();
  char* end = nullptr;
  if (want_int) {
    errno = 0;
    long long v = std::strtoll(s.c_str(), &end, 10);
    if (*end == '\0' && errno == 0) return RValue(static_cast<int64_t>(v));
  }
  end = nullptr;
  double d = std::strtod(s.c_str(), &end);
  if (end == s.c_str() || *end != '\0') return RValue();
  if (want_int) {
    if (!std::isfinite(d)) return RValue();
    return RValue(static_cast<int64_t>(std::trunc(d)));
  }
  return RValue(d);
}

// A function call's arguments, held inline up to three (every built-in but coalesce takes
// at most three), so that a call per row allocates nothing for them.
class Arguments {
 public:
  explicit Arguments(size_t n) : size_(n) {
    if (n > kInline) heap_.resize(n);
  }
  size_t size() const { return size_; }
  RValue& operator[](size_t i) { return data()[i]; }
  const RValue& at(size_t i) const {
    if (i >= size_) throw std::out_of_range("function argument");
    return data()[i];
  }
  const RValue* begin() const { return data(); }
  const RValue* end() const { return data() + size_; }

 private:
  static constexpr size_t kInline = 3;
  RValue* data() { return size_ > kInline ? heap_.data() : inline_; }
  const RValue* data() const { return size_ > kInline ? heap_.data() : inline_; }
  size_t size_;
  RValue inline_[kInline];
  std::vector<RValue> heap_;
};

}  // namespace

bool Executor::Truthy(const Expr& e, const Row& row) {
  RValue v = Eval(e, row);
  if (v.is_null()) return false;
  if (!v.is_bool()) TypeError("a predicate must be a boolean", v);
  return v.as_bool();
}

RValue Executor::Property(const RValue& target, const std::string& key) {
  switch (target.type()) {
    case RValue::Type::kNull: return RValue();
    case RValue::Type::kNode: {
      if (deleted_nodes_.count(target.node_id())) {
        ThrowRuntime("DeletedEntityAccess", "node " + std::to_string(target.node_id()) +
                                                " has been deleted");
      }
      if (auto cached = node_cache_.find(target.node_id()); cached == node_cache_.end() &&
                                                            !node_tombstones_.count(target.node_id())) {
        // One property: no need to read (and cache) the whole record.
        auto v = reader_->GetNodeProperty(target.node_id(), key);
        if (v.ok()) return FromValue(std::move(*v));
      }
      const Node& n = GetNode(target.node_id());
      auto it = n.properties.find(key);
      return it == n.properties.end() ? RValue() : FromValue(it->second);
    }
    case RValue::Type::kEdge: {
      if (deleted_edges_.count(target.edge_id())) {
        ThrowRuntime("DeletedEntityAccess", "relationship " + std::to_string(target.edge_id()) +
                                                " has been deleted");
      }
      const Edge& e = GetEdge(target.edge_id());
      auto it = e.properties.find(key);
      return it == e.properties.end() ? RValue() : FromValue(it->second);
    }
    case RValue::Type::kMap: {
      auto it = target.as_map().find(key);
      return it == target.as_map().end() ? RValue() : it->second;
    }
    default: TypeError("property access '." + key + "' needs a node, relationship or map", target);
  }
}

RValue Executor::EvalBinary(const Expr& e, const RValue& a, const RValue& b) {
  switch (e.op) {
    case BinaryOp::kEq: return CypherEquals(a, b);
    case BinaryOp::kNe: {
      RValue r = CypherEquals(a, b);
      return r.is_null() ? r : RValue(!r.as_bool());
    }
    case BinaryOp::kLt:
    case BinaryOp::kGt:
    case BinaryOp::kLe:
    case BinaryOp::kGe: {
      auto c = CypherCompare(a, b);
      if (!c) return RValue();
      switch (e.op) {
        case BinaryOp::kLt: return RValue(*c < 0);
        case BinaryOp::kGt: return RValue(*c > 0);
        case BinaryOp::kLe: return RValue(*c <= 0);
        default: return RValue(*c >= 0);
      }
    }
    case BinaryOp::kAdd: {
      if (a.is_list() || b.is_list()) {
        if (a.is_null() && !b.is_list()) return RValue();
        RList out;
        if (a.is_list()) {
          out = a.as_list();
        } else {
          out.push_back(a);
        }
        if (b.is_list()) {
          for (const auto& x : b.as_list()) out.push_back(x);
        } else {
          out.push_back(b);
        }
        return RValue(std::move(out));
      }
      if (a.is_null() || b.is_null()) return RValue();
      if (a.is_string() || b.is_string()) {
        auto str = [&](const RValue& v) -> std::string {
          if (v.is_string()) return v.as_string();
          if (v.is_int()) return std::to_string(v.as_int());
          if (v.is_float()) return FloatToString(v.as_float());
          if (v.is_bool()) return v.as_bool() ? "true" : "false";
          TypeError("cannot add", v);
        };
        return RValue(str(a) + str(b));
      }
      if (a.is_int() && b.is_int()) return RValue(CheckedAdd(a.as_int(), b.as_int()));
      if (a.is_number() && b.is_number()) return RValue(a.as_number() + b.as_number());
      TypeError("cannot add " + RTypeName(a) + " and", b);
    }
    case BinaryOp::kSub:
    case BinaryOp::kMul:
    case BinaryOp::kDiv:
    case BinaryOp::kMod:
    case BinaryOp::kPow: {
      if (a.is_null() || b.is_null()) return RValue();
      if (!a.is_number()) TypeError("arithmetic expects numbers", a);
      if (!b.is_number()) TypeError("arithmetic expects numbers", b);
      if (e.op == BinaryOp::kPow) return RValue(std::pow(a.as_number(), b.as_number()));
      if (a.is_int() && b.is_int()) {
        int64_t x = a.as_int(), y = b.as_int();
        switch (e.op) {
          case BinaryOp::kSub: return RValue(CheckedSub(x, y));
          case BinaryOp::kMul: return RValue(CheckedMul(x, y));
          case BinaryOp::kDiv:
            if (y == 0) ThrowRuntime("DivisionByZero", "division by zero");
            return RValue(x / y);
          default:
            if (y == 0) ThrowRuntime("DivisionByZero", "division by zero");
            return RValue(x % y);
        }
      }
      double x = a.as_number(), y = b.as_number();
      switch (e.op) {
        case BinaryOp::kSub: return RValue(x - y);
        case BinaryOp::kMul: return RValue(x * y);
        case BinaryOp::kDiv: return RValue(x / y);
        default: return RValue(std::fmod(x, y));
      }
    }
    case BinaryOp::kStartsWith:
    case BinaryOp::kEndsWith:
    case BinaryOp::kContains: {
      if (!a.is_string() || !b.is_string()) return RValue();
      const std::string& s = a.as_string();
      const std::string& t = b.as_string();
      if (e.op == BinaryOp::kStartsWith) return RValue(s.compare(0, t.size(), t) == 0);
      if (e.op == BinaryOp::kEndsWith) {
        return RValue(s.size() >= t.size() && s.compare(s.size() - t.size(), t.size(), t) == 0);
      }
      return RValue(s.find(t) != std::string::npos);
    }
    case BinaryOp::kRegex: {
      if (!a.is_string() || !b.is_string()) return RValue();
      try {
        return RValue(std::regex_match(a.as_string(), std::regex(b.as_string())));
      } catch (const std::regex_error&) {
        ThrowRuntime("InvalidRegex", "invalid regular expression '" + b.as_string() + "'");
      }
    }
    case BinaryOp::kIn: {
      if (b.is_null()) return RValue();
      if (!b.is_list()) TypeError("IN expects a list", b);
      bool saw_null = false;
      for (const auto& item : b.as_list()) {
        RValue eq = CypherEquals(a, item);
        if (eq.is_null()) {
          saw_null = true;
        } else if (eq.as_bool()) {
          return RValue(true);
        }
      }
      return saw_null ? RValue() : RValue(false);
    }
    default: return RValue();
  }
}

RValue Executor::Eval(const Expr& e, const Row& row, const AggregateValues* group) {
  switch (e.kind) {
    case ExprKind::kLiteral: return FromValue(e.literal);
    case ExprKind::kParameter: {
      auto it = parameters_.find(e.name);
      if (it == parameters_.end()) {
        ThrowSemantic("ParameterMissing", "expected a parameter named $" + e.name, e.span);
      }
      return FromValue(it->second);
    }
    case ExprKind::kVariable: {
      auto it = row.find(e.name);
      if (it == row.end()) {
        ThrowSemantic("UndefinedVariable", "variable '" + e.name + "' not defined", e.span);
      }
      return it->second;
    }
    case ExprKind::kProperty: return Property(Eval(*e.args[0], row, group), e.name);
    case ExprKind::kList: {
      RList out;
      for (const auto& a : e.args) out.push_back(Eval(*a, row, group));
      return RValue(std::move(out));
    }
    case ExprKind::kMap: {
      RMap out;
      for (size_t i = 0; i < e.keys.size(); ++i) out[e.keys[i]] = Eval(*e.args[i], row, group);
      return RValue(std::move(out));
    }
    case ExprKind::kIndex: {
      RValue target = Eval(*e.args[0], row, group);
      RValue index = Eval(*e.args[1], row, group);
      if (target.is_null() || index.is_null()) return RValue();
      if (target.is_list()) {
        if (!index.is_int()) TypeError("a list index must be an integer", index);
        const auto& list = target.as_list();
        int64_t i = index.as_int();
        int64_t n = static_cast<int64_t>(list.size());
        if (i < 0) i += n;
        if (i < 0 || i >= n) return RValue();
        return list[static_cast<size_t>(i)];
      }
      if (target.is_map() || target.is_node() || target.is_edge()) {
        if (!index.is_string()) TypeError("a map key must be a string", index);
        return Property(target, index.as_string());
      }
      TypeError("cannot index", target);
    }
    case ExprKind::kSlice: {
      RValue target = Eval(*e.args[0], row, group);
      if (target.is_null()) return RValue();
      if (!target.is_list()) TypeError("cannot slice", target);
      const auto& list = target.as_list();
      int64_t n = static_cast<int64_t>(list.size());
      int64_t from = 0, to = n;
      if (e.args[1]) {
        RValue f = Eval(*e.args[1], row, group);
        if (f.is_null()) return RValue();
        if (!f.is_int()) TypeError("a slice bound must be an integer", f);
        from = f.as_int();
      }
      if (e.args[2]) {
        RValue t = Eval(*e.args[2], row, group);
        if (t.is_null()) return RValue();
        if (!t.is_int()) TypeError("a slice bound must be an integer", t);
        to = t.as_int();
      }
      if (from < 0) from = std::max<int64_t>(0, from + n);
      if (to < 0) to = std::max<int64_t>(0, to + n);
      from = std::min(from, n);
      to = std::min(to, n);
      RList out;
      for (int64_t i = from; i < to; ++i) out.push_back(list[static_cast<size_t>(i)]);
      return RValue(std::move(out));
    }
    case ExprKind::kNot: {
      auto v = Logical(Eval(*e.args[0], row, group), "NOT");
      return v ? RValue(!*v) : RValue();
    }
    case ExprKind::kNegate: {
      RValue v = Eval(*e.args[0], row, group);
      if (v.is_null()) return v;
      if (v.is_int()) return RValue(CheckedSub(0, v.as_int()));
      if (v.is_float()) return RValue(v.as_float() == 0 ? 0.0 : -v.as_float());
      TypeError("unary minus expects a number", v);
    }
    case ExprKind::kBinary: {
      if (e.op == BinaryOp::kAnd || e.op == BinaryOp::kOr || e.op == BinaryOp::kXor) {
        const char* name = e.op == BinaryOp::kAnd ? "AND" : (e.op == BinaryOp::kOr ? "OR" : "XOR");
        auto a = Logical(Eval(*e.args[0], row, group), name);
        auto b = Logical(Eval(*e.args[1], row, group), name);
        if (e.op == BinaryOp::kAnd) {
          if ((a && !*a) || (b && !*b)) return RValue(false);
          if (!a || !b) return RValue();
          return RValue(true);
        }
        if (e.op == BinaryOp::kOr) {
          if ((a && *a) || (b && *b)) return RValue(true);
          if (!a || !b) return RValue();
          return RValue(false);
        }
        if (!a || !b) return RValue();
        return RValue(*a != *b);
      }
      return EvalBinary(e, Eval(*e.args[0], row, group), Eval(*e.args[1], row, group));
    }
    case ExprKind::kCompareChain: {
      std::vector<RValue> values;
      for (const auto& a : e.args) values.push_back(Eval(*a, row, group));
      // false if any comparison is false, else null if any is null (two bools rather than
      // an optional<bool>, which GCC's -Wmaybe-uninitialized misreads at -O2).
      bool any_false = false;
      bool any_null = false;
      for (size_t i = 0; i < e.ops.size(); ++i) {
        Expr cmp;
        cmp.op = e.ops[i];
        RValue r = EvalBinary(cmp, values[i], values[i + 1]);
        if (r.is_null()) {
          any_null = true;
        } else if (!r.as_bool()) {
          any_false = true;
        }
      }
      if (any_false) return RValue(false);
      return any_null ? RValue() : RValue(true);
    }
    case ExprKind::kIsNull: return RValue(Eval(*e.args[0], row, group).is_null());
    case ExprKind::kIsNotNull: return RValue(!Eval(*e.args[0], row, group).is_null());
    case ExprKind::kFunction: return EvalFunction(e, row, group);
    case ExprKind::kCountStar:
      return AggregateValue(e, group);
    case ExprKind::kCase: {
      size_t i = 0;
      RValue subject;
      if (e.has_subject) subject = Eval(*e.args[i++], row, group);
      size_t end = e.args.size() - (e.has_else ? 1 : 0);
      for (; i + 1 < end + 1 && i < end; i += 2) {
        RValue when = Eval(*e.args[i], row, group);
        bool hit;
        if (e.has_subject) {
          RValue eq = CypherEquals(subject, when);
          hit = !eq.is_null() && eq.as_bool();
        } else {
          hit = when.is_bool() && when.as_bool();
        }
        if (hit) return Eval(*e.args[i + 1], row, group);
      }
      return e.has_else ? Eval(*e.args.back(), row, group) : RValue();
    }
    case ExprKind::kListComprehension: {
      RValue list = Eval(*e.args[0], row, group);
      if (list.is_null()) return RValue();
      if (!list.is_list()) TypeError("a list comprehension needs a list", list);
      RList out;
      Row inner = row;
      for (const auto& item : list.as_list()) {
        inner[e.name] = item;
        if (e.args[1] && !Truthy(*e.args[1], inner)) continue;
        out.push_back(e.args[2] ? Eval(*e.args[2], inner) : item);
      }
      return RValue(std::move(out));
    }
    case ExprKind::kQuantifier: {
      RValue list = Eval(*e.args[0], row, group);
      if (list.is_null()) return RValue();
      if (!list.is_list()) TypeError(e.name + " needs a list", list);
      int64_t trues = 0, nulls = 0, total = 0;
      Row inner = row;
      for (const auto& item : list.as_list()) {
        ++total;
        inner[e.keys[0]] = item;
        RValue r = e.args[1] ? Eval(*e.args[1], inner) : RValue(true);
        if (r.is_null()) {
          ++nulls;
        } else if (Logical(r, e.name.c_str()).value()) {
          ++trues;
        }
      }
      int64_t falses = total - trues - nulls;
      if (e.name == "ALL") return falses > 0 ? RValue(false) : (nulls > 0 ? RValue() : RValue(true));
      if (e.name == "ANY") return trues > 0 ? RValue(true) : (nulls > 0 ? RValue() : RValue(false));
      if (e.name == "NONE") return trues > 0 ? RValue(false) : (nulls > 0 ? RValue() : RValue(true));
      // SINGLE
      if (trues > 1) return RValue(false);
      if (nulls > 0) return RValue();
      return RValue(trues == 1);
    }
    case ExprKind::kLabelTest: {
      RValue v = Eval(*e.args[0], row, group);
      if (v.is_null()) return RValue();
      if (v.is_node()) {
        const Node& n = GetNode(v.node_id());
        for (const auto& l : e.labels) {
          if (!n.HasLabel(l)) return RValue(false);
        }
        return RValue(true);
      }
      if (v.is_edge()) {
        const std::string& type = EdgeType(v);
        for (const auto& l : e.labels) {
          if (CanonicalRelationshipType(l) != type) return RValue(false);
        }
        return RValue(true);
      }
      TypeError("a label test needs a node", v);
    }
    case ExprKind::kPatternPredicate: {
      Row scratch = row;
      std::vector<EdgeId> used;
      bool found = false;
      MatchPart(*e.pattern, scratch, used, nullptr, [&](Row&) {
        found = true;
        return false;
      });
      return RValue(found);
    }
    case ExprKind::kShortestPath: {
      Row scratch = row;
      RValue result;
      std::string var = e.pattern->path_variable.empty() ? " path" : e.pattern->path_variable;
      ast::PatternPart part = *e.pattern;
      part.path_variable = var;
      RList all;
      MatchShortest(part, scratch, [&](Row& r) {
        all.push_back(r[var]);
        return part.kind == ast::PathKind::kAllShortest;
      });
      if (part.kind == ast::PathKind::kAllShortest) return RValue(std::move(all));
      return all.empty() ? RValue() : all[0];
    }
  }
  return RValue();
}

RValue Executor::EvalFunction(const Expr& e, const Row& row, const AggregateValues* group) {
  // The parser lower-cases the name once; the comparisons below test the length first.
  std::string lowered;
  std::string_view name = e.function;
  if (name.empty()) {
    lowered = Lower(e.name);
    name = lowered;
  }
  if (IsAggregateFunction(name)) {
    if (group == nullptr) {
      ThrowSemantic("InvalidAggregation", "aggregate '" + e.name + "' is not allowed here", e.span);
    }
    return AggregateValue(e, group);
  }
  Arguments args(e.args.size());
  for (size_t i = 0; i < e.args.size(); ++i) args[i] = Eval(*e.args[i], row, group);
  auto need = [&](size_t n) {
    if (args.size() != n) {
      ThrowSemantic("InvalidNumberOfArguments", e.name + " expects " + std::to_string(n) +
                                                    " argument(s)", e.span);
    }
  };
  auto arg = [&](size_t i) -> const RValue& { return args.at(i); };

  if (name == "coalesce") {
    for (const auto& a : args) {
      if (!a.is_null()) return a;
    }
    return RValue();
  }
  if (name == "range") {
    if (args.size() < 2 || args.size() > 3) {
      ThrowSemantic("InvalidNumberOfArguments", "range expects 2 or 3 arguments", e.span);
    }
    for (const auto& a : args) {
      if (!a.is_int()) TypeError("range expects integers", a);
    }
    int64_t from = arg(0).as_int(), to = arg(1).as_int();
    int64_t step = args.size() == 3 ? arg(2).as_int() : 1;
    if (step == 0) ThrowRuntime("NumberOutOfRange", "range step must not be zero");
    RList out;
    for (int64_t i = from; step > 0 ? i <= to : i >= to; i += step) {
      if (out.size() % 4096 == 0) CheckInterrupt();
      out.push_back(RValue(i));
    }
    return RValue(std::move(out));
  }
  if (name == "pi") return RValue(M_PI);
  if (name == "e") return RValue(M_E);
  if (name == "rand") return RValue(static_cast<double>(std::rand()) / RAND_MAX);
  if (name == "substring") {
    if (args.size() < 2 || args.size() > 3) {
      ThrowSemantic("InvalidNumberOfArguments", "substring expects 2 or 3 arguments", e.span);
    }
    if (arg(0).is_null()) return RValue();
    if (!arg(0).is_string()) TypeError("substring expects a string", arg(0));
    if (!arg(1).is_int()) TypeError("substring expects an integer start", arg(1));
    auto cps = CodePoints(arg(0).as_string());
    int64_t start = arg(1).as_int();
    int64_t len = static_cast<int64_t>(cps.size());
    if (args.size() == 3) {
      if (!arg(2).is_int()) TypeError("substring expects an integer length", arg(2));
      len = arg(2).as_int();
    }
    if (start < 0 || len < 0) ThrowRuntime("NumberOutOfRange", "substring: negative argument");
    std::string out;
    for (int64_t i = start; i < static_cast<int64_t>(cps.size()) && i < start + len; ++i) {
      out += cps[static_cast<size_t>(i)];
    }
    return RValue(out);
  }
  if (name == "replace") {
    need(3);
    for (const auto& a : args) {
      if (a.is_null()) return RValue();
    }
    std::string s = arg(0).as_string();
    const std::string& from = arg(1).as_string();
    const std::string& to = arg(2).as_string();
    if (from.empty()) return RValue(s);
    std::string out;
    size_t pos = 0;
    for (size_t hit; (hit = s.find(from, pos)) != std::string::npos; pos = hit + from.size()) {
      out += s.substr(pos, hit - pos) + to;
    }
    return RValue(out + s.substr(pos));
  }
  if (name == "split") {
    need(2);
    if (arg(0).is_null() || arg(1).is_null()) return RValue();
    if (!arg(0).is_string() || !arg(1).is_string()) TypeError("split expects strings", arg(0));
    const std::string& s = arg(0).as_string();
    const std::string& sep = arg(1).as_string();
    RList out;
    if (sep.empty()) {
      for (auto& cp : CodePoints(s)) out.push_back(RValue(cp));
      return RValue(std::move(out));
    }
    size_t pos = 0;
    for (size_t hit; (hit = s.find(sep, pos)) != std::string::npos; pos = hit + sep.size()) {
      out.push_back(RValue(s.substr(pos, hit - pos)));
    }
    out.push_back(RValue(s.substr(pos)));
    return RValue(std::move(out));
  }
  if (name == "left" || name == "right") {
    need(2);
    if (arg(0).is_null()) return RValue();
    if (!arg(1).is_int()) TypeError(std::string(name) + " expects an integer", arg(1));
    auto cps = CodePoints(arg(0).as_string());
    size_t n = static_cast<size_t>(std::max<int64_t>(0, arg(1).as_int()));
    n = std::min(n, cps.size());
    std::string out;
    size_t begin = name == "left" ? 0 : cps.size() - n;
    for (size_t i = begin; i < begin + n; ++i) out += cps[i];
    return RValue(out);
  }
  if (name == "exists") {
    need(1);
    return RValue(!arg(0).is_null());
  }

  // One-argument functions from here on.
  need(1);
  const RValue& x = arg(0);
  if (name == "size") {
    if (x.is_null()) return RValue();
    if (x.is_list()) return RValue(static_cast<int64_t>(x.as_list().size()));
    if (x.is_string()) return RValue(static_cast<int64_t>(CodePoints(x.as_string()).size()));
    if (x.is_map()) return RValue(static_cast<int64_t>(x.as_map().size()));
    TypeError("size expects a list or string", x);
  }
  if (name == "length") {
    if (x.is_null()) return RValue();
    if (x.is_path()) return RValue(static_cast<int64_t>(x.as_path().edges.size()));
    if (x.is_list()) return RValue(static_cast<int64_t>(x.as_list().size()));
    if (x.is_string()) return RValue(static_cast<int64_t>(CodePoints(x.as_string()).size()));
    TypeError("length expects a path", x);
  }
  if (x.is_null() && name != "tostringornull" && name != "isempty") return RValue();
  if (name == "id" || name == "elementid") {
    if (x.is_node()) return RValue(static_cast<int64_t>(x.node_id()));
    if (x.is_edge()) return RValue(static_cast<int64_t>(x.edge_id()));
    TypeError("id expects a node or relationship", x);
  }
  if (name == "type") {
    if (!x.is_edge()) TypeError("type expects a relationship", x);
    return RValue(EdgeType(x));
  }
  if (name == "labels") {
    if (!x.is_node()) TypeError("labels expects a node", x);
    if (deleted_nodes_.count(x.node_id())) {
      ThrowRuntime("DeletedEntityAccess", "node " + std::to_string(x.node_id()) +
                                              " has been deleted");
    }
    RList out;
    for (const auto& l : GetNode(x.node_id()).labels) out.push_back(RValue(l));
    return RValue(std::move(out));
  }
  if (name == "keys" || name == "properties") {
    RMap map;
    if (x.is_node()) {
      for (const auto& [k, v] : GetNode(x.node_id()).properties) map[k] = FromValue(v);
    } else if (x.is_edge()) {
      for (const auto& [k, v] : GetEdge(x.edge_id()).properties) map[k] = FromValue(v);
    } else if (x.is_map()) {
      map = x.as_map();
    } else {
      TypeError(std::string(name) + " expects a node, relationship or map", x);
    }
    if (name == "properties") return RValue(std::move(map));
    RList out;
    for (const auto& [k, v] : map) out.push_back(RValue(k));
    return RValue(std::move(out));
  }
  if (name == "head" || name == "last") {
    if (!x.is_list()) TypeError(std::string(name) + " expects a list", x);
    if (x.as_list().empty()) return RValue();
    return name == "head" ? x.as_list().front() : x.as_list().back();
  }
  if (name == "tail") {
    if (!x.is_list()) TypeError("tail expects a list", x);
    if (x.as_list().empty()) return RValue(RList{});
    return RValue(RList(x.as_list().begin() + 1, x.as_list().end()));
  }
  if (name == "reverse") {
    if (x.is_list()) return RValue(RList(x.as_list().rbegin(), x.as_list().rend()));
    if (x.is_string()) {
      auto cps = CodePoints(x.as_string());
      std::string out;
      for (auto it = cps.rbegin(); it != cps.rend(); ++it) out += *it;
      return RValue(out);
    }
    TypeError("reverse expects a list or string", x);
  }
  if (name == "isempty") {
    if (x.is_null()) return RValue();
    if (x.is_list()) return RValue(x.as_list().empty());
    if (x.is_string()) return RValue(x.as_string().empty());
    if (x.is_map()) return RValue(x.as_map().empty());
    TypeError("isEmpty expects a list, string or map", x);
  }
  if (name == "tostring" || name == "tostringornull") {
    if (x.is_string()) return x;
    if (x.is_int()) return RValue(std::to_string(x.as_int()));
    if (x.is_float()) return RValue(FloatToString(x.as_float()));
    if (x.is_bool()) return RValue(x.as_bool() ? "true" : "false");
    if (name == "tostringornull") return RValue();
    ThrowRuntime("InvalidArgumentValue", "toString expects a string, number or boolean, got " + RTypeName(x));
  }
  if (name == "tointeger" || name == "tointegerornull") {
    if (x.is_int()) return x;
    if (x.is_float()) {
      if (!std::isfinite(x.as_float())) return RValue();
      return RValue(static_cast<int64_t>(std::trunc(x.as_float())));
    }
    if (x.is_string()) return ParseNumberString(x.as_string(), true);
    if (x.is_bool()) return RValue(static_cast<int64_t>(x.as_bool() ? 1 : 0));
    if (name == "tointegerornull") return RValue();
    ThrowRuntime("InvalidArgumentValue", "toInteger expects a string or number, got " + RTypeName(x));
  }
  if (name == "tofloat" || name == "tofloatornull") {
    if (x.is_float()) return x;
    if (x.is_int()) return RValue(static_cast<double>(x.as_int()));
    if (x.is_string()) return ParseNumberString(x.as_string(), false);
    if (name == "tofloatornull") return RValue();
    ThrowRuntime("InvalidArgumentValue", "toFloat expects a string or number, got " + RTypeName(x));
  }
  if (name == "toboolean" || name == "tobooleanornull") {
    if (x.is_bool()) return x;
    if (x.is_string()) {
      std::string s = Lower(Trim(x.as_string(), true, true));
      if (s == "true") return RValue(true);
      if (s == "false") return RValue(false);
      return RValue();
    }
    if (x.is_int()) return RValue(x.as_int() != 0);
    if (name == "tobooleanornull") return RValue();
    ThrowRuntime("InvalidArgumentValue", "toBoolean expects a string or boolean, got " + RTypeName(x));
  }
  if (name == "tolower" || name == "lower" || name == "toupper" || name == "upper" ||
      name == "trim" || name == "ltrim" || name == "rtrim") {
    if (!x.is_string()) TypeError(e.name + " expects a string", x);
    if (name == "tolower" || name == "lower") return RValue(Lower(x.as_string()));
    if (name == "toupper" || name == "upper") return RValue(Upper(x.as_string()));
    return RValue(Trim(x.as_string(), name != "rtrim", name != "ltrim"));
  }
  if (name == "abs" || name == "sign" || name == "ceil" || name == "floor" || name == "round" ||
      name == "sqrt" || name == "exp" || name == "log" || name == "log10" || name == "sin" ||
      name == "cos" || name == "tan") {
    if (!x.is_number()) TypeError(e.name + " expects a number", x);
    if (name == "abs") return x.is_int() ? RValue(static_cast<int64_t>(std::llabs(x.as_int()))) : RValue(std::fabs(x.as_float()));
    if (name == "sign") {
      double d = x.as_number();
      return RValue(static_cast<int64_t>(d > 0 ? 1 : (d < 0 ? -1 : 0)));
    }
    double d = x.as_number();
    if (name == "ceil") return RValue(std::ceil(d));
    if (name == "floor") return RValue(std::floor(d));
    if (name == "round") return RValue(std::round(d));
    if (name == "sqrt") return RValue(std::sqrt(d));
    if (name == "exp") return RValue(std::exp(d));
    if (name == "log") return RValue(std::log(d));
    if (name == "log10") return RValue(std::log10(d));
    if (name == "sin") return RValue(std::sin(d));
    if (name == "cos") return RValue(std::cos(d));
    return RValue(std::tan(d));
  }
  if (name == "startnode" || name == "endnode") {
    if (!x.is_edge()) TypeError(e.name + " expects a relationship", x);
    return RValue(NodeRef{EdgeEnd(x, name == "startnode")});
  }
  if (name == "nodes" || name == "relationships") {
    if (!x.is_path()) TypeError(e.name + " expects a path", x);
    RList out;
    if (name == "nodes") {
      for (auto n : x.as_path().nodes) out.push_back(RValue(NodeRef{n}));
    } else {
      for (auto r : x.as_path().edges) out.push_back(RValue(EdgeRef{r}));
    }
    return RValue(std::move(out));
  }
  ThrowSemantic("UnknownFunction", "unknown function '" + e.name + "'", e.span);
}

}  // namespace kg::query
