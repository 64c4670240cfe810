#include "query/executor.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <regex>
#include <set>
#include <unordered_map>

#include "core/schema.h"
#include "query/procedures.h"

namespace kg::query {

namespace {

using ast::ClauseKind;
using ast::Expr;
using ast::ExprKind;

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool IsAnonymous(const std::string& name) { return !name.empty() && name[0] == ' '; }

std::vector<std::string> CanonicalTypes(const std::vector<std::string>& types) {
  std::vector<std::string> out;
  for (const auto& t : types) out.push_back(CanonicalRelationshipType(t));
  return out;
}

std::string DirectionArrow(Direction d, const std::string& inner) {
  switch (d) {
    case Direction::kOutgoing: return "-[" + inner + "]->";
    case Direction::kIncoming: return "<-[" + inner + "]-";
    case Direction::kBoth: return "-[" + inner + "]-";
  }
  return "";
}

std::string NodeText(const ast::NodePattern& np) {
  std::string s = "(" + (np.anonymous ? "" : np.variable);
  for (const auto& l : np.labels) s += ":" + l;
  if (np.properties) s += " " + np.properties->text;
  return s + ")";
}

std::string RelText(const ast::RelPattern& rp) {
  std::string inner = rp.anonymous ? "" : rp.variable;
  for (size_t i = 0; i < rp.types.size(); ++i) inner += (i == 0 ? ":" : "|") + rp.types[i];
  if (rp.variable_length) {
    inner += "*";
    if (rp.min_hops != 1 || rp.max_hops != -1) {
      inner += std::to_string(rp.min_hops) + "..";
      if (rp.max_hops >= 0) inner += std::to_string(rp.max_hops);
    }
  }
  return DirectionArrow(rp.direction, inner);
}

Direction Reverse(Direction d) {
  if (d == Direction::kOutgoing) return Direction::kIncoming;
  if (d == Direction::kIncoming) return Direction::kOutgoing;
  return d;
}

// Conjuncts of a WHERE expression.
void Conjuncts(const Expr* e, std::vector<const Expr*>& out) {
  if (e == nullptr) return;
  if (e->kind == ExprKind::kBinary && e->op == ast::BinaryOp::kAnd) {
    Conjuncts(e->args[0].get(), out);
    Conjuncts(e->args[1].get(), out);
    return;
  }
  out.push_back(e);
}

void FreeVariables(const Expr* e, std::set<std::string>& out) {
  if (e == nullptr) return;
  if (e->kind == ExprKind::kVariable) out.insert(e->name);
  for (const auto& a : e->args) FreeVariables(a.get(), out);
  if (e->pattern) {
    for (const auto& n : e->pattern->nodes) {
      out.insert(n.variable);
      FreeVariables(n.properties.get(), out);
    }
    for (const auto& r : e->pattern->rels) {
      out.insert(r.variable);
      FreeVariables(r.properties.get(), out);
    }
  }
}




}  // namespace

bool IsAggregateFunction(const std::string& n) {
  return n == "count" || n == "collect" || n == "sum" || n == "avg" || n == "min" ||
         n == "max" || n == "stdev" || n == "stdevp" || n == "percentilecont" ||
         n == "percentiledisc";
}

bool IsKnownFunction(const std::string& n) {
  static const std::set<std::string> kFunctions = {
      "count", "collect", "sum", "avg", "min", "max", "stdev", "stdevp", "type", "labels",
      "keys", "properties", "size", "coalesce", "head", "last", "tail", "range", "tostring",
      "tointeger", "tofloat", "toboolean", "tolower", "toupper", "substring", "split", "abs",
      "startnode", "endnode", "length", "nodes", "relationships", "id", "exists", "trim",
      "ltrim", "rtrim", "replace", "reverse", "left", "right", "sign", "ceil", "floor",
      "round", "sqrt", "exp", "log", "log10", "sin", "cos", "tan", "pi", "e", "rand",
      "tostringornull", "tointegerornull", "tofloatornull", "tobooleanornull", "isempty",
      "lower", "upper", "elementid", "percentilecont", "percentiledisc"};
  return kFunctions.count(n) > 0;
}

bool ContainsAggregate(const Expr& e) {
  if (e.kind == ExprKind::kCountStar) return true;
  if (e.kind == ExprKind::kFunction && IsAggregateFunction(Lower(e.name))) return true;
  if (e.kind == ExprKind::kListComprehension || e.kind == ExprKind::kQuantifier) {
    // Aggregates inside a comprehension's inner expressions are not projections' aggregates.
    return e.args[0] && ContainsAggregate(*e.args[0]);
  }
  for (const auto& a : e.args) {
    if (a && ContainsAggregate(*a)) return true;
  }
  return false;
}

Executor::Executor(storage::GraphReader* reader, storage::Transaction* txn,
                   const ValueMap& parameters)
    : reader_(reader), txn_(txn), parameters_(parameters) {}

void Executor::Check(const Status& s) {
  if (!s.ok()) throw QueryError{s};
}

void Executor::ThrowInterrupted() {
  throw QueryError{Status::InvalidArgument("query interrupted").WithKind("Interrupted")};
}

const Node& Executor::GetNode(NodeId id) {
  auto it = node_cache_.find(id);
  if (it != node_cache_.end()) return it->second;
  auto r = reader_->GetNode(id);
  if (!r.ok()) {
    auto t = node_tombstones_.find(id);
    if (t != node_tombstones_.end()) return t->second;
    if (deleted_nodes_.count(id)) {
      ThrowRuntime("DeletedEntityAccess", "node " + std::to_string(id) + " has been deleted");
    }
    throw QueryError{r.status()};
  }
  return node_cache_.emplace(id, std::move(r).value()).first->second;
}

const Edge& Executor::GetEdge(EdgeId id) {
  auto it = edge_cache_.find(id);
  if (it != edge_cache_.end()) return it->second;
  auto r = reader_->GetEdge(id);
  if (!r.ok()) {
    auto t = edge_tombstones_.find(id);
    if (t != edge_tombstones_.end()) return t->second;
    if (deleted_edges_.count(id)) {
      ThrowRuntime("DeletedEntityAccess",
                   "relationship " + std::to_string(id) + " has been deleted");
    }
    throw QueryError{r.status()};
  }
  return edge_cache_.emplace(id, std::move(r).value()).first->second;
}

void Executor::AddOp(const std::string& name, const std::string& detail) {
  plan_.push_back(PlanOperator{name, detail, -1, -1});
}

// ---------------------------------------------------------------- statements

QueryResult Executor::Run(const ast::Statement& statement) {
  QueryResult result;
  for (size_t i = 0; i < statement.parts.size(); ++i) {
    QueryResult part = RunSingle(statement.parts[i]);
    if (i == 0) {
      result = std::move(part);
      continue;
    }
    if (part.columns != result.columns) {
      ThrowSemantic("DifferentColumnsInUnion", "all sub queries in an UNION must have the same "
                                               "return column names");
    }
    for (auto& row : part.rows) result.rows.push_back(std::move(row));
  }
  bool distinct = false;
  for (bool all : statement.union_all) distinct = distinct || !all;
  if (distinct) {
    std::vector<std::vector<ResultValue>> unique;
    std::set<std::string> seen;
    for (auto& row : result.rows) {
      std::string key;
      for (const auto& cell : row) key += cell.ToCypher() + "\x1f";
      if (seen.insert(key).second) unique.push_back(std::move(row));
    }
    result.rows = std::move(unique);
  }
  result.counts = counts_;
  return result;
}

QueryResult Executor::RunSingle(const ast::SingleQuery& query) {
  current_query_ = &query;
  QueryResult result;
  Rows rows(1);
  for (const auto& clause : query.clauses) {
    size_t first_op = plan_.size();
    auto start = std::chrono::steady_clock::now();
    rows = RunClause(clause, std::move(rows), &result);
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                          start).count();
    // Operators the clause did not measure get its output rows and share its other time.
    double spent = 0;
    int unmeasured = 0;
    for (size_t i = first_op; i < plan_.size(); ++i) {
      if (plan_[i].rows < 0) plan_[i].rows = static_cast<int64_t>(rows.size());
      if (plan_[i].millis < 0) {
        ++unmeasured;
      } else {
        spent += plan_[i].millis;
      }
    }
    for (size_t i = first_op; i < plan_.size(); ++i) {
      if (plan_[i].millis < 0) plan_[i].millis = std::max(0.0, ms - spent) / unmeasured;
    }
  }
  return result;
}

Executor::Rows Executor::RunClause(const ast::Clause& clause, Rows input, QueryResult* result) {
  if (clause.kind == ClauseKind::kMatch || clause.kind == ClauseKind::kCreate) {
    for (const auto& part : clause.pattern) {
      for (const auto& n : part.nodes) scope_names_.insert(n.variable);
      for (const auto& r : part.rels) scope_names_.insert(r.variable);
      if (!part.path_variable.empty()) scope_names_.insert(part.path_variable);
    }
  } else if (clause.kind == ClauseKind::kUnwind) {
    scope_names_.insert(clause.variable);
  } else if (clause.kind == ClauseKind::kCall) {
    for (const auto& c : CallColumns(clause)) scope_names_.insert(c);
  }
  switch (clause.kind) {
    case ClauseKind::kMatch: return Match(clause, std::move(input));
    case ClauseKind::kUnwind: return Unwind(clause, std::move(input));
    case ClauseKind::kWith: return Project(clause.projection, std::move(input), false, nullptr);
    case ClauseKind::kReturn: {
      std::vector<std::string> columns;
      Rows rows = Project(clause.projection, std::move(input), true, &columns);
      result->columns = columns;
      for (const auto& row : explain_only_ ? Rows() : rows) {
        std::vector<ResultValue> cells;
        for (const auto& c : columns) cells.push_back(ToResult(row.at(c)));
        result->rows.push_back(std::move(cells));
      }
      AddOp("ProduceResults", [&] {
        std::string s;
        for (const auto& c : columns) s += (s.empty() ? "" : ", ") + c;
        return s;
      }());
      plan_.back().rows = static_cast<int64_t>(rows.size());
      return rows;
    }
    case ClauseKind::kCreate: return Create(clause, std::move(input));
    case ClauseKind::kSet:
    case ClauseKind::kRemove: return SetOrRemove(clause, std::move(input));
    case ClauseKind::kDelete: return Delete(clause, std::move(input));
    case ClauseKind::kCall: {
      Rows rows = Call(clause, std::move(input));
      if (&clause == &current_query_->clauses.back()) {
        // A standalone CALL: its records are the result.
        std::vector<std::string> columns = CallColumns(clause);
        result->columns = columns;
        for (const auto& row : explain_only_ ? Rows() : rows) {
          std::vector<ResultValue> cells;
          for (const auto& c : columns) cells.push_back(ToResult(row.at(c)));
          result->rows.push_back(std::move(cells));
        }
        std::string s;
        for (const auto& c : columns) s += (s.empty() ? "" : ", ") + c;
        AddOp("ProduceResults", s);
        plan_.back().rows = static_cast<int64_t>(rows.size());
      }
      return rows;
    }
  }
  return input;
}

// ---------------------------------------------------------------- MATCH

const Expr* Executor::IdValue(const ast::NodePattern& np, const Expr* where, const Row& row) {
  std::vector<const Expr*> conjuncts;
  Conjuncts(where, conjuncts);
  for (const Expr* c : conjuncts) {
    if (c->kind != ExprKind::kBinary || c->op != ast::BinaryOp::kEq) continue;
    for (int side = 0; side < 2; ++side) {
      const Expr* call = c->args[side].get();
      const Expr* value = c->args[1 - side].get();
      if (call->kind != ExprKind::kFunction || Lower(call->name) != "id" || call->distinct ||
          call->args.size() != 1 || call->args[0]->kind != ExprKind::kVariable ||
          call->args[0]->name != np.variable) {
        continue;
      }
      std::set<std::string> vars;
      FreeVariables(value, vars);
      bool usable = !vars.count(np.variable);
      for (const auto& v : vars) usable = usable && row.count(v) > 0;
      if (usable) return value;
    }
  }
  return nullptr;
}

const Expr* Executor::HashableValue(const ast::NodePattern& np, const Expr* where,
                                    const Row& row, std::string* key) {
  std::vector<const Expr*> conjuncts;
  Conjuncts(where, conjuncts);
  for (const Expr* c : conjuncts) {
    if (c->kind != ExprKind::kBinary || c->op != ast::BinaryOp::kEq) continue;
    for (int side = 0; side < 2; ++side) {
      const Expr* prop = c->args[side].get();
      const Expr* value = c->args[1 - side].get();
      if (prop->kind != ExprKind::kProperty || prop->args[0]->kind != ExprKind::kVariable ||
          prop->args[0]->name != np.variable) {
        continue;
      }
      if (prop->name == "name" && reader_->IsIndexed(prop->name)) continue;  // an index seek
      std::set<std::string> vars;
      FreeVariables(value, vars);
      bool usable = !vars.count(np.variable);
      for (const auto& v : vars) usable = usable && row.count(v) > 0;
      if (!usable) continue;
      *key = prop->name;
      return value;
    }
  }
  return nullptr;
}

const Expr* Executor::IndexableValue(const ast::NodePattern& np, const Expr* where,
                                     const Row& row, std::string* key) {
  auto usable = [&](const Expr* value) {
    std::set<std::string> vars;
    FreeVariables(value, vars);
    for (const auto& v : vars) {
      if (!row.count(v)) return false;
    }
    return true;
  };
  auto indexed = [&](const std::string& k) { return k == "name" && reader_->IsIndexed(k); };
  if (np.properties && np.properties->kind == ExprKind::kMap) {
    for (size_t i = 0; i < np.properties->keys.size(); ++i) {
      if (indexed(np.properties->keys[i]) && usable(np.properties->args[i].get())) {
        *key = np.properties->keys[i];
        return np.properties->args[i].get();
      }
    }
  }
  std::vector<const Expr*> conjuncts;
  Conjuncts(where, conjuncts);
  auto is_property_of_node = [&](const Expr* e, const char* key) {
    return e->kind == ExprKind::kProperty && e->name == key &&
           e->args[0]->kind == ExprKind::kVariable && e->args[0]->name == np.variable;
  };
  for (const Expr* c : conjuncts) {
    // WHERE 'x' IN n.aliases: the property index holds each alias of the list.
    if (c->kind == ExprKind::kBinary && c->op == ast::BinaryOp::kIn &&
        is_property_of_node(c->args[1].get(), "aliases") && reader_->IsIndexed("aliases") &&
        usable(c->args[0].get())) {
      std::set<std::string> vars;
      FreeVariables(c->args[0].get(), vars);
      if (!vars.count(np.variable)) {
        *key = "aliases";
        return c->args[0].get();
      }
    }
  }
  for (const Expr* c : conjuncts) {
    if (c->kind != ExprKind::kBinary || c->op != ast::BinaryOp::kEq) continue;
    for (int side = 0; side < 2; ++side) {
      const Expr* prop = c->args[side].get();
      const Expr* value = c->args[1 - side].get();
      if (prop->kind == ExprKind::kProperty && prop->args[0]->kind == ExprKind::kVariable &&
          prop->args[0]->name == np.variable && indexed(prop->name) && usable(value)) {
        std::set<std::string> vars;
        FreeVariables(value, vars);
        if (vars.count(np.variable)) continue;
        *key = prop->name;
        return value;
      }
    }
  }
  return nullptr;
}

size_t Executor::ChooseStart(const ast::PatternPart& part, const Row& row, const Expr* where,
                             std::string* how) {
  size_t best = 0;
  int best_score = 100;
  for (size_t i = 0; i < part.nodes.size(); ++i) {
    const auto& np = part.nodes[i];
    int score;
    std::string key;
    if (row.count(np.variable)) {
      score = 0;
    } else if (IdValue(np, where, row) != nullptr) {
      score = 1;
    } else if (IndexableValue(np, where, row, &key) != nullptr) {
      score = 2;
    } else if (HashableValue(np, where, row, &key) != nullptr) {
      score = 3;
    } else if (!np.labels.empty()) {
      score = 4;
    } else {
      score = 5;
    }
    if (score < best_score) {
      best_score = score;
      best = i;
    }
  }
  static const char* kHow[] = {"Argument",        "NodeByIdSeek", "NodeIndexSeek",
                               "NodeHashJoin",    "NodeByLabelScan", "AllNodesScan"};
  if (how != nullptr) *how = kHow[best_score];
  return best;
}

std::vector<NodeId> Executor::Candidates(const ast::PatternPart& part, size_t index,
                                         const Row& row, const Expr* where, std::string* how) {
  (void)part;
  const auto& np = part.nodes[index];
  std::vector<NodeId> out;
  auto it = row.find(np.variable);
  if (it != row.end()) {
    if (it->second.is_node()) out.push_back(it->second.node_id());
    *how = "Argument";
    return out;
  }
  if (const Expr* value = IdValue(np, where, row)) {
    *how = "NodeByIdSeek";
    RValue v = Eval(*value, row);
    // id(n) = 1.0 holds for node 1; anything else that is not a number matches no node.
    if (v.is_float() && v.as_float() == std::floor(v.as_float()) && v.as_float() >= 0 &&
        v.as_float() < 9.0e18) {
      v = RValue(static_cast<int64_t>(v.as_float()));
    }
    if (!v.is_int() || v.as_int() < 0) return out;
    NodeId id = static_cast<NodeId>(v.as_int());
    if (reader_->GetNode(id).ok() && !deleted_nodes_.count(id)) out.push_back(id);
    return out;
  }
  std::string key;
  if (const Expr* value = IndexableValue(np, where, row, &key)) {
    *how = "NodeIndexSeek";
    RValue v = Eval(*value, row);
    if (v.is_null() || v.is_node() || v.is_edge() || v.is_path()) return out;
    Value pv = ToValue(v);
    Check(reader_->LookupNodes(key, pv, [&](NodeId id) {
      out.push_back(id);
      return true;
    }));
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }
  auto collect = [&](NodeId id) {
    CheckInterrupt();
    out.push_back(id);
    return true;
  };
  if (const Expr* value = HashableValue(np, where, row, &key)) {
    *how = "NodeHashJoin";
    auto [table, fresh] = hash_tables_.try_emplace({&np, key});
    if (fresh) {
      // Build once per MATCH from the scan the pattern would need anyway, in scan order.
      auto add = [&](const Node& node) {
        CheckInterrupt();
        auto p = node.properties.find(key);
        if (p == node.properties.end()) return true;
        table->second[GroupKey(FromValue(p->second))].push_back(node.id);
        return true;
      };
      if (!np.labels.empty()) {
        std::vector<NodeId> ids;
        Check(reader_->ScanNodesWithLabel(np.labels[0], collect));
        ids.swap(out);
        for (NodeId id : ids) add(GetNode(id));
      } else {
        Check(reader_->ScanNodeRecords([&](const Node& node) {
          node_cache_.emplace(node.id, node);
          return add(node);
        }));
      }
    }
    RValue v = Eval(*value, row);
    // Candidates share the value's group key; the WHERE still decides (null, NaN, lists).
    if (v.is_null() || v.is_node() || v.is_edge() || v.is_path()) return out;
    auto hit = table->second.find(GroupKey(v));
    if (hit != table->second.end()) out = hit->second;
    return out;
  }
  if (!np.labels.empty()) {
    *how = "NodeByLabelScan";
    Check(reader_->ScanNodesWithLabel(np.labels[0], collect));
  } else if (np.properties) {
    // The properties will be checked on every node: read the records in one pass.
    *how = "AllNodesScan";
    Check(reader_->ScanNodeRecords([&](const Node& node) {
      out.push_back(node.id);
      node_cache_.emplace(node.id, node);
      return true;
    }));
  } else {
    *how = "AllNodesScan";
    Check(reader_->ScanNodes(collect));
  }
  return out;
}

bool Executor::NodeMatches(const ast::NodePattern& np, NodeId id, Row& row, bool* bound_here) {
  *bound_here = false;
  auto it = row.find(np.variable);
  if (it != row.end()) {
    if (!it->second.is_node() || it->second.node_id() != id) return false;
  }
  if (!np.labels.empty() || np.properties) {
    const Node& node = GetNode(id);
    for (const auto& l : np.labels) {
      if (!node.HasLabel(l)) return false;
    }
    if (np.properties) {
      RValue props = Eval(*np.properties, row);
      if (props.is_map()) {
        for (const auto& [k, v] : props.as_map()) {
          auto p = node.properties.find(k);
          if (p == node.properties.end()) return false;
          RValue eq = CypherEquals(FromValue(p->second), v);
          if (eq.is_null() || !eq.as_bool()) return false;
        }
      }
    }
  }
  if (it == row.end()) {
    row[np.variable] = RValue(NodeRef{id});
    *bound_here = true;
  }
  return true;
}

bool Executor::EdgeMatches(const ast::RelPattern& rp, EdgeId id, const Row& row) {
  if (!rp.properties) return true;
  RValue props = Eval(*rp.properties, row);
  if (!props.is_map()) return true;
  const Edge& edge = GetEdge(id);
  for (const auto& [k, v] : props.as_map()) {
    auto p = edge.properties.find(k);
    if (p == edge.properties.end()) return false;
    RValue eq = CypherEquals(FromValue(p->second), v);
    if (eq.is_null() || !eq.as_bool()) return false;
  }
  return true;
}

void Executor::BindPath(const ast::PatternPart& part, Row& row) {
  if (part.path_variable.empty()) return;
  PathRef path;
  NodeId current = row.at(part.nodes[0].variable).node_id();
  path.nodes.push_back(current);
  for (size_t i = 0; i < part.rels.size(); ++i) {
    const RValue& r = row.at(part.rels[i].variable);
    std::vector<EdgeId> edges;
    if (r.is_edge()) {
      edges.push_back(r.edge_id());
    } else if (r.is_list()) {
      for (const auto& e : r.as_list()) edges.push_back(e.edge_id());
    }
    for (EdgeId e : edges) {
      const Edge& edge = GetEdge(e);
      current = edge.source == current ? edge.target : edge.source;
      path.edges.push_back(e);
      path.nodes.push_back(current);
    }
    current = row.at(part.nodes[i + 1].variable).node_id();
    if (path.nodes.back() != current) path.nodes.back() = current;
  }
  row[part.path_variable] = RValue(std::move(path));
}

bool Executor::MatchPart(const ast::PatternPart& part, Row& row, std::vector<EdgeId>& used,
                         const Expr* where, const RowVisitor& visit) {
  PlanOperator* ops = nullptr;
  if (auto it = part_ops_.find(&part); it != part_ops_.end()) ops = &plan_[it->second];
  if (part.kind != ast::PathKind::kNormal) {
    if (ops == nullptr) return MatchShortest(part, row, visit);
    return MatchShortest(part, row, [&](Row& r) {
      ops[0].rows = std::max<int64_t>(ops[0].rows, 0) + 1;
      return visit(r);
    });
  }
  std::string how;
  size_t start = ChooseStart(part, row, where, &how);
  auto scan_start = std::chrono::steady_clock::now();
  std::vector<NodeId> candidates = Candidates(part, start, row, where, &how);
  if (ops != nullptr) {
    ops[0].millis = std::max(0.0, ops[0].millis) +
                    std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                              scan_start).count();
  }
  auto count = [&](size_t op) {
    if (ops != nullptr) ops[op].rows = std::max<int64_t>(ops[op].rows, 0) + 1;
  };

  // Steps: right from the start, then left.
  struct Step {
    size_t rel;
    size_t from;
    size_t to;
    bool reversed;
  };
  std::vector<Step> steps;
  for (size_t i = start; i < part.rels.size(); ++i) steps.push_back({i, i, i + 1, false});
  for (size_t i = start; i > 0; --i) steps.push_back({i - 1, i, i - 1, true});

  bool keep_going = true;
  std::function<void(size_t)> step_fn = [&](size_t k) {
    if (!keep_going) return;
    CheckInterrupt();
    if (k > 0) count(k);
    if (k == steps.size()) {
      Row out = row;
      BindPath(part, out);
      if (!visit(out)) keep_going = false;
      return;
    }
    const Step& st = steps[k];
    const auto& rp = part.rels[st.rel];
    const auto& to_np = part.nodes[st.to];
    NodeId from = row.at(part.nodes[st.from].variable).node_id();
    Direction dir = st.reversed ? Reverse(rp.direction) : rp.direction;
    std::vector<std::string> types = CanonicalTypes(rp.types);
    auto try_node = [&](NodeId to, const RValue& rel_value, const std::string& rel_var) {
      bool rel_bound_here = false;
      auto rit = row.find(rel_var);
      if (rit != row.end()) {
        if (Equivalent(rit->second, rel_value) == false) return;
      } else {
        row[rel_var] = rel_value;
        rel_bound_here = true;
      }
      bool bound_here = false;
      if (NodeMatches(to_np, to, row, &bound_here)) {
        step_fn(k + 1);
        if (bound_here) row.erase(to_np.variable);
      }
      if (rel_bound_here) row.erase(rel_var);
    };
    // Collected before expanding: the visitor must not run queries of its own.
    auto adjacent_of = [&](NodeId node) {
      std::vector<storage::AdjacentEdge> adjacent;
      Check(reader_->ScanAdjacent(node, dir, types, [&](const storage::AdjacentEdge& a) {
        adjacent.push_back(a);
        return true;
      }));
      return adjacent;
    };
    if (!rp.variable_length) {
      std::vector<storage::AdjacentEdge> adjacent = adjacent_of(from);
      for (const auto& a : adjacent) {
        if (!keep_going) return;
        if (std::find(used.begin(), used.end(), a.edge) != used.end()) continue;
        if (!EdgeMatches(rp, a.edge, row)) continue;
        used.push_back(a.edge);
        try_node(a.other, RValue(EdgeRef{a.edge}), rp.variable);
        used.pop_back();
      }
      return;
    }
    // Variable length: depth-first over distinct relationships.
    std::vector<EdgeId> trail;
    std::function<void(NodeId, int64_t)> extend = [&](NodeId at, int64_t depth) {
      if (!keep_going) return;
      CheckInterrupt();
      if (depth >= rp.min_hops) {
        RList list;
        if (st.reversed) {
          for (auto it = trail.rbegin(); it != trail.rend(); ++it) list.push_back(EdgeRef{*it});
        } else {
          for (EdgeId e : trail) list.push_back(EdgeRef{e});
        }
        try_node(at, RValue(std::move(list)), rp.variable);
      }
      if (rp.max_hops >= 0 && depth >= rp.max_hops) return;
      std::vector<storage::AdjacentEdge> adjacent = adjacent_of(at);
      for (const auto& a : adjacent) {
        if (!keep_going) return;
        if (std::find(used.begin(), used.end(), a.edge) != used.end()) continue;
        if (!EdgeMatches(rp, a.edge, row)) continue;
        used.push_back(a.edge);
        trail.push_back(a.edge);
        extend(a.other, depth + 1);
        trail.pop_back();
        used.pop_back();
      }
    };
    extend(from, 0);
  };

  for (NodeId id : candidates) {
    if (!keep_going) break;
    bool bound_here = false;
    const auto& start_np = part.nodes[start];
    if (how == "NodeByLabelScan" && start_np.labels.size() == 1 && !start_np.properties &&
        !row.count(start_np.variable)) {
      // The label index answered the whole node pattern: no need to read the node.
      row[start_np.variable] = RValue(NodeRef{id});
      bound_here = true;
    } else if (!NodeMatches(start_np, id, row, &bound_here)) {
      continue;
    }
    count(0);
    step_fn(0);
    if (bound_here) row.erase(part.nodes[start].variable);
  }
  return keep_going;
}

bool Executor::MatchShortest(const ast::PatternPart& part, Row& row, const RowVisitor& visit) {
  if (part.rels.size() != 1) {
    ThrowSemantic("InvalidArgument", "shortestPath needs a pattern with one relationship");
  }
  const auto& rp = part.rels[0];
  std::string how;
  std::vector<NodeId> starts = Candidates(part, 0, row, nullptr, &how);
  std::vector<NodeId> ends = Candidates(part, 1, row, nullptr, &how);
  std::vector<std::string> types = CanonicalTypes(rp.types);
  int64_t max_hops = rp.variable_length ? rp.max_hops : 1;
  int64_t min_hops = rp.variable_length ? rp.min_hops : 1;
  bool keep_going = true;
  auto emit = [&](const std::vector<EdgeId>& route) {
    Row out = row;
    RList rels;
    for (EdgeId id : route) rels.push_back(EdgeRef{id});
    out[rp.variable] = rp.variable_length
                           ? RValue(std::move(rels))
                           : (route.empty() ? RValue() : RValue(EdgeRef{route[0]}));
    BindPath(part, out);
    if (!visit(out)) keep_going = false;
    return keep_going;
  };
  if (ends.size() == 1 && min_hops <= 1) {
    // The usual case, both ends bound: search from both, meeting in the middle.
    for (NodeId s : starts) {
      CheckInterrupt();
      if (s == ends[0]) continue;  // a route to itself has length 0 < min_hops: none
      bool bs = false;
      if (!NodeMatches(part.nodes[0], s, row, &bs)) continue;
      bool be = false;
      if (NodeMatches(part.nodes[1], ends[0], row, &be)) {
        BidirectionalShortest(part, row, s, ends[0], emit);
        if (be) row.erase(part.nodes[1].variable);
      }
      if (bs) row.erase(part.nodes[0].variable);
      if (!keep_going) break;
    }
    return keep_going;
  }
  for (NodeId s : starts) {
    CheckInterrupt();
    bool bs = false;
    if (!NodeMatches(part.nodes[0], s, row, &bs)) continue;
    // BFS keeping, for every node, the predecessor (node, edge) pairs on shortest routes.
    std::unordered_map<NodeId, int64_t> depth{{s, 0}};
    std::unordered_map<NodeId, std::vector<std::pair<NodeId, EdgeId>>> preds;
    std::deque<NodeId> queue{s};
    while (!queue.empty()) {
      CheckInterrupt();
      NodeId at = queue.front();
      queue.pop_front();
      int64_t d = depth[at];
      if (max_hops >= 0 && d >= max_hops) continue;
      Check(reader_->ScanAdjacent(at, rp.direction, types, [&](const storage::AdjacentEdge& a) {
        if (!EdgeMatches(rp, a.edge, row)) return true;
        auto it = depth.find(a.other);
        if (it == depth.end()) {
          depth[a.other] = d + 1;
          preds[a.other].push_back({at, a.edge});
          queue.push_back(a.other);
        } else if (it->second == d + 1) {
          preds[a.other].push_back({at, a.edge});
        }
        return true;
      }));
    }
    for (NodeId e : ends) {
      if (!keep_going) break;
      if (e == s && min_hops > 0) continue;
      if (!depth.count(e) || depth[e] < min_hops) continue;
      bool be = false;
      if (!NodeMatches(part.nodes[1], e, row, &be)) continue;
      // Enumerate the shortest routes back from e.
      std::vector<std::vector<EdgeId>> routes;
      std::function<void(NodeId, std::vector<EdgeId>&)> back = [&](NodeId at,
                                                                   std::vector<EdgeId>& acc) {
        if (part.kind == ast::PathKind::kShortest && !routes.empty()) return;
        if (at == s) {
          routes.emplace_back(acc.rbegin(), acc.rend());
          return;
        }
        for (const auto& [p, edge] : preds[at]) {
          acc.push_back(edge);
          back(p, acc);
          acc.pop_back();
        }
      };
      std::vector<EdgeId> acc;
      back(e, acc);
      for (const auto& route : routes) {
        if (!emit(route)) break;
      }
      if (be) row.erase(part.nodes[1].variable);
    }
    if (bs) row.erase(part.nodes[0].variable);
    if (!keep_going) break;
  }
  return keep_going;
}

bool Executor::BidirectionalShortest(
    const ast::PatternPart& part, Row& row, NodeId from, NodeId to,
    const std::function<bool(const std::vector<EdgeId>&)>& visit) {
  const auto& rp = part.rels[0];
  std::vector<std::string> types = CanonicalTypes(rp.types);
  int64_t max_hops = rp.variable_length ? rp.max_hops : 1;
  // One search per end. `preds` keeps, for every node reached, each (node, relationship)
  // one level nearer that side's end, so every shortest route can be rebuilt.
  struct Side {
    Direction direction;
    int64_t level = 0;
    std::vector<NodeId> frontier;
    std::unordered_map<NodeId, int64_t> depth;
    std::unordered_map<NodeId, std::vector<std::pair<NodeId, EdgeId>>> preds;
  };
  Side forward{rp.direction, 0, {from}, {{from, 0}}, {}};
  Side backward{Reverse(rp.direction), 0, {to}, {{to, 0}}, {}};
  // Invariant: no node is in both searches, so the distance exceeds the sum of the levels.
  // The first level that reaches the other search therefore finds every shortest route,
  // each through exactly one node of that level.
  std::vector<NodeId> meeting;
  while (meeting.empty() && !forward.frontier.empty() && !backward.frontier.empty() &&
         (max_hops < 0 || forward.level + backward.level < max_hops)) {
    Side& side = forward.frontier.size() <= backward.frontier.size() ? forward : backward;
    Side& other = &side == &forward ? backward : forward;
    std::vector<NodeId> next;
    for (NodeId at : side.frontier) {
      CheckInterrupt();
      Check(reader_->ScanAdjacent(at, side.direction, types, [&](const storage::AdjacentEdge& a) {
        if (!EdgeMatches(rp, a.edge, row)) return true;
        auto it = side.depth.find(a.other);
        if (it == side.depth.end()) {
          side.depth.emplace(a.other, side.level + 1);
          side.preds[a.other].push_back({at, a.edge});
          next.push_back(a.other);
        } else if (it->second == side.level + 1) {
          auto& p = side.preds[a.other];
          // A self-loop or an undirected scan may report a relationship twice.
          if (p.empty() || p.back() != std::make_pair(at, a.edge)) p.push_back({at, a.edge});
        }
        return true;
      }));
    }
    ++side.level;
    side.frontier = std::move(next);
    for (NodeId v : side.frontier) {
      if (other.depth.count(v)) meeting.push_back(v);
    }
  }
  if (meeting.empty()) return true;
  std::sort(meeting.begin(), meeting.end());
  bool only_one = part.kind == ast::PathKind::kShortest;
  bool keep_going = true;
  // Routes from `at` to the end of `side`, relationships in walking order from that end.
  auto routes = [&](const Side& side, NodeId origin, NodeId at) {
    std::vector<std::vector<EdgeId>> out;
    std::vector<EdgeId> acc;
    std::function<void(NodeId)> back = [&](NodeId n) {
      if (only_one && !out.empty()) return;
      if (n == origin) {
        out.emplace_back(acc.rbegin(), acc.rend());
        return;
      }
      auto it = side.preds.find(n);
      if (it == side.preds.end()) return;
      for (const auto& [p, edge] : it->second) {
        acc.push_back(edge);
        back(p);
        acc.pop_back();
      }
    };
    back(at);
    return out;
  };
  for (NodeId middle : meeting) {
    std::vector<std::vector<EdgeId>> heads = routes(forward, from, middle);
    std::vector<std::vector<EdgeId>> tails = routes(backward, to, middle);
    for (const auto& head : heads) {
      for (const auto& tail : tails) {
        CheckInterrupt();
        std::vector<EdgeId> route = head;
        route.insert(route.end(), tail.rbegin(), tail.rend());
        if (!visit(route)) keep_going = false;
        if (!keep_going || only_one) return keep_going;
      }
    }
  }
  return keep_going;
}

Executor::Rows Executor::Match(const ast::Clause& clause, Rows input) {
  hash_tables_.clear();  // earlier clauses may have written
  // Describe the plan from the first row's bindings (all rows bind the same variables).
  Row sample = input.empty() ? Row() : input[0];
  size_t first_op = plan_.size();
  {
    Row scope = sample;
    for (const auto& part : clause.pattern) {
      std::string how;
      size_t start = ChooseStart(part, scope, clause.where.get(), &how);
      std::string detail = NodeText(part.nodes[start]);
      part_ops_[&part] = plan_.size();
      if (how == "NodeHashJoin") {
        std::string key;
        const Expr* value = HashableValue(part.nodes[start], clause.where.get(), scope, &key);
        detail += " " + part.nodes[start].variable + "." + key + " = " + value->text;
      } else if (how == "NodeByIdSeek") {
        detail += " id = " + IdValue(part.nodes[start], clause.where.get(), scope)->text;
      } else if (how == "NodeIndexSeek") {
        std::string key;
        const Expr* value = IndexableValue(part.nodes[start], clause.where.get(), scope, &key);
        if (value != nullptr) detail += " " + key + " = " + value->text;
      }
      if (part.kind != ast::PathKind::kNormal) {
        AddOp(part.kind == ast::PathKind::kShortest ? "ShortestPath" : "AllShortestPaths",
              NodeText(part.nodes[0]) + RelText(part.rels[0]) + NodeText(part.nodes[1]));
      } else {
        AddOp(how, detail);
        for (size_t i = start; i < part.rels.size(); ++i) {
          AddOp(part.rels[i].variable_length ? "VarLengthExpand" : "Expand",
                NodeText(part.nodes[i]) + RelText(part.rels[i]) + NodeText(part.nodes[i + 1]));
        }
        for (size_t i = start; i > 0; --i) {
          ast::RelPattern reversed = part.rels[i - 1];
          reversed.direction = Reverse(reversed.direction);
          AddOp(part.rels[i - 1].variable_length ? "VarLengthExpand" : "Expand",
                NodeText(part.nodes[i]) + RelText(reversed) + NodeText(part.nodes[i - 1]));
        }
      }
      for (const auto& n : part.nodes) scope[n.variable] = RValue();
      for (const auto& r : part.rels) scope[r.variable] = RValue();
    }
    if (clause.where) AddOp("Filter", clause.where->text);
    if (clause.optional) AddOp("Optional", "");
  }
  size_t filter_op = clause.where ? plan_.size() - (clause.optional ? 2 : 1) : 0;
  if (explain_only_) return input;

  // Shortest-path parts need their endpoints bound: run them last.
  std::vector<const ast::PatternPart*> parts;
  for (const auto& p : clause.pattern) {
    if (p.kind == ast::PathKind::kNormal) parts.push_back(&p);
  }
  for (const auto& p : clause.pattern) {
    if (p.kind != ast::PathKind::kNormal) parts.push_back(&p);
  }

  // Filter pushdown: a WHERE conjunct whose variables are all bound once the first k parts
  // have matched is tried there, so a multi-part MATCH prunes before the next part instead
  // of filtering its cartesian product. Only rows a conjunct rejects (false or null) are
  // dropped early; the whole WHERE still decides at the end, so errors and three-valued
  // logic are as without pushdown.
  std::vector<std::vector<const Expr*>> early(parts.size() + 1);
  {
    std::vector<const Expr*> conjuncts;
    Conjuncts(clause.where.get(), conjuncts);
    std::set<std::string> bound;
    for (const auto& [name, value] : sample) bound.insert(name);
    std::vector<bool> placed(conjuncts.size(), false);
    for (size_t k = 0; k < parts.size() && !input.empty(); ++k) {
      for (size_t c = 0; c < conjuncts.size(); ++c) {
        if (placed[c]) continue;
        std::set<std::string> vars;
        FreeVariables(conjuncts[c], vars);
        bool ready = true;
        for (const auto& v : vars) ready = ready && bound.count(v) > 0;
        if (ready) {
          early[k].push_back(conjuncts[c]);
          placed[c] = true;
        }
      }
      for (const auto& n : parts[k]->nodes) bound.insert(n.variable);
      for (const auto& r : parts[k]->rels) bound.insert(r.variable);
      if (!parts[k]->path_variable.empty()) bound.insert(parts[k]->path_variable);
    }
    // Conjuncts ready only at the end are the final WHERE's business.
  }
  auto rejected = [&](size_t k, const Row& row) {
    for (const Expr* c : early[k]) {
      RValue v;
      try {
        v = Eval(*c, row);
      } catch (const QueryError& error) {
        // Raised by the final WHERE if the row is completed, never for a row that is not.
        if (error.status.kind() == "Interrupted") throw;
        continue;
      }
      if (v.is_null() || (v.is_bool() && !v.as_bool())) return true;
    }
    return false;
  };

  Rows output;
  int64_t matched = 0;
  for (auto& in : input) {
    CheckInterrupt();
    size_t before = output.size();
    std::vector<EdgeId> used;
    std::function<bool(size_t, Row&)> match_from = [&](size_t k, Row& row) -> bool {
      CheckInterrupt();
      if (k == parts.size()) {
        ++matched;
        if (clause.where && !Truthy(*clause.where, row)) return true;
        output.push_back(row);
        return true;
      }
      if (rejected(k, row)) return true;
      return MatchPart(*parts[k], row, used, clause.where.get(), [&](Row& next) {
        // Relationship uniqueness across the parts of one MATCH.
        size_t mark = used.size();
        for (size_t j = 0; j <= k; ++j) {
          for (const auto& r : parts[j]->rels) {
            auto it = next.find(r.variable);
            if (it == next.end()) continue;
            if (it->second.is_edge()) used.push_back(it->second.edge_id());
            if (it->second.is_list()) {
              for (const auto& e : it->second.as_list()) {
                if (e.is_edge()) used.push_back(e.edge_id());
              }
            }
          }
        }
        bool go = match_from(k + 1, next);
        used.resize(mark);
        return go;
      });
    };
    Row row = in;
    match_from(0, row);
    if (clause.optional && output.size() == before) {
      Row out = in;
      for (const auto& part : clause.pattern) {
        for (const auto& n : part.nodes) out.emplace(n.variable, RValue());
        for (const auto& r : part.rels) out.emplace(r.variable, RValue());
        if (!part.path_variable.empty()) out.emplace(part.path_variable, RValue());
      }
      output.push_back(std::move(out));
    }
  }
  (void)first_op;
  (void)matched;
  if (clause.where) plan_[filter_op].rows = static_cast<int64_t>(output.size());
  return output;
}

// ---------------------------------------------------------------- CALL

std::vector<std::string> Executor::CallColumns(const ast::Clause& clause) {
  std::vector<std::string> columns;
  if (clause.has_yield) {
    for (const auto& y : clause.yields) columns.push_back(y.variable);
  } else if (const ProcedureSignature* p = FindProcedure(clause.procedure)) {
    columns = p->outputs;
  }
  return columns;
}

Executor::Rows Executor::Call(const ast::Clause& clause, Rows input) {
  const ProcedureSignature* procedure = FindProcedure(clause.procedure);
  if (procedure == nullptr) {  // the binder has reported it
    ThrowSemantic("ProcedureNotFound", "there is no procedure '" + clause.procedure + "'");
  }
  std::string detail = procedure->name + "(";
  for (size_t i = 0; i < clause.arguments.size(); ++i) {
    detail += (i ? ", " : "") + clause.arguments[i]->text;
  }
  detail += ")";
  std::vector<std::string> columns = CallColumns(clause);
  if (!columns.empty()) {
    detail += " YIELD ";
    for (size_t i = 0; i < columns.size(); ++i) detail += (i ? ", " : "") + columns[i];
  }
  AddOp("ProcedureCall", detail);
  if (clause.where) AddOp("Filter", clause.where->text);
  size_t call_op = plan_.size() - (clause.where ? 2 : 1);
  if (explain_only_) return input;

  // Output index of each column.
  std::vector<size_t> fields;
  for (size_t i = 0; i < columns.size(); ++i) {
    const std::string& field = clause.has_yield ? clause.yields[i].field : columns[i];
    auto it = std::find(procedure->outputs.begin(), procedure->outputs.end(), field);
    fields.push_back(static_cast<size_t>(it - procedure->outputs.begin()));
  }
  ProcedureRunner runner(reader_);
  Rows output;
  int64_t produced = 0;
  for (auto& row : input) {
    CheckInterrupt();
    std::vector<RValue> args;
    for (const auto& a : clause.arguments) args.push_back(Eval(*a, row));
    const auto& records = runner.Run(*procedure, args);
    for (const auto& record : records) {
      CheckInterrupt();
      ++produced;
      Row out = row;
      for (size_t i = 0; i < columns.size(); ++i) out[columns[i]] = record[fields[i]];
      if (clause.where && !Truthy(*clause.where, out)) continue;
      output.push_back(std::move(out));
    }
  }
  plan_[call_op].rows = produced;
  return output;
}

// ---------------------------------------------------------------- UNWIND, WITH, RETURN

Executor::Rows Executor::Unwind(const ast::Clause& clause, Rows input) {
  AddOp("Unwind", clause.expr->text + " AS " + clause.variable);
  if (explain_only_) return input;
  Rows output;
  for (auto& row : input) {
    CheckInterrupt();
    RValue list = Eval(*clause.expr, row);
    if (list.is_null()) continue;
    if (!list.is_list()) {
      Row out = row;
      out[clause.variable] = list;
      output.push_back(std::move(out));
      continue;
    }
    for (const auto& item : list.as_list()) {
      CheckInterrupt();
      Row out = row;
      out[clause.variable] = item;
      output.push_back(std::move(out));
    }
  }
  return output;
}

int64_t Executor::EvalCount(const Expr* e, const char* what) {
  RValue v = Eval(*e, Row());
  if (v.is_float() && v.as_float() == std::floor(v.as_float()) && false) return 0;
  if (!v.is_int()) {
    ThrowSemantic("InvalidArgumentType", std::string(what) + " expects a non-negative integer, got " +
                                             RTypeName(v));
  }
  if (v.as_int() < 0) {
    ThrowSemantic("NegativeIntegerArgument",
                  std::string(what) + " expects a non-negative integer, got " +
                      std::to_string(v.as_int()));
  }
  return v.as_int();
}

Executor::Rows Executor::Project(const ast::Projection& projection, Rows input, bool is_return,
                                 std::vector<std::string>* columns) {
  // The items, with * expanded to the variables in scope (sorted, as Cypher does).
  std::vector<ast::ProjectionItem> items;
  if (projection.star) {
    for (const auto& n : scope_names_) {
      if (IsAnonymous(n)) continue;
      auto e = std::make_shared<Expr>();
      e->kind = ExprKind::kVariable;
      e->name = n;
      e->text = n;
      items.push_back({e, n, true});
    }
  }
  for (const auto& item : projection.items) items.push_back(item);

  bool aggregating = false;
  for (const auto& item : items) aggregating = aggregating || ContainsAggregate(*item.expr);
  size_t projection_op = 0;

  {
    std::string detail;
    for (const auto& item : items) {
      detail += (detail.empty() ? "" : ", ") + item.expr->text +
                (item.has_alias && item.alias != item.expr->text ? " AS " + item.alias : "");
    }
    projection_op = plan_.size();
    AddOp(aggregating ? "Aggregation" : "Projection", detail);
    if (projection.distinct) AddOp("Distinct", "");
    if (!projection.order.empty()) {
      std::string order;
      for (const auto& s : projection.order) {
        order += (order.empty() ? "" : ", ") + s.expr->text + (s.descending ? " DESC" : "");
      }
      // With LIMIT only the first SKIP + LIMIT rows are put in order (a partial sort).
      AddOp(projection.limit ? "Top" : "Sort", order);
    }
    if (projection.skip) AddOp("Skip", projection.skip->text);
    if (projection.limit) AddOp("Limit", projection.limit->text);
    if (projection.where) AddOp("Filter", projection.where->text);
  }
  if (columns != nullptr) {
    for (const auto& item : items) columns->push_back(item.alias);
  }
  scope_names_.clear();
  for (const auto& item : items) scope_names_.insert(item.alias);
  if (explain_only_) return input;

  struct Out {
    Row projected;  // aliases only
    Row scope;      // for ORDER BY: the input row with the aliases over it
    const std::vector<const Row*>* group = nullptr;  // when aggregating
  };
  std::vector<Out> out;
  if (!aggregating) {
    out.reserve(input.size());
    for (auto& row : input) {
      CheckInterrupt();
      Out o;
      for (const auto& item : items) o.projected[item.alias] = Eval(*item.expr, row);
      if (!projection.order.empty() || projection.where) {
        o.scope = row;
        for (const auto& [k, v] : o.projected) o.scope[k] = v;
      }
      out.push_back(std::move(o));
    }
  } else {
    std::vector<size_t> keys;
    for (size_t i = 0; i < items.size(); ++i) {
      if (!ContainsAggregate(*items[i].expr)) keys.push_back(i);
    }
    std::unordered_map<std::string, size_t> group_index;
    std::vector<std::vector<const Row*>> groups;
    std::vector<Row> group_keys;
    for (const auto& row : input) {
      CheckInterrupt();
      std::string key;
      Row key_values;
      for (size_t i : keys) {
        RValue v = Eval(*items[i].expr, row);
        key += GroupKey(v) + "\x1f";
        key_values[items[i].alias] = v;
      }
      auto [it, fresh] = group_index.emplace(key, groups.size());
      if (fresh) {
        groups.emplace_back();
        group_keys.push_back(std::move(key_values));
      }
      groups[it->second].push_back(&row);
    }
    if (groups.empty() && keys.empty()) {
      groups.emplace_back();
      group_keys.emplace_back();
    }
    static const Row kEmptyRow;
    for (size_t g = 0; g < groups.size(); ++g) {
      Out o;
      const Row& first = groups[g].empty() ? kEmptyRow : *groups[g][0];
      for (size_t i = 0; i < items.size(); ++i) {
        auto kv = group_keys[g].find(items[i].alias);
        if (kv != group_keys[g].end() && !ContainsAggregate(*items[i].expr)) {
          o.projected[items[i].alias] = kv->second;
        } else {
          o.projected[items[i].alias] = Eval(*items[i].expr, first, &groups[g]);
        }
      }
      o.scope = first;
      for (const auto& [k, v] : o.projected) o.scope[k] = v;
      o.group = &groups[g];
      out.push_back(std::move(o));
    }
  }

  size_t op = projection_op;
  plan_[op++].rows = static_cast<int64_t>(out.size());
  if (projection.distinct) {
    std::set<std::string> seen;
    std::vector<Out> unique;
    for (auto& o : out) {
      std::string key;
      for (const auto& item : items) key += GroupKey(o.projected[item.alias]) + "\x1f";
      if (seen.insert(key).second) unique.push_back(std::move(o));
    }
    out = std::move(unique);
    plan_[op++].rows = static_cast<int64_t>(out.size());
  }

  if (!projection.order.empty()) {
    // ORDER BY may name a projected expression by its text.
    std::vector<std::vector<RValue>> sort_keys(out.size());
    for (size_t r = 0; r < out.size(); ++r) {
      for (const auto& s : projection.order) {
        const ast::ProjectionItem* same = nullptr;
        for (const auto& item : items) {
          if (item.expr->text == s.expr->text) same = &item;
        }
        if (same != nullptr) {
          sort_keys[r].push_back(out[r].projected[same->alias]);
        } else {
          sort_keys[r].push_back(Eval(*s.expr, out[r].scope, out[r].group));
        }
      }
    }
    std::vector<size_t> order(out.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    // Ties keep their input order (a stable sort), so a partial sort gives the same rows.
    auto before = [&](size_t a, size_t b) {
      for (size_t k = 0; k < projection.order.size(); ++k) {
        int c = OrderCompare(sort_keys[a][k], sort_keys[b][k]);
        if (c != 0) return projection.order[k].descending ? c > 0 : c < 0;
      }
      return a < b;
    };
    size_t keep = order.size();
    if (projection.limit) {
      // Top-k: O(n log k) with a heap of k entries, instead of sorting every row.
      // SKIP and LIMIT are constant expressions, so evaluating them early changes nothing.
      int64_t skip = projection.skip ? EvalCount(projection.skip.get(), "SKIP") : 0;
      int64_t limit = EvalCount(projection.limit.get(), "LIMIT");
      // Both are non-negative; compare without overflowing.
      if (static_cast<uint64_t>(limit) < order.size() &&
          static_cast<uint64_t>(skip) < order.size() - static_cast<uint64_t>(limit)) {
        keep = static_cast<size_t>(skip + limit);
      }
    }
    if (keep < order.size()) {
      std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(keep),
                        order.end(), before);
      order.resize(keep);
    } else {
      std::sort(order.begin(), order.end(), before);
    }
    std::vector<Out> sorted;
    sorted.reserve(order.size());
    for (size_t i : order) sorted.push_back(std::move(out[i]));
    out = std::move(sorted);
    plan_[op++].rows = static_cast<int64_t>(out.size());
  }

  size_t begin = 0, end = out.size();
  if (projection.skip) {
    begin = std::min<size_t>(out.size(), EvalCount(projection.skip.get(), "SKIP"));
    plan_[op++].rows = static_cast<int64_t>(out.size() - begin);
  }
  if (projection.limit) {
    end = std::min<size_t>(out.size(), begin + EvalCount(projection.limit.get(), "LIMIT"));
    plan_[op++].rows = static_cast<int64_t>(end - begin);
  }
  Rows result;
  for (size_t i = begin; i < end; ++i) {
    if (projection.where && !Truthy(*projection.where, aggregating ? out[i].projected
                                                                   : out[i].scope)) {
      continue;
    }
    result.push_back(std::move(out[i].projected));
  }
  (void)is_return;
  return result;
}

// ---------------------------------------------------------------- writes

Executor::Rows Executor::Create(const ast::Clause& clause, Rows input) {
  for (const auto& part : clause.pattern) {
    std::string s;
    for (size_t i = 0; i < part.nodes.size(); ++i) {
      s += NodeText(part.nodes[i]);
      if (i < part.rels.size()) s += RelText(part.rels[i]);
    }
    AddOp("Create", s);
  }
  if (explain_only_) return input;
  for (auto& row : input) {
    CheckInterrupt();
    for (const auto& part : clause.pattern) {
      for (const auto& np : part.nodes) {
        auto it = row.find(np.variable);
        if (it != row.end()) {
          if (!it->second.is_node()) {
            ThrowSemantic("VariableTypeConflict", "'" + np.variable + "' is not a node");
          }
          continue;
        }
        PropertyMap props;
        if (np.properties) {
          RValue m = Eval(*np.properties, row);
          if (m.is_map()) {
            for (const auto& [k, v] : m.as_map()) {
              if (!v.is_null()) props[k] = PropertyValue(v);
            }
          }
        }
        counts_.properties_set += static_cast<int64_t>(props.size());
        auto labels = np.labels;
        std::sort(labels.begin(), labels.end());
        labels.erase(std::unique(labels.begin(), labels.end()), labels.end());
        counts_.labels_added += static_cast<int64_t>(labels.size());
        auto id = txn_->CreateNode(labels, std::move(props));
        if (!id.ok()) throw QueryError{id.status()};
        ++counts_.nodes_created;
        row[np.variable] = RValue(NodeRef{*id});
      }
      for (size_t i = 0; i < part.rels.size(); ++i) {
        const auto& rp = part.rels[i];
        NodeId a = row.at(part.nodes[i].variable).node_id();
        NodeId b = row.at(part.nodes[i + 1].variable).node_id();
        if (rp.direction == Direction::kIncoming) std::swap(a, b);
        PropertyMap props;
        if (rp.properties) {
          RValue m = Eval(*rp.properties, row);
          if (m.is_map()) {
            for (const auto& [k, v] : m.as_map()) {
              if (!v.is_null()) props[k] = PropertyValue(v);
            }
          }
        }
        counts_.properties_set += static_cast<int64_t>(props.size());
        auto id = txn_->CreateEdge(CanonicalRelationshipType(rp.types.at(0)), a, b,
                                   std::move(props));
        if (!id.ok()) throw QueryError{id.status()};
        ++counts_.relationships_created;
        row[rp.variable] = RValue(EdgeRef{*id});
      }
      BindPath(part, row);
    }
  }
  Invalidate();
  return input;
}

Executor::Rows Executor::SetOrRemove(const ast::Clause& clause, Rows input) {
  for (const auto& item : clause.set_items) {
    AddOp(clause.kind == ClauseKind::kSet ? "SetProperty" : "Remove",
          item.target ? item.target->text + "." + item.key : item.variable);
  }
  if (explain_only_) return input;
  auto set_property = [&](const RValue& target, const std::string& key, const Value& value) {
    if (target.is_node()) {
      Check(txn_->SetNodeProperty(target.node_id(), key, value));
    } else if (target.is_edge()) {
      Check(txn_->SetEdgeProperty(target.edge_id(), key, value));
    } else if (!target.is_null()) {
      ThrowRuntime("InvalidArgumentType", "cannot set a property on a " + RTypeName(target));
    }
    if (!target.is_null()) ++counts_.properties_set;
  };
  auto properties_of = [&](const RValue& target) -> PropertyMap {
    if (target.is_node()) return GetNode(target.node_id()).properties;
    if (target.is_edge()) return GetEdge(target.edge_id()).properties;
    return {};
  };
  for (auto& row : input) {
    CheckInterrupt();
    for (const auto& item : clause.set_items) {
      switch (item.kind) {
        case ast::SetKind::kProperty:
        case ast::SetKind::kRemoveProperty: {
          RValue target = Eval(*item.target, row);
          Value v = item.kind == ast::SetKind::kProperty ? PropertyValue(Eval(*item.value, row))
                                                         : Value();
          set_property(target, item.key, v);
          break;
        }
        case ast::SetKind::kReplace:
        case ast::SetKind::kMerge: {
          RValue target = row.count(item.variable) ? row.at(item.variable) : RValue();
          RValue value = Eval(*item.value, row);
          if (target.is_null()) break;
          RMap map;
          if (value.is_map()) {
            map = value.as_map();
          } else if (value.is_node() || value.is_edge()) {
            for (const auto& [k, v] : properties_of(value)) map[k] = FromValue(v);
          } else if (!value.is_null()) {
            ThrowRuntime("InvalidArgumentType", "SET expects a map, got " + RTypeName(value));
          }
          if (item.kind == ast::SetKind::kReplace) {
            for (const auto& [k, v] : properties_of(target)) {
              if (!map.count(k)) set_property(target, k, Value());
            }
          }
          for (const auto& [k, v] : map) set_property(target, k, PropertyValue(v));
          break;
        }
        case ast::SetKind::kAddLabels:
        case ast::SetKind::kRemoveLabels: {
          RValue target = row.count(item.variable) ? row.at(item.variable) : RValue();
          if (target.is_null()) break;
          if (!target.is_node()) ThrowRuntime("InvalidArgumentType", "labels need a node");
          const Node& node = GetNode(target.node_id());
          int64_t changed = 0;
          for (const auto& l : item.labels) {
            bool has = node.HasLabel(l);
            if (has != (item.kind == ast::SetKind::kAddLabels)) ++changed;
          }
          if (item.kind == ast::SetKind::kAddLabels) {
            Check(txn_->AddLabels(target.node_id(), item.labels));
            counts_.labels_added += changed;
          } else {
            Check(txn_->RemoveLabels(target.node_id(), item.labels));
            counts_.labels_removed += changed;
          }
          break;
        }
      }
      Invalidate();
    }
  }
  return input;
}

Executor::Rows Executor::Delete(const ast::Clause& clause, Rows input) {
  for (const auto& e : clause.delete_exprs) AddOp(clause.detach ? "DetachDelete" : "Delete", e->text);
  if (explain_only_) return input;
  std::vector<NodeId> nodes;
  std::vector<EdgeId> edges;
  for (auto& row : input) {
    CheckInterrupt();
    for (const auto& e : clause.delete_exprs) {
      RValue v = Eval(*e, row);
      if (v.is_null()) continue;
      if (v.is_node()) {
        nodes.push_back(v.node_id());
      } else if (v.is_edge()) {
        edges.push_back(v.edge_id());
      } else if (v.is_path()) {
        for (auto n : v.as_path().nodes) nodes.push_back(n);
        for (auto r : v.as_path().edges) edges.push_back(r);
      } else {
        ThrowRuntime("InvalidArgumentType", "DELETE expects a node, relationship or path, got " +
                                                RTypeName(v));
      }
    }
  }
  for (EdgeId id : edges) {
    if (deleted_edges_.count(id)) continue;
    edge_tombstones_.emplace(id, GetEdge(id));
    Check(txn_->DeleteEdge(id));
    deleted_edges_.insert(id);
    ++counts_.relationships_deleted;
  }
  for (NodeId id : nodes) {
    if (deleted_nodes_.count(id)) continue;
    if (clause.detach) {
      std::vector<EdgeId> attached;
      Check(txn_->ScanAdjacent(id, Direction::kBoth, {}, [&](const storage::AdjacentEdge& a) {
        attached.push_back(a.edge);
        return true;
      }));
      for (EdgeId e : attached) {
        if (deleted_edges_.count(e)) continue;
        edge_tombstones_.emplace(e, GetEdge(e));
        deleted_edges_.insert(e);
        ++counts_.relationships_deleted;
      }
    }
    node_tombstones_.emplace(id, GetNode(id));
    Status s = txn_->DeleteNode(id, clause.detach);
    if (!s.ok()) {
      if (s.code() == StatusCode::kInvalidArgument) {
        ThrowRuntime("DeleteConnectedNode",
                     "cannot delete node " + std::to_string(id) +
                         " because it still has relationships; use DETACH DELETE");
      }
      throw QueryError{s};
    }
    deleted_nodes_.insert(id);
    ++counts_.nodes_deleted;
  }
  Invalidate();
  return input;
}

Value Executor::PropertyValue(const RValue& v) {
  // Property values are scalars or lists of scalars.
  auto scalar = [](const RValue& x) {
    return x.is_bool() || x.is_int() || x.is_float() || x.is_string();
  };
  if (v.is_null() || scalar(v)) return ToValue(v);
  if (v.is_list()) {
    for (const auto& item : v.as_list()) {
      if (!scalar(item) && !item.is_null()) {
        ThrowRuntime("InvalidPropertyType",
                     "a property list cannot hold a " + RTypeName(item));
      }
    }
    return ToValue(v);
  }
  ThrowRuntime("InvalidPropertyType", "a " + RTypeName(v) + " cannot be a property value");
}

// ---------------------------------------------------------------- plans

std::vector<std::string> Executor::Explain(const ast::Statement& statement) {
  explain_only_ = true;
  plan_.clear();
  for (const auto& part : statement.parts) {
    current_query_ = &part;
    Rows rows(1);
    QueryResult ignored;
    for (const auto& clause : part.clauses) {
      // Bind the clause's variables in the sample row so later plans see them bound.
      rows = RunClause(clause, std::move(rows), &ignored);
      if (clause.kind == ClauseKind::kMatch || clause.kind == ClauseKind::kCreate) {
        for (const auto& p : clause.pattern) {
          for (const auto& n : p.nodes) rows[0][n.variable] = RValue();
        }
      }
      if (clause.kind == ClauseKind::kUnwind) rows[0][clause.variable] = RValue();
      if (clause.kind == ClauseKind::kCall) {
        for (const auto& c : CallColumns(clause)) rows[0][c] = RValue();
      }
      if (clause.kind == ClauseKind::kWith) {
        Row scope;
        for (const auto& item : clause.projection.items) scope[item.alias] = RValue();
        if (clause.projection.star) {
          for (const auto& [k, v] : rows[0]) scope[k] = v;
        }
        rows[0] = scope;
      }
    }
  }
  std::vector<std::string> lines;
  for (size_t i = 0; i < plan_.size(); ++i) {
    lines.push_back(std::to_string(i + 1) + ". " + plan_[i].name +
                    (plan_[i].detail.empty() ? "" : " " + plan_[i].detail));
  }
  return lines;
}

std::vector<std::string> Executor::Profile(const ast::Statement& statement, QueryResult* result) {
  plan_.clear();
  *result = Run(statement);
  std::vector<std::string> lines;
  for (size_t i = 0; i < plan_.size(); ++i) {
    char timing[64];
    std::snprintf(timing, sizeof timing, "%.3f ms", plan_[i].millis);
    lines.push_back(std::to_string(i + 1) + ". " + plan_[i].name +
                    (plan_[i].detail.empty() ? "" : " " + plan_[i].detail) +
                    "  (rows: " + std::to_string(plan_[i].rows) + ", time: " + timing + ")");
  }
  return lines;
}

// ---------------------------------------------------------------- results

ResultValue Executor::ToResult(const RValue& v) {
  switch (v.type()) {
    case RValue::Type::kNode: {
      auto t = node_tombstones_.find(v.node_id());
      if (t != node_tombstones_.end()) return ResultValue(t->second);
      return ResultValue(GetNode(v.node_id()));
    }
    case RValue::Type::kEdge: {
      auto t = edge_tombstones_.find(v.edge_id());
      if (t != edge_tombstones_.end()) return ResultValue(t->second);
      return ResultValue(GetEdge(v.edge_id()));
    }
    case RValue::Type::kPath: {
      Path p;
      for (auto n : v.as_path().nodes) p.nodes.push_back(GetNode(n));
      for (auto e : v.as_path().edges) p.edges.push_back(GetEdge(e));
      return ResultValue(std::move(p));
    }
    case RValue::Type::kList: {
      bool plain = true;
      std::vector<ResultValue> items;
      for (const auto& item : v.as_list()) {
        items.push_back(ToResult(item));
        if (items.back().kind() != ResultValue::Kind::kValue) plain = false;
      }
      if (plain) {
        ValueList list;
        for (auto& item : items) list.push_back(item.value());
        return ResultValue(Value(std::move(list)));
      }
      return ResultValue::List(std::move(items));
    }
    case RValue::Type::kMap: {
      bool plain = true;
      std::map<std::string, ResultValue> items;
      for (const auto& [k, item] : v.as_map()) {
        auto r = ToResult(item);
        if (r.kind() != ResultValue::Kind::kValue) plain = false;
        items.emplace(k, std::move(r));
      }
      if (plain) {
        ValueMap map;
        for (auto& [k, item] : items) map.emplace(k, item.value());
        return ResultValue(Value(std::move(map)));
      }
      return ResultValue::Map(std::move(items));
    }
    default: return ResultValue(ToValue(v));
  }
}

}  // namespace kg::query
