// Semantic checks before execution: variable scoping and kinds, function names and
// aggregation placement, with the TCK's error names.
#include <algorithm>
#include <map>
#include <set>

#include "query/executor.h"
#include "query/procedures.h"

namespace kg::query {

namespace {

using ast::Expr;
using ast::ExprKind;

enum class Kind { kNode, kRel, kRelList, kPath, kValue, kAny };

const char* KindName(Kind k) {
  switch (k) {
    case Kind::kNode: return "a node";
    case Kind::kRel: return "a relationship";
    case Kind::kRelList: return "a list of relationships";
    case Kind::kPath: return "a path";
    case Kind::kValue: return "a value";
    case Kind::kAny: return "any";
  }
  return "";
}

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool IsAnonymous(const std::string& name) { return !name.empty() && name[0] == ' '; }

using Scope = std::map<std::string, Kind>;

class Binder {
 private:
  bool in_where_ = false;

 public:
  void BindQuery(const ast::SingleQuery& query) {
    Scope scope;
    for (size_t i = 0; i < query.clauses.size(); ++i) {
      const auto& c = query.clauses[i];
      bool last = i + 1 == query.clauses.size();
      // A standalone CALL (the whole query) returns the procedure's records.
      bool standalone_call = c.kind == ast::ClauseKind::kCall && query.clauses.size() == 1;
      if (c.kind == ast::ClauseKind::kCall && !c.has_yield && !standalone_call) {
        ThrowSemantic("UnexpectedSyntax", "a CALL inside a larger query needs YIELD", c.span);
      }
      if (last && !standalone_call && c.kind != ast::ClauseKind::kReturn && c.kind != ast::ClauseKind::kCreate &&
          c.kind != ast::ClauseKind::kSet && c.kind != ast::ClauseKind::kRemove &&
          c.kind != ast::ClauseKind::kDelete) {
        ThrowSemantic("MissingReturn", "a query cannot end with this clause", c.span);
      }
      if (c.kind == ast::ClauseKind::kReturn && !last) {
        ThrowSemantic("UnexpectedSyntax", "RETURN can only be the last clause", c.span);
      }
      BindClause(c, scope);
    }
  }

 private:
  void CheckExpr(const Expr* e, const Scope& scope, bool allow_aggregate, bool in_aggregate = false) {
    if (e == nullptr) return;
    switch (e->kind) {
      case ExprKind::kVariable:
        if (!scope.count(e->name)) {
          ThrowSemantic("UndefinedVariable", "variable '" + e->name + "' not defined", e->span);
        }
        return;
      case ExprKind::kCountStar:
        if (!allow_aggregate) {
          ThrowSemantic("InvalidAggregation", "count(*) is not allowed here", e->span);
        }
        return;
      case ExprKind::kFunction: {
        std::string name = Lower(e->name);
        if (!IsKnownFunction(name)) {
          ThrowSemantic("UnknownFunction", "unknown function '" + e->name + "'", e->span);
        }
        bool aggregate = IsAggregateFunction(name);
        for (const auto& a : e->args) {
          if (a->kind == ExprKind::kPatternPredicate) {
            ThrowSemantic("UnexpectedSyntax", "a pattern can only be a predicate in WHERE",
                          a->span);
          }
        }
        if (name == "size" && e->args.size() == 1 && e->args[0]->kind == ExprKind::kVariable) {
          auto it = scope.find(e->args[0]->name);
          if (it != scope.end() && it->second == Kind::kPath) {
            ThrowSemantic("InvalidArgumentType", "size() does not take a path; use length()",
                          e->span);
          }
        }
        if (aggregate && !allow_aggregate) {
          ThrowSemantic("InvalidAggregation", "aggregate '" + e->name + "' is not allowed here",
                        e->span);
        }
        if (aggregate && in_aggregate) {
          ThrowSemantic("NestedAggregation", "aggregates cannot be nested", e->span);
        }
        for (const auto& a : e->args) CheckExpr(a.get(), scope, allow_aggregate, aggregate || in_aggregate);
        return;
      }
      case ExprKind::kListComprehension:
      case ExprKind::kQuantifier: {
        CheckExpr(e->args[0].get(), scope, allow_aggregate, in_aggregate);
        Scope inner = scope;
        inner[e->kind == ExprKind::kQuantifier ? e->keys[0] : e->name] = Kind::kAny;
        for (size_t i = 1; i < e->args.size(); ++i) CheckExpr(e->args[i].get(), inner, false);
        return;
      }
      case ExprKind::kPatternPredicate:
      case ExprKind::kShortestPath: {
        if (e->kind == ExprKind::kPatternPredicate && !in_where_) {
          ThrowSemantic("UnexpectedSyntax", "a pattern can only be a predicate in WHERE",
                        e->span);
        }
        for (const auto& n : e->pattern->nodes) {
          if (!n.anonymous && !scope.count(n.variable)) {
            ThrowSemantic("UndefinedVariable", "variable '" + n.variable + "' not defined", e->span);
          }
          CheckExpr(n.properties.get(), scope, false);
        }
        for (const auto& r : e->pattern->rels) {
          if (!r.anonymous && !scope.count(r.variable)) {
            ThrowSemantic("UndefinedVariable", "variable '" + r.variable + "' not defined", e->span);
          }
          CheckExpr(r.properties.get(), scope, false);
        }
        return;
      }
      case ExprKind::kProperty:
        if (e->args[0]->kind == ExprKind::kVariable) {
          auto it = scope.find(e->args[0]->name);
          if (it != scope.end() && (it->second == Kind::kPath || it->second == Kind::kRelList)) {
            ThrowSemantic("InvalidArgumentType", "cannot read property '" + e->name + "' of " +
                                                     KindName(it->second), e->span);
          }
        }
        CheckExpr(e->args[0].get(), scope, allow_aggregate, in_aggregate);
        return;
      default:
        for (const auto& a : e->args) CheckExpr(a.get(), scope, allow_aggregate, in_aggregate);
    }
  }

  static Kind KindOf(const Expr& e, const Scope& scope) {
    switch (e.kind) {
      case ExprKind::kVariable: {
        auto it = scope.find(e.name);
        return it == scope.end() ? Kind::kAny : it->second;
      }
      case ExprKind::kLiteral:
        return e.literal.is_null() ? Kind::kAny : Kind::kValue;
      case ExprKind::kList:
      case ExprKind::kMap:
      case ExprKind::kNot:
      case ExprKind::kCompareChain:
      case ExprKind::kIsNull:
      case ExprKind::kIsNotNull:
      case ExprKind::kCountStar:
        return Kind::kValue;
      default: return Kind::kAny;
    }
  }

  void Declare(Scope& scope, const std::string& name, Kind kind, SourceSpan span) {
    auto it = scope.find(name);
    if (it == scope.end()) {
      scope[name] = kind;
      return;
    }
    Kind have = it->second;
    if (have == kind || have == Kind::kAny) {
      if (have == Kind::kAny) it->second = kind;
      return;
    }
    if (have == Kind::kPath || kind == Kind::kPath || have == Kind::kValue || have != kind) {
      ThrowSemantic("VariableTypeConflict", "variable '" + name + "' is " + KindName(have) +
                                                ", not " + KindName(kind), span);
    }
  }

  // A node, relationship or path used as a whole predicate: WHERE (n).
  void CheckPredicate(const Expr* e, const Scope& scope) {
    if (e == nullptr || e->kind != ExprKind::kVariable) return;
    auto it = scope.find(e->name);
    if (it != scope.end() && it->second != Kind::kAny && it->second != Kind::kValue) {
      ThrowSemantic("InvalidArgumentType", "'" + e->name + "' is " + KindName(it->second) +
                                               ", not a boolean", e->span);
    }
  }

  void BindMatch(const ast::Clause& c, Scope& scope) {
    std::set<std::string> rels_here;
    for (const auto& part : c.pattern) {
      for (const auto& r : part.rels) {
        if (!r.anonymous && !rels_here.insert(r.variable).second) {
          ThrowSemantic("RelationshipUniquenessViolation",
                        "relationship '" + r.variable + "' appears twice in the pattern", r.span);
        }
      }
    }
    for (const auto& part : c.pattern) {
      for (const auto& n : part.nodes) {
        if (!n.anonymous) Declare(scope, n.variable, Kind::kNode, n.span);
      }
      for (const auto& r : part.rels) {
        if (r.anonymous) continue;
        Kind k = r.variable_length ? Kind::kRelList : Kind::kRel;
        auto it = scope.find(r.variable);
        if (it != scope.end() && (it->second == Kind::kRel || it->second == Kind::kRelList) &&
            it->second != k) {
          ThrowSemantic("VariableTypeConflict", "variable '" + r.variable + "' changes kind",
                        r.span);
        }
        Declare(scope, r.variable, k, r.span);
      }
      if (!part.path_variable.empty()) {
        if (scope.count(part.path_variable)) {
          ThrowSemantic("VariableAlreadyBound",
                        "variable '" + part.path_variable + "' is already declared", part.span);
        }
        scope[part.path_variable] = Kind::kPath;
      }
    }
    for (const auto& part : c.pattern) {
      for (const auto& n : part.nodes) {
        CheckExpr(n.properties.get(), scope, false);
        if (n.properties && n.properties->kind == ExprKind::kParameter) {
          ThrowSemantic("InvalidParameterUse", "a parameter cannot be a map of properties in MATCH",
                        n.properties->span);
        }
      }
      for (const auto& r : part.rels) {
        CheckExpr(r.properties.get(), scope, false);
        if (r.properties && r.properties->kind == ExprKind::kParameter) {
          ThrowSemantic("InvalidParameterUse", "a parameter cannot be a map of properties in MATCH",
                        r.properties->span);
        }
      }
    }
    in_where_ = true;
    CheckExpr(c.where.get(), scope, false);
    in_where_ = false;
    CheckPredicate(c.where.get(), scope);
  }

  void BindCreate(const ast::Clause& c, Scope& scope) {
    Scope before = scope;
    for (const auto& part : c.pattern) {
      for (const auto& n : part.nodes) {
        CheckExpr(n.properties.get(), scope, false);
        auto it = scope.find(n.variable);
        if (it != scope.end()) {
          if (it->second != Kind::kNode && it->second != Kind::kAny) {
            ThrowSemantic("VariableTypeConflict", "variable '" + n.variable + "' is not a node",
                          n.span);
          }
          if (!n.labels.empty() || n.properties || part.rels.empty()) {
            ThrowSemantic("VariableAlreadyBound",
                          "variable '" + n.variable + "' is already declared", n.span);
          }
          continue;
        }
        scope[n.variable] = Kind::kNode;
      }
      for (const auto& r : part.rels) {
        CheckExpr(r.properties.get(), scope, false);
        if (scope.count(r.variable)) {
          ThrowSemantic("VariableAlreadyBound", "variable '" + r.variable + "' is already declared",
                        r.span);
        }
        if (r.types.size() != 1) {
          ThrowSemantic("NoSingleRelationshipType",
                        "a relationship to create needs exactly one type", r.span);
        }
        if (r.direction == Direction::kBoth) {
          ThrowSemantic("RequiresDirectedRelationship",
                        "a relationship to create needs a direction", r.span);
        }
        if (r.variable_length) {
          ThrowSemantic("CreatingVarLength", "cannot create a variable-length relationship",
                        r.span);
        }
        scope[r.variable] = Kind::kRel;
      }
      if (!part.path_variable.empty()) {
        if (scope.count(part.path_variable)) {
          ThrowSemantic("VariableAlreadyBound",
                        "variable '" + part.path_variable + "' is already declared", part.span);
        }
        scope[part.path_variable] = Kind::kPath;
      }
    }
  }

  void BindProjection(const ast::Clause& c, Scope& scope) {
    const auto& p = c.projection;
    bool is_return = c.kind == ast::ClauseKind::kReturn;
    Scope next;
    bool aggregating = false;
    if (p.star) {
      bool any = false;
      for (const auto& [name, kind] : scope) {
        if (IsAnonymous(name)) continue;
        next[name] = kind;
        any = true;
      }
      if (!any && is_return) {
        ThrowSemantic("NoVariablesInScope", "RETURN * has no variables in scope", c.span);
      }
    }
    std::set<std::string> aliases;
    for (const auto& item : p.items) {
      CheckExpr(item.expr.get(), scope, true);
      if (ContainsAggregate(*item.expr)) aggregating = true;
      if (!is_return && !item.has_alias && item.expr->kind != ExprKind::kVariable) {
        ThrowSemantic("NoExpressionAlias", "expression in WITH must be aliased (use AS)",
                      item.expr->span);
      }
      if (!aliases.insert(item.alias).second) {
        ThrowSemantic("ColumnNameConflict", "multiple result columns named '" + item.alias + "'",
                      item.expr->span);
      }
      next[item.alias] = KindOf(*item.expr, scope);
    }
    // ORDER BY and WITH ... WHERE see the aliases and, through them, what came before.
    Scope order_scope = next;
    for (const auto& [name, kind] : scope) order_scope.emplace(name, kind);
    for (const auto& s : p.order) {
      CheckExpr(s.expr.get(), order_scope, aggregating);
      if (aggregating && ContainsAggregate(*s.expr)) CheckGrouped(*s.expr, p, next);
    }
    for (const auto* bound : {p.skip.get(), p.limit.get()}) {
      if (bound == nullptr) continue;
      std::set<std::string> vars;
      if (ContainsVariable(*bound)) {
        ThrowSemantic("NonConstantExpression", "SKIP and LIMIT need a constant expression",
                      bound->span);
      }
      CheckExpr(bound, Scope(), false);
      if (bound->kind == ExprKind::kLiteral) {
        const Value& v = bound->literal;
        if (v.is_int() && v.as_int() < 0) {
          ThrowSemantic("NegativeIntegerArgument", "SKIP and LIMIT need a non-negative integer",
                        bound->span);
        }
        if (!v.is_int()) {
          ThrowSemantic("InvalidArgumentType", "SKIP and LIMIT need an integer", bound->span);
        }
      }
    }
    in_where_ = true;
    CheckExpr(p.where.get(), aggregating ? next : order_scope, false);
    in_where_ = false;
    CheckPredicate(p.where.get(), order_scope);
    scope = std::move(next);
  }

  // Outside its aggregates, an ORDER BY expression that aggregates may only use what the
  // projection returns: its aliases or its expressions written the same way.
  static void CheckGrouped(const Expr& e, const ast::Projection& p, const Scope& projected) {
    if (e.kind == ExprKind::kCountStar ||
        (e.kind == ExprKind::kFunction && IsAggregateFunction(Lower(e.name)))) {
      return;
    }
    for (const auto& item : p.items) {
      if (item.expr->text != e.text) continue;
      if (e.kind == ExprKind::kVariable || e.kind == ExprKind::kProperty) return;
      ThrowSemantic("AmbiguousAggregationExpression",
                    "'" + e.text + "' is a returned expression used beside an aggregate; "
                    "return it under an alias and order by the alias", e.span);
    }
    if (e.kind == ExprKind::kVariable) {
      if (!projected.count(e.name)) {
        ThrowSemantic("UndefinedVariable", "variable '" + e.name + "' not defined", e.span);
      }
      return;
    }
    if (e.kind == ExprKind::kProperty && e.args[0]->kind == ExprKind::kVariable) {
      if (!projected.count(e.args[0]->name)) {
        ThrowSemantic("UndefinedVariable", "variable '" + e.args[0]->name + "' not defined",
                      e.args[0]->span);
      }
      return;
    }
    for (const auto& a : e.args) {
      if (a) CheckGrouped(*a, p, projected);
    }
  }

  static bool ContainsVariable(const Expr& e) {
    if (e.kind == ExprKind::kVariable) return true;
    for (const auto& a : e.args) {
      if (a && ContainsVariable(*a)) return true;
    }
    return false;
  }

  void BindCall(const ast::Clause& c, Scope& scope) {
    const ProcedureSignature* procedure = FindProcedure(c.procedure);
    if (procedure == nullptr) {
      ThrowSemantic("ProcedureNotFound", "there is no procedure '" + c.procedure + "'", c.span);
    }
    if (c.arguments.size() < procedure->min_args || c.arguments.size() > procedure->max_args) {
      ThrowSemantic("InvalidNumberOfArguments",
                    "wrong number of arguments: " + std::to_string(c.arguments.size()) +
                        " for " + procedure->usage,
                    c.span);
    }
    for (const auto& a : c.arguments) CheckExpr(a.get(), scope, false);
    std::set<std::string> yielded;
    for (const auto& y : c.yields) {
      const auto& outputs = procedure->outputs;
      if (std::find(outputs.begin(), outputs.end(), y.field) == outputs.end()) {
        std::string names;
        for (const auto& o : outputs) names += (names.empty() ? "" : ", ") + o;
        ThrowSemantic("UnknownProcedureOutput",
                      procedure->name + " has no output '" + y.field + "' (it yields " +
                          names + ")",
                      y.span);
      }
      if (scope.count(y.variable) || !yielded.insert(y.variable).second) {
        ThrowSemantic("VariableAlreadyBound",
                      "variable '" + y.variable + "' is already declared", y.span);
      }
    }
    for (const auto& y : c.yields) {
      scope[y.variable] = y.field == "node" ? Kind::kNode : Kind::kValue;
    }
    if (!c.has_yield) {
      for (const auto& o : procedure->outputs) scope[o] = o == "node" ? Kind::kNode : Kind::kValue;
    }
    in_where_ = true;
    CheckExpr(c.where.get(), scope, false);
    in_where_ = false;
    CheckPredicate(c.where.get(), scope);
  }

  void BindClause(const ast::Clause& c, Scope& scope) {
    switch (c.kind) {
      case ast::ClauseKind::kCall: BindCall(c, scope); break;
      case ast::ClauseKind::kMatch: BindMatch(c, scope); break;
      case ast::ClauseKind::kCreate: BindCreate(c, scope); break;
      case ast::ClauseKind::kUnwind:
        CheckExpr(c.expr.get(), scope, false);
        if (scope.count(c.variable)) {
          ThrowSemantic("VariableAlreadyBound", "variable '" + c.variable + "' is already declared",
                        c.span);
        }
        scope[c.variable] = Kind::kAny;
        break;
      case ast::ClauseKind::kWith:
      case ast::ClauseKind::kReturn: BindProjection(c, scope); break;
      case ast::ClauseKind::kSet:
      case ast::ClauseKind::kRemove:
        for (const auto& item : c.set_items) {
          if (!item.variable.empty() && !scope.count(item.variable)) {
            ThrowSemantic("UndefinedVariable", "variable '" + item.variable + "' not defined",
                          item.span);
          }
          CheckExpr(item.target.get(), scope, false);
          CheckExpr(item.value.get(), scope, false);
        }
        break;
      case ast::ClauseKind::kDelete:
        for (const auto& e : c.delete_exprs) {
          CheckExpr(e.get(), scope, false);
          Kind k = KindOf(*e, scope);
          if (k == Kind::kValue || e->kind == ExprKind::kBinary) {
            ThrowSemantic("InvalidArgumentType", "DELETE expects a node, relationship or path",
                          e->span);
          }
          if (e->kind == ExprKind::kLabelTest) {
            ThrowSemantic("InvalidDelete", "DELETE cannot remove labels; use REMOVE", e->span);
          }
        }
        break;
    }
  }
};

}  // namespace

void Bind(const ast::Statement& statement) {
  for (const auto& part : statement.parts) {
    Binder binder;
    binder.BindQuery(part);
  }
}

}  // namespace kg::query
