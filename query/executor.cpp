#include "query/executor.h"

#include <algorithm>
#include <cassert>
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

bool IsAggregateFunction(std::string_view n) {
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

std::vector<uint32_t> Executor::TypeIds(const std::vector<std::string>& types, bool* none) {
  std::vector<uint32_t> ids;
  *none = false;
  if (types.empty()) return ids;
  for (const auto& t : types) {
    auto it = type_ids_.find(t);
    if (it == type_ids_.end()) it = type_ids_.emplace(t, reader_->TypeId(t)).first;
    if (it->second) ids.push_back(*it->second);
  }
  // No relationship has a type the store has never seen.
  *none = ids.empty();
  return ids;
}

const std::string& Executor::TypeNameOf(uint32_t type_id) {
  if (type_id >= type_names_.size()) type_names_.resize(type_id + 1);
  std::string& name = type_names_[type_id];
  if (name.empty()) name = reader_->TypeName(type_id);
  return name;
}

const std::string& Executor::EdgeType(const RValue& edge) {
  const EdgeRef& ref = edge.edge_ref();
  if (ref.type != EdgeRef::kUnknownType) return TypeNameOf(ref.type);
  return GetEdge(ref.id).type;
}

NodeId Executor::EdgeEnd(const RValue& edge, bool start) {
  const EdgeRef& ref = edge.edge_ref();
  if (ref.type != EdgeRef::kUnknownType) return start ? ref.source : ref.target;
  const Edge& e = GetEdge(ref.id);
  return start ? e.source : e.target;
}

const storage::GraphCounts& Executor::Counts() {
  if (!counts_cache_) {
    auto counts = reader_->Counts();
    if (!counts.ok()) throw QueryError{counts.status()};
    counts_cache_ = std::move(counts).value();
  }
  return *counts_cache_;
}

void Executor::AddOp(const std::string& name, const std::string& detail) {
  plan_.push_back(PlanOperator{name, detail, -1, -1});
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

int64_t Executor::TypeScanCost(const ast::RelPattern& rp) {
  const auto& by_type = Counts().edges_by_type;
  int64_t cost = 0;
  for (const auto& t : rp.types) {
    auto it = by_type.find(CanonicalRelationshipType(t));
    if (it != by_type.end()) cost += static_cast<int64_t>(it->second);
  }
  // An undirected pattern matches each relationship both ways round.
  return rp.direction == Direction::kBoth ? 2 * cost : cost;
}

size_t Executor::ChooseStart(const ast::PatternPart& part, const Row& row, const Expr* where,
                             std::string* how) {
  size_t best = 0;
  int best_score = 100;
  int64_t best_cost = 0;
  for (size_t i = 0; i < part.nodes.size(); ++i) {
    const auto& np = part.nodes[i];
    int score;
    int64_t cost = 0;
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
      const auto& by_label = Counts().nodes_by_label;
      auto it = by_label.find(np.labels[0]);
      cost = it == by_label.end() ? 0 : static_cast<int64_t>(it->second);
    } else {
      score = 5;
    }
    if (score < best_score || (score == best_score && cost < best_cost)) {
      best_score = score;
      best = i;
      best_cost = cost;
    }
  }
  static const char* kHow[] = {"Argument",        "NodeByIdSeek", "NodeIndexSeek",
                               "NodeHashJoin",    "NodeByLabelScan", "AllNodesScan"};
  std::string chosen = kHow[best_score];
  if (best_score >= 4 && part.kind == ast::PathKind::kNormal) {
    // A scan by relationship type when no node is bound, sought or joined: always rather
    // than every node, rather than a label scan when it reads fewer entries.
    for (size_t i = 0; i < part.rels.size(); ++i) {
      const auto& rp = part.rels[i];
      if (rp.types.empty() || rp.variable_length || row.count(rp.variable)) continue;
      int64_t cost = TypeScanCost(rp);
      if (best_score == 5 || cost < best_cost) {
        best_score = 6;
        best_cost = cost;
        best = i;
        chosen = "RelationshipTypeScan";
      }
    }
  }
  if (how != nullptr) *how = chosen;
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
  if (np.labels.empty() && np.properties && !node_cache_.count(id) &&
      !node_tombstones_.count(id) && !deleted_nodes_.count(id)) {
    // Only properties to check: read them one by one (GetNodeProperty answers from the read
    // caches when there are some) instead of the whole record. A node the reader does not
    // have falls through to GetNode, which reports it as before.
    RValue props = Eval(*np.properties, row);
    bool read = props.is_map();
    if (read) {
      for (const auto& [k, v] : props.as_map()) {
        auto p = reader_->GetNodeProperty(id, k);
        if (!p.ok()) {
          read = false;
          break;
        }
        if (p->is_null()) return false;
        RValue eq = CypherEquals(FromValue(*p), v);
        if (eq.is_null() || !eq.as_bool()) return false;
      }
    }
    if (read) {
      if (it == row.end()) {
        row[np.variable] = RValue(NodeRef{id});
        *bound_here = true;
      }
      return true;
    }
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
    auto walk = [&](const RValue& e) {
      NodeId source = EdgeEnd(e, true);
      NodeId target = EdgeEnd(e, false);
      current = source == current ? target : source;
      path.edges.push_back(e.edge_id());
      path.nodes.push_back(current);
    };
    if (r.is_edge()) {
      walk(r);
    } else if (r.is_list()) {
      for (const auto& e : r.as_list()) walk(e);
    }
    current = row.at(part.nodes[i + 1].variable).node_id();
    if (path.nodes.back() != current) path.nodes.back() = current;
  }
  row[part.path_variable] = RValue(std::move(path));
}

bool Executor::MatchPart(const ast::PatternPart& part, Row& row, std::vector<EdgeId>& used,
                         const Expr* where, const RowVisitor& visit, bool count_last) {
  PlanOperator* ops = nullptr;
  if (auto it = part_ops_.find(&part); it != part_ops_.end()) ops = &plan_[it->second];
  match_multiplicity_ = 1;
  // Read once: the calls this one makes (later parts, pattern predicates) set their own.
  const bool bind_anonymous = bind_anonymous_;
  bind_anonymous_ = true;
  if (part.kind != ast::PathKind::kNormal) {
    if (ops == nullptr) return MatchShortest(part, row, visit);
    return MatchShortest(part, row, [&](Row& r) {
      ops[0].rows = std::max<int64_t>(ops[0].rows, 0) + 1;
      return visit(r);
    });
  }
  std::string how;
  size_t start = ChooseStart(part, row, where, &how);
  const bool rel_start = how == "RelationshipTypeScan";
  auto scan_start = std::chrono::steady_clock::now();
  std::vector<NodeId> candidates;
  std::vector<storage::EdgeEnds> start_edges;
  if (rel_start) {
    bool none = false;
    std::vector<uint32_t> ids = TypeIds(part.rels[start].types, &none);
    if (!none) {
      Check(reader_->ScanEdgesByType(ids, [&](const storage::EdgeEnds& e) {
        start_edges.push_back(e);
        return true;
      }));
    }
  } else {
    candidates = Candidates(part, start, row, where, &how);
  }
  if (ops != nullptr) {
    ops[0].millis = std::max(0.0, ops[0].millis) +
                    std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                              scan_start).count();
  }
  auto count = [&](size_t op, int64_t n = 1) {
    if (ops != nullptr) ops[op].rows = std::max<int64_t>(ops[op].rows, 0) + n;
  };

  // Steps: right from the start, then left. A relationship-type scan has bound the start
  // relationship and both its nodes.
  struct Step {
    size_t rel;
    size_t from;
    size_t to;
    bool reversed;
  };
  std::vector<Step> steps;
  for (size_t i = rel_start ? start + 1 : start; i < part.rels.size(); ++i) {
    steps.push_back({i, i, i + 1, false});
  }
  for (size_t i = start; i > 0; --i) steps.push_back({i - 1, i, i - 1, true});
  // The plan operator of each step (the scan's own relationship has none of its own).
  const size_t first_step_op = rel_start ? 1 : 1;

  bool keep_going = true;
  auto finish_row = [&]() {
    if (part.path_variable.empty()) {
      if (!visit(row)) keep_going = false;
      return;
    }
    BindPath(part, row);
    if (!visit(row)) keep_going = false;
    row.erase(part.path_variable);
  };
  std::function<void(size_t)> step_fn = [&](size_t k) {
    if (!keep_going) return;
    CheckInterrupt();
    if (k > 0) count(first_step_op + k - 1);
    if (k == steps.size()) {
      finish_row();
      return;
    }
    const Step& st = steps[k];
    const auto& rp = part.rels[st.rel];
    const auto& to_np = part.nodes[st.to];
    NodeId from = row.at(part.nodes[st.from].variable).node_id();
    Direction dir = st.reversed ? Reverse(rp.direction) : rp.direction;
    bool no_types = false;
    std::vector<uint32_t> type_ids = TypeIds(rp.types, &no_types);
    if (no_types) return;
    if (count_last && k + 1 == steps.size()) {
      // Factorised counting: the relationships this hop would bind, less those the pattern
      // has used already (relationship uniqueness); the far node is unconstrained.
      auto n = reader_->CountAdjacent(from, dir, type_ids);
      if (!n.ok()) throw QueryError{n.status()};
      int64_t total = static_cast<int64_t>(*n);
      std::vector<EdgeId> seen;
      for (EdgeId e : count_disjoint_ ? std::vector<EdgeId>() : used) {
        if (std::find(seen.begin(), seen.end(), e) != seen.end()) continue;
        seen.push_back(e);
        auto ends = reader_->GetEdgeEnds(e);
        if (!ends.ok()) continue;
        bool type_ok = type_ids.empty() ||
                       std::find(type_ids.begin(), type_ids.end(), ends->type) != type_ids.end();
        bool at = dir == Direction::kOutgoing   ? ends->source == from
                  : dir == Direction::kIncoming ? ends->target == from
                                                : (ends->source == from || ends->target == from);
        if (type_ok && at) --total;
      }
      if (total <= 0) return;
      count(first_step_op + k, total);
      match_multiplicity_ = total;
      finish_row();
      match_multiplicity_ = 1;
      return;
    }
    // An anonymous relationship outside a path is read by nothing after this part (relationship
    // uniqueness within the part goes by `used`): it need not be bound, nor its list built.
    const bool bind_rel = !rp.anonymous || !part.path_variable.empty() || bind_anonymous;
    auto reach_node = [&](NodeId to) {
      bool bound_here = false;
      if (NodeMatches(to_np, to, row, &bound_here)) {
        step_fn(k + 1);
        if (bound_here) row.erase(to_np.variable);
      }
    };
    auto try_node = [&](NodeId to, const RValue& rel_value, const std::string& rel_var) {
      bool rel_bound_here = false;
      auto rit = row.find(rel_var);
      if (rit != row.end()) {
        const RValue& have = rit->second;
        if (have.is_edge() && rel_value.is_edge() ? have.edge_id() != rel_value.edge_id()
                                                  : !Equivalent(have, rel_value)) {
          return;
        }
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
      std::vector<storage::AdjacentRef> adjacent;
      Check(reader_->ScanAdjacentRefs(node, dir, type_ids, [&](const storage::AdjacentRef& a) {
        adjacent.push_back(a);
        return true;
      }));
      return adjacent;
    };
    auto edge_ref = [](NodeId node, const storage::AdjacentRef& a) {
      bool out = a.direction == Direction::kOutgoing;
      return EdgeRef{a.edge, a.type, out ? node : a.other, out ? a.other : node};
    };
    if (!rp.variable_length) {
      std::vector<storage::AdjacentRef> adjacent = adjacent_of(from);
      for (const auto& a : adjacent) {
        if (!keep_going) return;
        if (std::find(used.begin(), used.end(), a.edge) != used.end()) continue;
        if (!EdgeMatches(rp, a.edge, row)) continue;
        used.push_back(a.edge);
        if (bind_rel) {
          try_node(a.other, RValue(edge_ref(from, a)), rp.variable);
        } else {
          reach_node(a.other);
        }
        used.pop_back();
      }
      return;
    }
    // Variable length: depth-first over distinct relationships.
    std::vector<EdgeRef> trail;
    std::function<void(NodeId, int64_t)> extend = [&](NodeId at, int64_t depth) {
      if (!keep_going) return;
      CheckInterrupt();
      if (depth >= rp.min_hops && !bind_rel) {
        reach_node(at);
      } else if (depth >= rp.min_hops) {
        RList list;
        list.reserve(trail.size());
        if (st.reversed) {
          for (auto it = trail.rbegin(); it != trail.rend(); ++it) list.push_back(*it);
        } else {
          for (const EdgeRef& e : trail) list.push_back(e);
        }
        try_node(at, RValue(std::move(list)), rp.variable);
      }
      if (rp.max_hops >= 0 && depth >= rp.max_hops) return;
      std::vector<storage::AdjacentRef> adjacent = adjacent_of(at);
      for (const auto& a : adjacent) {
        if (!keep_going) return;
        if (std::find(used.begin(), used.end(), a.edge) != used.end()) continue;
        if (!EdgeMatches(rp, a.edge, row)) continue;
        used.push_back(a.edge);
        trail.push_back(edge_ref(at, a));
        extend(a.other, depth + 1);
        trail.pop_back();
        used.pop_back();
      }
    };
    extend(from, 0);
  };

  if (rel_start) {
    const auto& rp = part.rels[start];
    const auto& left = part.nodes[start];
    const auto& right = part.nodes[start + 1];
    for (const auto& e : start_edges) {
      if (!keep_going) break;
      CheckInterrupt();
      if (std::find(used.begin(), used.end(), e.edge) != used.end()) continue;
      if (!EdgeMatches(rp, e.edge, row)) continue;
      // (left, right) as the pattern reads; an undirected pattern takes both, a self-loop once.
      std::pair<NodeId, NodeId> ways[2];
      int n_ways = 0;
      if (rp.direction == Direction::kIncoming) {
        ways[n_ways++] = {e.target, e.source};
      } else {
        ways[n_ways++] = {e.source, e.target};
        if (rp.direction == Direction::kBoth && e.source != e.target) {
          ways[n_ways++] = {e.target, e.source};
        }
      }
      for (int w = 0; w < n_ways && keep_going; ++w) {
        bool left_here = false;
        if (!NodeMatches(left, ways[w].first, row, &left_here)) continue;
        bool right_here = false;
        if (NodeMatches(right, ways[w].second, row, &right_here)) {
          row[rp.variable] = RValue(EdgeRef{e.edge, e.type, e.source, e.target});
          used.push_back(e.edge);
          count(0);
          step_fn(0);
          used.pop_back();
          row.erase(rp.variable);
          if (right_here) row.erase(right.variable);
        }
        if (left_here) row.erase(left.variable);
      }
    }
    return keep_going;
  }

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

// ---------------------------------------------------------------- the pipeline

namespace {

// A set of ids in one array (open addressing, linear probing): no allocation per element, as
// count(DISTINCT n) may see a large neighbourhood per group.
class IdSet {
 public:
  // True when `id` was not in the set.
  bool Insert(uint64_t id) {
    if ((size_ + 1) * 2 > slots_.size()) Grow();
    if (Place(slots_, id)) {
      ++size_;
      return true;
    }
    return false;
  }

 private:
  static constexpr uint64_t kEmpty = UINT64_MAX;  // never an id: ids come from a counter
  static bool Place(std::vector<uint64_t>& slots, uint64_t id) {
    size_t mask = slots.size() - 1;
    // A multiplicative hash spreads the dense ids over the table.
    for (size_t i = (id * 0x9e3779b97f4a7c15ull) >> 20 & mask;; i = (i + 1) & mask) {
      if (slots[i] == id) return false;
      if (slots[i] == kEmpty) {
        slots[i] = id;
        return true;
      }
    }
  }
  void Grow() {
    std::vector<uint64_t> bigger(slots_.empty() ? 16 : slots_.size() * 2, kEmpty);
    for (uint64_t id : slots_) {
      if (id != kEmpty) Place(bigger, id);
    }
    slots_.swap(bigger);
  }
  std::vector<uint64_t> slots_;
  size_t size_ = 0;
};

}  // namespace

// One clause of a running query. The fields used depend on the kind.
struct Stage {
  enum class Kind { kMatch, kCountStore, kUnwind, kProject, kWrite, kCall, kResult, kDiscard };
  Kind kind = Kind::kDiscard;
  const ast::Clause* clause = nullptr;
  Stage* next = nullptr;
  size_t first_op = 0;  // the stage's plan operators: [first_op, end_op)
  size_t end_op = 0;
  int64_t rows_out = 0;
  double inclusive_ms = 0;

  // kMatch: the parts in matching order, the WHERE conjuncts tried after each part, and
  // whether the last hop of the last part is counted instead of bound.
  Row before;  // the variables bound before the clause
  std::vector<const ast::PatternPart*> parts;
  std::vector<std::vector<const Expr*>> early;
  bool count_last = false;
  bool count_disjoint = false;  // no other relationship of the clause can be a counted one
  size_t filter_op = SIZE_MAX;

  // kCountStore: rows of (dummy) bindings and their counts, read from Counts().
  std::vector<std::pair<Row, int64_t>> count_rows;

  // kProject
  std::vector<ast::ProjectionItem> items;
  bool aggregating = false;
  // The RETURN whose rows go straight into the result: no aggregation, DISTINCT, ORDER BY,
  // SKIP, LIMIT or WHERE, distinct column names. Its items are evaluated into result cells
  // without a projected row (but not when profiling, which times the stages apart).
  bool direct_result = false;
  std::vector<size_t> key_items;              // the grouping keys among items
  std::vector<const Expr*> aggregate_exprs;   // every aggregate call of items and ORDER BY
  struct Accumulator {
    int64_t count = 0;
    bool all_int = true;
    int64_t int_sum = 0;
    double float_sum = 0;
    std::optional<RValue> best;
    RList values;
    std::unordered_set<std::string> seen;  // DISTINCT: the group keys seen
    IdSet seen_nodes;                       // DISTINCT: the nodes seen, by id
  };
  struct Group {
    Row first;  // the group's first row, for what is not aggregated
    Row keys;
    std::vector<Accumulator> accumulators;
  };
  std::unordered_map<std::string, size_t> group_index;
  std::vector<Group> groups;
  std::unordered_set<std::string> distinct_seen;
  struct Sorted {
    std::vector<RValue> keys;
    uint64_t sequence;
    Row projected;
    Row scope;
  };
  std::vector<Sorted> sorted;  // ORDER BY: every row, or a heap of the first SKIP + LIMIT
  uint64_t sequence = 0;
  bool bounds_read = false;
  int64_t skip = 0;
  int64_t limit = -1;  // -1: none
  size_t top_k = SIZE_MAX;
  int64_t skipped = 0;
  int64_t emitted = 0;
  size_t projection_op = 0, distinct_op = SIZE_MAX, sort_op = SIZE_MAX, skip_op = SIZE_MAX,
         limit_op = SIZE_MAX, where_op = SIZE_MAX;
  int64_t projected_rows = 0, distinct_rows = 0, skip_rows = 0, limit_rows = 0, where_rows = 0;

  // kWrite: the rows, held until every one has arrived (reads before writes).
  std::vector<Row> held;

  // kCall
  const ProcedureSignature* procedure = nullptr;
  std::vector<std::string> columns;  // also kResult's
  std::vector<size_t> fields;
  std::unique_ptr<ProcedureRunner> runner;
  int64_t produced = 0;
  size_t call_op = 0;

  // kResult
  QueryResult* result = nullptr;
};

Executor::~Executor() = default;

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
  std::vector<std::unique_ptr<Stage>> stages = BuildPipeline(query, &result);
  Row row;
  Push(*stages[0], row, 1);
  Finish(*stages[0]);
  // Operators the stage did not measure get its output rows and share its own time (its
  // inclusive time less the next stage's).
  for (size_t k = 0; k < stages.size(); ++k) {
    const Stage& s = *stages[k];
    double self = s.inclusive_ms - (k + 1 < stages.size() ? stages[k + 1]->inclusive_ms : 0);
    double spent = 0;
    int unmeasured = 0;
    for (size_t i = s.first_op; i < s.end_op; ++i) {
      if (plan_[i].rows < 0) plan_[i].rows = s.rows_out;
      if (plan_[i].millis < 0) {
        ++unmeasured;
      } else {
        spent += plan_[i].millis;
      }
    }
    for (size_t i = s.first_op; i < s.end_op; ++i) {
      if (plan_[i].millis < 0) plan_[i].millis = std::max(0.0, self - spent) / unmeasured;
    }
  }
  return result;
}

std::vector<std::unique_ptr<Stage>> Executor::BuildPipeline(const ast::SingleQuery& query,
                                                            QueryResult* result) {
  std::vector<std::unique_ptr<Stage>> stages;
  Row sample;  // the variables bound before each clause, with null values
  std::set<std::string> scope_names;  // for RETURN * / WITH *
  const auto& clauses = query.clauses;
  for (size_t c = 0; c < clauses.size(); ++c) {
    const ast::Clause& clause = clauses[c];
    auto stage = std::make_unique<Stage>();
    Stage& s = *stage;
    s.clause = &clause;
    s.first_op = plan_.size();
    switch (clause.kind) {
      case ClauseKind::kMatch: {
        for (const auto& part : clause.pattern) {
          for (const auto& n : part.nodes) scope_names.insert(n.variable);
          for (const auto& r : part.rels) scope_names.insert(r.variable);
          if (!part.path_variable.empty()) scope_names.insert(part.path_variable);
        }
        if (c == 0 && c + 1 < clauses.size() && BuildCountStore(s, clause, clauses[c + 1])) {
          break;
        }
        s.kind = Stage::Kind::kMatch;
        BuildMatch(s, sample);
        for (const auto& part : clause.pattern) {
          for (const auto& n : part.nodes) sample.emplace(n.variable, RValue());
          for (const auto& r : part.rels) sample.emplace(r.variable, RValue());
          if (!part.path_variable.empty()) sample.emplace(part.path_variable, RValue());
        }
        break;
      }
      case ClauseKind::kUnwind:
        s.kind = Stage::Kind::kUnwind;
        scope_names.insert(clause.variable);
        AddOp("Unwind", clause.expr->text + " AS " + clause.variable);
        sample.emplace(clause.variable, RValue());
        break;
      case ClauseKind::kWith:
      case ClauseKind::kReturn: {
        s.kind = Stage::Kind::kProject;
        BuildProject(s, scope_names);
        scope_names.clear();
        Row next;
        for (const auto& item : s.items) {
          scope_names.insert(item.alias);
          next.emplace(item.alias, RValue());
        }
        sample = std::move(next);
        if (!stages.empty() && stages.back()->kind == Stage::Kind::kMatch) {
          PlanFactorisedCount(*stages.back(), s, sample);
        }
        break;
      }
      case ClauseKind::kCreate:
      case ClauseKind::kSet:
      case ClauseKind::kRemove:
      case ClauseKind::kDelete:
        s.kind = Stage::Kind::kWrite;
        if (clause.kind == ClauseKind::kCreate) {
          for (const auto& part : clause.pattern) {
            for (const auto& n : part.nodes) {
              scope_names.insert(n.variable);
              sample.emplace(n.variable, RValue());
            }
            for (const auto& r : part.rels) {
              scope_names.insert(r.variable);
              sample.emplace(r.variable, RValue());
            }
            if (!part.path_variable.empty()) {
              scope_names.insert(part.path_variable);
              sample.emplace(part.path_variable, RValue());
            }
          }
        }
        // The writes add their plan operators (and nothing else) when given no rows.
        if (clause.kind == ClauseKind::kCreate) {
          Create(clause, {});
        } else if (clause.kind == ClauseKind::kDelete) {
          Delete(clause, {});
        } else {
          SetOrRemove(clause, {});
        }
        break;
      case ClauseKind::kCall: {
        s.kind = Stage::Kind::kCall;
        s.procedure = FindProcedure(clause.procedure);
        if (s.procedure == nullptr) {  // the binder has reported it
          ThrowSemantic("ProcedureNotFound", "there is no procedure '" + clause.procedure + "'");
        }
        std::string detail = s.procedure->name + "(";
        for (size_t i = 0; i < clause.arguments.size(); ++i) {
          detail += (i ? ", " : "") + clause.arguments[i]->text;
        }
        detail += ")";
        s.columns = CallColumns(clause);
        if (!s.columns.empty()) {
          detail += " YIELD ";
          for (size_t i = 0; i < s.columns.size(); ++i) detail += (i ? ", " : "") + s.columns[i];
        }
        s.call_op = plan_.size();
        AddOp("ProcedureCall", detail);
        if (clause.where) AddOp("Filter", clause.where->text);
        for (size_t i = 0; i < s.columns.size(); ++i) {
          const std::string& field = clause.has_yield ? clause.yields[i].field : s.columns[i];
          auto it = std::find(s.procedure->outputs.begin(), s.procedure->outputs.end(), field);
          s.fields.push_back(static_cast<size_t>(it - s.procedure->outputs.begin()));
        }
        for (const auto& col : s.columns) {
          scope_names.insert(col);
          sample.emplace(col, RValue());
        }
        break;
      }
    }
    s.end_op = plan_.size();
    if (!stages.empty()) stages.back()->next = &s;
    stages.push_back(std::move(stage));
  }
  // The end: RETURN's rows (or a standalone CALL's records) become the result.
  auto tail = std::make_unique<Stage>();
  tail->first_op = plan_.size();
  const ast::Clause& last = clauses.back();
  bool standalone_call = last.kind == ClauseKind::kCall;
  if (last.kind == ClauseKind::kReturn || standalone_call) {
    tail->kind = Stage::Kind::kResult;
    tail->result = result;
    tail->columns = standalone_call ? CallColumns(last) : std::vector<std::string>();
    if (!standalone_call) {
      for (const auto& item : stages.back()->items) tail->columns.push_back(item.alias);
    }
    result->columns = tail->columns;
    Stage& before = *stages.back();
    if (!standalone_call && before.kind == Stage::Kind::kProject && !before.aggregating) {
      const ast::Projection& p = before.clause->projection;
      std::set<std::string> names(tail->columns.begin(), tail->columns.end());
      before.direct_result = !p.distinct && p.order.empty() && !p.skip && !p.limit && !p.where &&
                             names.size() == tail->columns.size();
    }
    std::string s;
    if (Describing()) {
      for (const auto& c : tail->columns) s += (s.empty() ? "" : ", ") + c;
    }
    AddOp("ProduceResults", s);
  } else {
    tail->kind = Stage::Kind::kDiscard;
  }
  tail->end_op = plan_.size();
  stages.back()->next = tail.get();
  stages.push_back(std::move(tail));
  return stages;
}

void Executor::BuildMatch(Stage& s, const Row& sample) {
  const ast::Clause& clause = *s.clause;
  const bool describe = Describing();
  hash_tables_.clear();
  s.before = sample;
  Row scope = sample;
  for (const auto& part : clause.pattern) {
    std::string how;
    size_t start = ChooseStart(part, scope, clause.where.get(), &how);
    part_ops_[&part] = plan_.size();
    if (part.kind != ast::PathKind::kNormal) {
      AddOp(part.kind == ast::PathKind::kShortest ? "ShortestPath" : "AllShortestPaths",
            describe ? NodeText(part.nodes[0]) + RelText(part.rels[0]) + NodeText(part.nodes[1])
                     : std::string());
    } else if (!describe) {
      // Only EXPLAIN and PROFILE show the operators' details: a plain run adds them bare.
      AddOp(how, "");
      size_t right_from = how == "RelationshipTypeScan" ? start + 1 : start;
      for (size_t i = right_from; i < part.rels.size(); ++i) {
        AddOp(part.rels[i].variable_length ? "VarLengthExpand" : "Expand", "");
      }
      for (size_t i = start; i > 0; --i) {
        AddOp(part.rels[i - 1].variable_length ? "VarLengthExpand" : "Expand", "");
      }
    } else {
      std::string detail = NodeText(part.nodes[start]);
      size_t right_from = start;
      if (how == "RelationshipTypeScan") {
        detail += RelText(part.rels[start]) + NodeText(part.nodes[start + 1]);
        right_from = start + 1;
      } else if (how == "NodeHashJoin") {
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
      AddOp(how, detail);
      for (size_t i = right_from; i < part.rels.size(); ++i) {
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
  if (clause.where) {
    s.filter_op = plan_.size();
    AddOp("Filter", clause.where->text);
  }
  if (clause.optional) AddOp("Optional", "");

  // Shortest-path parts need their endpoints bound: run them last.
  for (const auto& p : clause.pattern) {
    if (p.kind == ast::PathKind::kNormal) s.parts.push_back(&p);
  }
  for (const auto& p : clause.pattern) {
    if (p.kind != ast::PathKind::kNormal) s.parts.push_back(&p);
  }

  // Filter pushdown: a WHERE conjunct whose variables are all bound once the first k parts
  // have matched is tried there, so a multi-part MATCH prunes before the next part instead
  // of filtering its cartesian product. Only rows a conjunct rejects (false or null) are
  // dropped early; the whole WHERE still decides at the end, so errors and three-valued
  // logic are as without pushdown.
  s.early.assign(s.parts.size() + 1, {});
  std::vector<const Expr*> conjuncts;
  Conjuncts(clause.where.get(), conjuncts);
  std::set<std::string> bound;
  for (const auto& [name, value] : sample) bound.insert(name);
  std::vector<bool> placed(conjuncts.size(), false);
  for (size_t k = 0; k < s.parts.size(); ++k) {
    for (size_t c = 0; c < conjuncts.size(); ++c) {
      if (placed[c]) continue;
      std::set<std::string> vars;
      FreeVariables(conjuncts[c], vars);
      bool ready = true;
      for (const auto& v : vars) ready = ready && bound.count(v) > 0;
      if (ready) {
        s.early[k].push_back(conjuncts[c]);
        placed[c] = true;
      }
    }
    for (const auto& n : s.parts[k]->nodes) bound.insert(n.variable);
    for (const auto& r : s.parts[k]->rels) bound.insert(r.variable);
    if (!s.parts[k]->path_variable.empty()) bound.insert(s.parts[k]->path_variable);
  }
  // Conjuncts ready only at the end are the final WHERE's business.
}

namespace {

bool IsCountCall(const Expr& e) {
  return e.kind == ExprKind::kCountStar ||
         (e.kind == ExprKind::kFunction && Lower(e.name) == "count" && !e.distinct &&
          e.args.size() == 1);
}

void AggregateCalls(const Expr* e, std::vector<const Expr*>& out) {
  if (e == nullptr) return;
  if (e->kind == ExprKind::kCountStar ||
      (e->kind == ExprKind::kFunction && IsAggregateFunction(Lower(e->name)))) {
    out.push_back(e);
    return;
  }
  if (e->kind == ExprKind::kListComprehension || e->kind == ExprKind::kQuantifier) {
    AggregateCalls(e->args[0].get(), out);
    return;
  }
  for (const auto& a : e->args) AggregateCalls(a.get(), out);
}

bool Uses(const Expr* e, const std::set<std::string>& names) {
  std::set<std::string> vars;
  FreeVariables(e, vars);
  for (const auto& v : vars) {
    if (names.count(v)) return true;
  }
  return false;
}

// An aggregating projection that only counts rows and whose keys, ORDER BY and WHERE do not
// read `hidden`: it gives the same answer for one row of weight n as for n equal rows.
bool CountsOnly(const Stage& s, const std::set<std::string>& hidden) {
  const ast::Projection& p = s.clause->projection;
  if (!s.aggregating || p.star) return false;
  for (const Expr* a : s.aggregate_exprs) {
    if (!IsCountCall(*a)) return false;
    if (a->kind != ExprKind::kCountStar && Uses(a->args[0].get(), hidden)) return false;
  }
  for (const auto& item : s.items) {
    if (Uses(item.expr.get(), hidden)) return false;
  }
  for (const auto& o : p.order) {
    if (Uses(o.expr.get(), hidden)) return false;
  }
  return !Uses(p.where.get(), hidden);
}

}  // namespace

bool Executor::BuildCountStore(Stage& s, const ast::Clause& match,
                               const ast::Clause& projection_clause) {
  if (match.optional || match.where || match.pattern.size() != 1) return false;
  if (projection_clause.kind != ClauseKind::kWith && projection_clause.kind != ClauseKind::kReturn) {
    return false;
  }
  const ast::PatternPart& part = match.pattern[0];
  if (part.kind != ast::PathKind::kNormal || !part.path_variable.empty() ||
      part.rels.size() > 1) {
    return false;
  }
  for (const auto& n : part.nodes) {
    if (n.properties || n.labels.size() > (part.rels.empty() ? 1u : 0u)) return false;
  }
  if (!part.rels.empty()) {
    const auto& rp = part.rels[0];
    // Each relationship once: directed, between two distinct node variables.
    if (rp.variable_length || rp.properties || rp.direction == Direction::kBoth ||
        part.nodes[0].variable == part.nodes[1].variable) {
      return false;
    }
  }
  // The projection: counts of the pattern's variables or of constants, grouped by nothing
  // or by type(r).
  Stage probe;
  probe.clause = &projection_clause;
  std::set<std::string> names;
  for (const auto& n : part.nodes) names.insert(n.variable);
  for (const auto& r : part.rels) names.insert(r.variable);
  {
    std::vector<ast::ProjectionItem> items = projection_clause.projection.items;
    probe.items = items;
    for (const auto& item : items) {
      if (ContainsAggregate(*item.expr)) probe.aggregating = true;
      AggregateCalls(item.expr.get(), probe.aggregate_exprs);
    }
    for (const auto& o : projection_clause.projection.order) {
      AggregateCalls(o.expr.get(), probe.aggregate_exprs);
    }
  }
  if (!probe.aggregating || projection_clause.projection.star) return false;
  const ast::Projection& p = projection_clause.projection;
  for (const Expr* a : probe.aggregate_exprs) {
    if (!IsCountCall(*a)) return false;
    if (a->kind == ExprKind::kCountStar) continue;
    const Expr* arg = a->args[0].get();
    if (!(arg->kind == ExprKind::kVariable && names.count(arg->name)) && Uses(arg, names)) {
      return false;
    }
  }
  for (const auto& item : p.items) {
    if (ContainsAggregate(*item.expr)) {
      // Outside its count calls the item may not read the pattern.
      std::vector<const Expr*> calls;
      AggregateCalls(item.expr.get(), calls);
      if (calls.size() == 1 && calls[0] == item.expr.get()) continue;
      if (Uses(item.expr.get(), names)) return false;
      continue;
    }
    const Expr* e = item.expr.get();
    bool type_of_rel = !part.rels.empty() && e->kind == ExprKind::kFunction &&
                       Lower(e->name) == "type" && e->args.size() == 1 &&
                       e->args[0]->kind == ExprKind::kVariable &&
                       e->args[0]->name == part.rels[0].variable;
    if (!type_of_rel && Uses(e, names)) return false;
  }
  for (const auto& o : p.order) {
    if (Uses(o.expr.get(), names)) return false;
  }
  if (Uses(p.where.get(), names)) return false;

  s.kind = Stage::Kind::kCountStore;
  const storage::GraphCounts& counts = Counts();
  if (part.rels.empty()) {
    const auto& np = part.nodes[0];
    uint64_t n = counts.nodes;
    if (!np.labels.empty()) {
      auto it = counts.nodes_by_label.find(np.labels[0]);
      n = it == counts.nodes_by_label.end() ? 0 : it->second;
    }
    AddOp("NodeCountFromCountStore", NodeText(np));
    Row row;
    row[np.variable] = RValue(NodeRef{0});
    if (n > 0) s.count_rows.emplace_back(std::move(row), static_cast<int64_t>(n));
  } else {
    const auto& rp = part.rels[0];
    AddOp("RelationshipCountFromCountStore",
          NodeText(part.nodes[0]) + RelText(rp) + NodeText(part.nodes[1]));
    std::set<std::string> wanted;
    for (const auto& t : rp.types) wanted.insert(CanonicalRelationshipType(t));
    for (const auto& [type, n] : counts.edges_by_type) {
      if (n == 0 || (!wanted.empty() && !wanted.count(type))) continue;
      auto id = reader_->TypeId(type);
      if (!id) continue;
      Row row;
      row[part.nodes[0].variable] = RValue(NodeRef{0});
      row[part.nodes[1].variable] = RValue(NodeRef{0});
      row[rp.variable] = RValue(EdgeRef{0, *id, 0, 0});
      s.count_rows.emplace_back(std::move(row), static_cast<int64_t>(n));
    }
  }
  return true;
}

void Executor::PlanFactorisedCount(Stage& m, const Stage& consumer, const Row& projected) {
  (void)projected;
  const ast::Clause& clause = *m.clause;
  if (clause.optional || m.parts.empty() || !consumer.aggregating) return;
  const ast::PatternPart& part = *m.parts.back();
  if (part.kind != ast::PathKind::kNormal || !part.path_variable.empty() || part.rels.empty()) {
    return;
  }
  // The plan MatchPart will follow, from the variables bound before this part.
  Row scope;
  size_t stage_first = m.first_op;
  (void)stage_first;
  // Variables bound before the clause are those of the sample the match was built with:
  // rebuild them from the plan's own record (the parts' variables are added below).
  for (const auto& [name, value] : m.before) scope.emplace(name, value);
  for (size_t k = 0; k + 1 < m.parts.size(); ++k) {
    for (const auto& n : m.parts[k]->nodes) scope.emplace(n.variable, RValue());
    for (const auto& r : m.parts[k]->rels) scope.emplace(r.variable, RValue());
    if (!m.parts[k]->path_variable.empty()) scope.emplace(m.parts[k]->path_variable, RValue());
  }
  std::string how;
  size_t start = ChooseStart(part, scope, clause.where.get(), &how);
  bool rel_start = how == "RelationshipTypeScan";
  // The last step: the rightmost relationship when the start is its left end or further left
  // and nothing lies left of the start; otherwise the leftmost one.
  size_t rel, to;
  if (start == 0) {
    if (rel_start && part.rels.size() == 1) return;  // the scan binds the only relationship
    rel = part.rels.size() - 1;
    to = rel + 1;
  } else {
    rel = 0;
    to = 0;
  }
  const auto& rp = part.rels[rel];
  const auto& np = part.nodes[to];
  if (rp.variable_length || rp.properties || np.properties || !np.labels.empty()) return;
  if (scope.count(np.variable) || scope.count(rp.variable)) return;
  // The hidden variables must appear nowhere else: not twice in the pattern, not in WHERE,
  // not after.
  std::set<std::string> hidden{np.variable, rp.variable};
  int uses = 0;
  for (const auto* p : m.parts) {
    for (const auto& n : p->nodes) {
      if (n.variable == np.variable) ++uses;
      if (Uses(n.properties.get(), hidden)) return;
    }
    for (const auto& r : p->rels) {
      if (Uses(r.properties.get(), hidden)) return;
    }
  }
  if (uses != 1 || Uses(clause.where.get(), hidden)) return;
  if (!CountsOnly(consumer, hidden)) return;
  m.count_last = true;
  // Relationship uniqueness needs no check when no other relationship of the clause can
  // have the counted one's type.
  m.count_disjoint = !rp.types.empty();
  std::set<std::string> counted;
  for (const auto& t : rp.types) counted.insert(CanonicalRelationshipType(t));
  for (const auto& p : clause.pattern) {
    for (const auto& r : p.rels) {
      if (&r == &rp) continue;
      if (r.types.empty()) m.count_disjoint = false;
      for (const auto& t : r.types) {
        if (counted.count(CanonicalRelationshipType(t))) m.count_disjoint = false;
      }
    }
  }
  // Show it in the plan: the counted hop's Expand is a count of adjacent relationships.
  size_t op = part_ops_[&part];
  size_t expands = rel_start ? part.rels.size() - 1 : part.rels.size();
  PlanOperator& last = plan_[op + expands];
  last.name = "CountAdjacent";
}

void Executor::BuildProject(Stage& s, const std::set<std::string>& scope_names) {
  const ast::Projection& projection = s.clause->projection;
  // The items, with * expanded to the variables in scope (sorted, as Cypher does).
  if (projection.star) {
    for (const auto& n : scope_names) {
      if (IsAnonymous(n)) continue;
      auto e = std::make_shared<Expr>();
      e->kind = ExprKind::kVariable;
      e->name = n;
      e->text = n;
      s.items.push_back({e, n, true});
    }
  }
  for (const auto& item : projection.items) s.items.push_back(item);
  for (size_t i = 0; i < s.items.size(); ++i) {
    if (ContainsAggregate(*s.items[i].expr)) {
      s.aggregating = true;
    } else {
      s.key_items.push_back(i);
    }
  }
  if (s.aggregating) {
    for (const auto& item : s.items) AggregateCalls(item.expr.get(), s.aggregate_exprs);
    for (const auto& o : projection.order) AggregateCalls(o.expr.get(), s.aggregate_exprs);
  }
  std::string detail;
  for (size_t i = 0; Describing() && i < s.items.size(); ++i) {
    const ast::ProjectionItem& item = s.items[i];
    detail += (detail.empty() ? "" : ", ") + item.expr->text +
              (item.has_alias && item.alias != item.expr->text ? " AS " + item.alias : "");
  }
  s.projection_op = plan_.size();
  AddOp(s.aggregating ? "Aggregation" : "Projection", detail);
  if (projection.distinct) {
    s.distinct_op = plan_.size();
    AddOp("Distinct", "");
  }
  if (!projection.order.empty()) {
    std::string order;
    for (const auto& o : projection.order) {
      order += (order.empty() ? "" : ", ") + o.expr->text + (o.descending ? " DESC" : "");
    }
    // With LIMIT only the first SKIP + LIMIT rows are kept, in a heap (a top-k).
    s.sort_op = plan_.size();
    AddOp(projection.limit ? "Top" : "Sort", order);
  }
  if (projection.skip) {
    s.skip_op = plan_.size();
    AddOp("Skip", projection.skip->text);
  }
  if (projection.limit) {
    s.limit_op = plan_.size();
    AddOp("Limit", projection.limit->text);
  }
  if (projection.where) {
    s.where_op = plan_.size();
    AddOp("Filter", projection.where->text);
  }
}

bool Executor::Push(Stage& s, Row& row, int64_t weight) {
  if (!profiling_) return Dispatch(s, row, weight);
  auto start = std::chrono::steady_clock::now();
  bool go = Dispatch(s, row, weight);
  s.inclusive_ms +=
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return go;
}

bool Executor::Dispatch(Stage& s, Row& row, int64_t weight) {
  switch (s.kind) {
    case Stage::Kind::kMatch: return PushMatch(s, row, weight);
    case Stage::Kind::kCountStore: return PushCountStore(s, row, weight);
    case Stage::Kind::kUnwind: return PushUnwind(s, row, weight);
    case Stage::Kind::kProject: return PushProject(s, row, weight);
    case Stage::Kind::kCall: return PushCall(s, row, weight);
    case Stage::Kind::kWrite:
      for (int64_t i = 0; i < weight; ++i) s.held.push_back(row);
      return true;
    case Stage::Kind::kResult: return Emit(s, row, weight);
    case Stage::Kind::kDiscard: return true;
  }
  return true;
}

void Executor::Finish(Stage& s) {
  auto start = std::chrono::steady_clock::now();
  switch (s.kind) {
    case Stage::Kind::kProject: FinishProject(s); break;
    case Stage::Kind::kWrite: {
      const ast::Clause& clause = *s.clause;
      Rows rows = std::move(s.held);
      s.held.clear();
      // The plan operators exist already: run the writes without adding them again.
      size_t ops = plan_.size();
      if (clause.kind == ClauseKind::kCreate) {
        rows = Create(clause, std::move(rows));
      } else if (clause.kind == ClauseKind::kDelete) {
        rows = Delete(clause, std::move(rows));
      } else {
        rows = SetOrRemove(clause, std::move(rows));
      }
      plan_.resize(ops);
      for (auto& row : rows) {
        if (!Emit(s, row, 1)) break;
      }
      break;
    }
    default: break;
  }
  if (s.next != nullptr) Finish(*s.next);
  if (profiling_) {
    s.inclusive_ms += std::chrono::duration<double, std::milli>(
                          std::chrono::steady_clock::now() - start).count();
  }
}

bool Executor::Emit(Stage& s, Row& row, int64_t weight) {
  s.rows_out += weight;
  if (s.kind == Stage::Kind::kResult) {
    if (explain_only_) return true;
    std::vector<ResultValue> cells;
    cells.reserve(s.columns.size());
    for (const auto& c : s.columns) cells.push_back(ToResult(row.at(c)));
    for (int64_t i = 1; i < weight; ++i) s.result->rows.push_back(cells);
    if (weight > 0) s.result->rows.push_back(std::move(cells));
    return true;
  }
  if (s.next == nullptr) return true;
  return Push(*s.next, row, weight);
}

bool Executor::PushCountStore(Stage& s, Row& row, int64_t weight) {
  (void)row;
  for (auto& [r, n] : s.count_rows) {
    if (!Emit(s, r, n * weight)) return false;
  }
  return true;
}

bool Executor::PushMatch(Stage& s, Row& in, int64_t weight) {
  CheckInterrupt();
  const ast::Clause& clause = *s.clause;
  if (s.filter_op != SIZE_MAX && plan_[s.filter_op].rows < 0) plan_[s.filter_op].rows = 0;
  auto rejected = [&](size_t k, const Row& row) {
    for (const Expr* c : s.early[k]) {
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
  bool any = false;
  bool go = true;
  std::vector<EdgeId> used;
  std::function<bool(size_t, Row&)> match_from = [&](size_t k, Row& row) -> bool {
    CheckInterrupt();
    if (k == s.parts.size()) {
      // Read first: a pattern predicate in WHERE runs MatchPart again.
      int64_t multiplicity = match_multiplicity_;
      if (clause.where && !Truthy(*clause.where, row)) return true;
      any = true;
      if (s.filter_op != SIZE_MAX) plan_[s.filter_op].rows += multiplicity;
      go = Emit(s, row, weight * multiplicity);
      return go;
    }
    if (rejected(k, row)) return true;
    bool last = k + 1 == s.parts.size();
    // The parts after this one read its relationships from the row (uniqueness across parts).
    bind_anonymous_ = !last;
    return MatchPart(*s.parts[k], row, used, clause.where.get(), [&](Row& next) {
      // Relationship uniqueness across the parts of one MATCH.
      size_t mark = used.size();
      if (!last) {
        for (size_t j = 0; j <= k; ++j) {
          for (const auto& r : s.parts[j]->rels) {
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
      }
      bool more = match_from(k + 1, next);
      used.resize(mark);
      return more;
    }, last && s.count_last);
  };
  count_disjoint_ = s.count_disjoint;
  match_from(0, in);
  if (go && clause.optional && !any) {
    std::vector<std::string> added;
    for (const auto& part : clause.pattern) {
      for (const auto& n : part.nodes) {
        if (in.emplace(n.variable, RValue()).second) added.push_back(n.variable);
      }
      for (const auto& r : part.rels) {
        if (in.emplace(r.variable, RValue()).second) added.push_back(r.variable);
      }
      if (!part.path_variable.empty() && in.emplace(part.path_variable, RValue()).second) {
        added.push_back(part.path_variable);
      }
    }
    go = Emit(s, in, weight);
    for (const auto& name : added) in.erase(name);
  }
  return go;
}

bool Executor::PushUnwind(Stage& s, Row& row, int64_t weight) {
  CheckInterrupt();
  const ast::Clause& clause = *s.clause;
  RValue list = Eval(*clause.expr, row);
  if (list.is_null()) return true;
  bool go = true;
  if (!list.is_list()) {
    row[clause.variable] = list;
    go = Emit(s, row, weight);
  } else {
    for (const auto& item : list.as_list()) {
      CheckInterrupt();
      row[clause.variable] = item;
      if (!Emit(s, row, weight)) {
        go = false;
        break;
      }
    }
  }
  row.erase(clause.variable);
  return go;
}

bool Executor::PushCall(Stage& s, Row& row, int64_t weight) {
  CheckInterrupt();
  const ast::Clause& clause = *s.clause;
  if (!s.runner) s.runner = std::make_unique<ProcedureRunner>(reader_);
  std::vector<RValue> args;
  for (const auto& a : clause.arguments) args.push_back(Eval(*a, row));
  const auto& records = s.runner->Run(*s.procedure, args);
  plan_[s.call_op].rows = std::max<int64_t>(plan_[s.call_op].rows, 0);
  bool go = true;
  for (const auto& record : records) {
    CheckInterrupt();
    ++plan_[s.call_op].rows;
    Row out = row;
    for (size_t i = 0; i < s.columns.size(); ++i) out[s.columns[i]] = record[s.fields[i]];
    if (clause.where && !Truthy(*clause.where, out)) continue;
    if (!Emit(s, out, weight)) {
      go = false;
      break;
    }
  }
  return go;
}

// ---------------------------------------------------------------- WITH, RETURN

void Executor::Accumulate(Stage& s, const Row& row, int64_t weight) {
  size_t index = 0;
  bool fresh = false;
  Row key_values;
  if (s.key_items.empty()) {
    fresh = s.groups.empty();  // one group: no key to build or look up
  } else {
    std::string key;
    for (size_t i : s.key_items) {
      RValue v = Eval(*s.items[i].expr, row);
      key += GroupKey(v) + "\x1f";
      key_values[s.items[i].alias] = std::move(v);
    }
    auto it = s.group_index.find(key);
    if (it == s.group_index.end()) {
      it = s.group_index.emplace(std::move(key), s.groups.size()).first;
      fresh = true;
    }
    index = it->second;
  }
  if (fresh) {
    Stage::Group g;
    g.first = row;
    g.keys = std::move(key_values);
    g.accumulators.resize(s.aggregate_exprs.size());
    s.groups.push_back(std::move(g));
  }
  Stage::Group& group = s.groups[index];
  for (size_t a = 0; a < s.aggregate_exprs.size(); ++a) {
    const Expr& e = *s.aggregate_exprs[a];
    Stage::Accumulator& acc = group.accumulators[a];
    if (e.kind == ExprKind::kCountStar) {
      acc.count += weight;
      continue;
    }
    RValue v = e.args.empty() ? RValue() : Eval(*e.args[0], row);
    if (v.is_null()) continue;
    if (e.distinct) {
      // A node's group key is its id (GroupKey's "n<id>"), so nodes are kept apart by id.
      bool fresh = v.is_node() ? acc.seen_nodes.Insert(v.node_id())
                               : acc.seen.insert(GroupKey(v)).second;
      if (!fresh) continue;
    }
    std::string lowered;
    std::string_view name = e.function;
    if (name.empty()) {
      lowered = Lower(e.name);
      name = lowered;
    }
    if (name == "count") {
      acc.count += weight;
    } else if (name == "sum" || name == "avg") {
      if (!v.is_number()) {
        ThrowRuntime("InvalidArgumentType",
                     std::string(name) + " expects numbers: unexpected " + RTypeName(v));
      }
      ++acc.count;
      if (v.is_int() && acc.all_int) {
        int64_t r;
        if (__builtin_add_overflow(acc.int_sum, v.as_int(), &r)) {
          ThrowRuntime("IntegerOverflow", "integer overflow");
        }
        acc.int_sum = r;
      } else {
        acc.all_int = false;
      }
      acc.float_sum += v.as_number();
    } else if (name == "min" || name == "max") {
      // Cypher's min/max order values as ORDER BY does.
      if (!acc.best) {
        acc.best = v;
      } else {
        int c = OrderCompare(v, *acc.best);
        if ((name == "min" && c < 0) || (name == "max" && c > 0)) acc.best = v;
      }
    } else {
      // collect, stdev, stdevp, percentiles: the values themselves.
      acc.values.push_back(std::move(v));
    }
  }
}

RValue Executor::AggregateValue(const Expr& e, const AggregateValues* aggregates) {
  if (aggregates == nullptr) {
    ThrowSemantic("InvalidAggregation", "aggregate '" + e.text + "' is not allowed here", e.span);
  }
  const RValue* v = aggregates->Find(&e);
  if (v == nullptr) {
    ThrowSemantic("InvalidAggregation", "aggregate '" + e.text + "' is not allowed here", e.span);
  }
  return *v;
}

namespace {

RValue FinishAccumulator(const Expr& e, const Stage::Accumulator& acc) {
  if (e.kind == ExprKind::kCountStar) return RValue(acc.count);
  std::string name = Lower(e.name);
  if (name == "count") return RValue(acc.count);
  if (name == "collect") return RValue(acc.values);
  if (name == "min" || name == "max") return acc.best ? *acc.best : RValue();
  if (name == "sum") return acc.all_int ? RValue(acc.int_sum) : RValue(acc.float_sum);
  if (name == "avg") {
    if (acc.count == 0) return RValue();
    return RValue(acc.float_sum / static_cast<double>(acc.count));
  }
  const RList& values = acc.values;
  if (name == "stdev" || name == "stdevp") {
    for (const auto& v : values) {
      if (!v.is_number()) {
        ThrowRuntime("InvalidArgumentType", name + " expects numbers: unexpected " + RTypeName(v));
      }
    }
    if (values.size() < 2 && name == "stdev") return RValue(0.0);
    if (values.empty()) return RValue(0.0);
    double mean = 0;
    for (const auto& v : values) mean += v.as_number();
    mean /= static_cast<double>(values.size());
    double sq = 0;
    for (const auto& v : values) sq += (v.as_number() - mean) * (v.as_number() - mean);
    double n = static_cast<double>(values.size()) - (name == "stdev" ? 1 : 0);
    return RValue(std::sqrt(sq / n));
  }
  ThrowSemantic("UnknownFunction", "unknown aggregate '" + e.name + "'", e.span);
}

}  // namespace

bool Executor::PushProject(Stage& s, Row& row, int64_t weight) {
  CheckInterrupt();
  if (s.aggregating) {
    Accumulate(s, row, weight);
    return true;
  }
  assert(weight == 1);
  if (s.direct_result && !profiling_ && !explain_only_) {
    // What ProjectOut, EmitOrdered and Emit would do for this row, without the row.
    ++s.projected_rows;
    ++s.skip_rows;
    ++s.limit_rows;
    ++s.where_rows;
    ++s.emitted;
    ++s.rows_out;
    Stage& out = *s.next;
    ++out.rows_out;
    std::vector<ResultValue> cells;
    cells.reserve(s.items.size());
    for (const auto& item : s.items) {
      RValue v = Eval(*item.expr, row);
      if (v.is_string()) {
        // `v` is ours: its text moves into the cell.
        cells.emplace_back(Value(std::move(const_cast<std::string&>(v.as_string()))));
      } else {
        cells.push_back(ToResult(v));
      }
    }
    out.result->rows.push_back(std::move(cells));
    return true;
  }
  const ast::Projection& projection = s.clause->projection;
  Row projected;
  projected.reserve(s.items.size());
  for (const auto& item : s.items) projected[item.alias] = Eval(*item.expr, row);
  Row scope;
  if (!projection.order.empty() || projection.where) {
    scope = row;
    for (const auto& [k, v] : projected) scope[k] = v;
  }
  return ProjectOut(s, std::move(projected), std::move(scope), nullptr);
}

bool Executor::ProjectOut(Stage& s, Row projected, Row scope, const AggregateValues* aggregates) {
  const ast::Projection& projection = s.clause->projection;
  ++s.projected_rows;
  if (!s.bounds_read) {
    // SKIP and LIMIT are constant expressions, so evaluating them early changes nothing.
    s.bounds_read = true;
    if (projection.skip) s.skip = EvalCount(projection.skip.get(), "SKIP");
    if (projection.limit) s.limit = EvalCount(projection.limit.get(), "LIMIT");
    if (projection.limit && static_cast<uint64_t>(s.skip) <= SIZE_MAX / 2 &&
        static_cast<uint64_t>(s.limit) <= SIZE_MAX / 2) {
      s.top_k = static_cast<size_t>(s.skip + s.limit);
    }
  }
  if (projection.distinct) {
    std::string key;
    for (const auto& item : s.items) key += GroupKey(projected[item.alias]) + "\x1f";
    if (!s.distinct_seen.insert(std::move(key)).second) return true;
    ++s.distinct_rows;
  }
  if (projection.order.empty()) return EmitOrdered(s, projected, scope);

  // ORDER BY may name a projected expression by its text.
  Stage::Sorted entry;
  for (const auto& o : projection.order) {
    const ast::ProjectionItem* same = nullptr;
    for (const auto& item : s.items) {
      if (item.expr->text == o.expr->text) same = &item;
    }
    entry.keys.push_back(same != nullptr ? projected[same->alias]
                                         : Eval(*o.expr, scope, aggregates));
  }
  entry.sequence = s.sequence++;
  entry.projected = std::move(projected);
  if (projection.where) entry.scope = std::move(scope);
  auto before = [&](const Stage::Sorted& a, const Stage::Sorted& b) {
    for (size_t k = 0; k < projection.order.size(); ++k) {
      int c = OrderCompare(a.keys[k], b.keys[k]);
      if (c != 0) return projection.order[k].descending ? c > 0 : c < 0;
    }
    return a.sequence < b.sequence;  // ties keep their input order
  };
  if (s.top_k == SIZE_MAX) {
    s.sorted.push_back(std::move(entry));
  } else if (s.sorted.size() < s.top_k) {
    s.sorted.push_back(std::move(entry));
    std::push_heap(s.sorted.begin(), s.sorted.end(), before);
  } else if (s.top_k > 0 && before(entry, s.sorted.front())) {
    std::pop_heap(s.sorted.begin(), s.sorted.end(), before);
    s.sorted.back() = std::move(entry);
    std::push_heap(s.sorted.begin(), s.sorted.end(), before);
  }
  return true;
}

bool Executor::EmitOrdered(Stage& s, Row& projected, const Row& scope) {
  const ast::Projection& projection = s.clause->projection;
  if (s.skipped < s.skip) {
    ++s.skipped;
    return true;
  }
  ++s.skip_rows;
  if (s.limit >= 0 && s.emitted >= s.limit) return false;
  ++s.emitted;
  ++s.limit_rows;
  bool go = true;
  if (!projection.where || Truthy(*projection.where, s.aggregating ? projected : scope)) {
    ++s.where_rows;
    go = Emit(s, projected, 1);
  }
  return go && !(s.limit >= 0 && s.emitted >= s.limit);
}

void Executor::FinishProject(Stage& s) {
  const ast::Projection& projection = s.clause->projection;
  bool go = true;
  if (s.aggregating) {
    if (s.groups.empty() && s.key_items.empty()) {
      Stage::Group g;
      g.accumulators.resize(s.aggregate_exprs.size());
      s.groups.push_back(std::move(g));
    }
    for (auto& group : s.groups) {
      if (!go) break;
      CheckInterrupt();
      AggregateValues aggregates;
      for (size_t a = 0; a < s.aggregate_exprs.size(); ++a) {
        aggregates.values.emplace_back(
            s.aggregate_exprs[a], FinishAccumulator(*s.aggregate_exprs[a], group.accumulators[a]));
      }
      Row projected;
      for (const auto& item : s.items) {
        auto kv = group.keys.find(item.alias);
        if (kv != group.keys.end() && !ContainsAggregate(*item.expr)) {
          projected[item.alias] = kv->second;
        } else {
          projected[item.alias] = Eval(*item.expr, group.first, &aggregates);
        }
      }
      Row scope = std::move(group.first);
      for (const auto& [k, v] : projected) scope[k] = v;
      go = ProjectOut(s, std::move(projected), std::move(scope), &aggregates);
    }
    s.groups.clear();
    s.group_index.clear();
  }
  if (!s.bounds_read && (projection.skip || projection.limit)) {
    // No rows: the bounds must still be valid.
    s.bounds_read = true;
    if (projection.skip) s.skip = EvalCount(projection.skip.get(), "SKIP");
    if (projection.limit) s.limit = EvalCount(projection.limit.get(), "LIMIT");
  }
  if (!projection.order.empty()) {
    auto before = [&](const Stage::Sorted& a, const Stage::Sorted& b) {
      for (size_t k = 0; k < projection.order.size(); ++k) {
        int c = OrderCompare(a.keys[k], b.keys[k]);
        if (c != 0) return projection.order[k].descending ? c > 0 : c < 0;
      }
      return a.sequence < b.sequence;
    };
    if (s.top_k == SIZE_MAX) {
      std::sort(s.sorted.begin(), s.sorted.end(), before);
    } else {
      std::sort_heap(s.sorted.begin(), s.sorted.end(), before);
    }
    if (s.sort_op != SIZE_MAX) plan_[s.sort_op].rows = static_cast<int64_t>(s.sorted.size());
    for (auto& entry : s.sorted) {
      if (!go) break;
      go = EmitOrdered(s, entry.projected, entry.scope);
    }
    s.sorted.clear();
  }
  plan_[s.projection_op].rows = s.projected_rows;
  if (s.distinct_op != SIZE_MAX) plan_[s.distinct_op].rows = s.distinct_rows;
  if (s.skip_op != SIZE_MAX) plan_[s.skip_op].rows = s.skip_rows;
  if (s.limit_op != SIZE_MAX) plan_[s.limit_op].rows = s.limit_rows;
  if (s.where_op != SIZE_MAX) plan_[s.where_op].rows = s.where_rows;
}

int64_t Executor::EvalCount(const Expr* e, const char* what) {
  RValue v = Eval(*e, Row());
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
    QueryResult ignored;
    BuildPipeline(part, &ignored);
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
  profiling_ = true;
  *result = Run(statement);
  profiling_ = false;
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
