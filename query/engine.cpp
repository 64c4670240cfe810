#include "query/engine.h"

#include "query/executor.h"
#include "query/parser.h"
#include "storage/store.h"

namespace kg::query {

namespace {

std::string PropertiesText(const PropertyMap& properties) {
  if (properties.empty()) return "";
  return Value(ValueMap(properties.begin(), properties.end())).ToCypher();
}

std::string NodeText(const Node& n) {
  std::string s = "(";
  for (const auto& l : n.labels) s += ":" + l;
  std::string props = PropertiesText(n.properties);
  if (!props.empty()) s += (n.labels.empty() ? "" : " ") + props;
  return s + ")";
}

std::string EdgeText(const Edge& e) {
  std::string s = "[:" + e.type;
  std::string props = PropertiesText(e.properties);
  if (!props.empty()) s += " " + props;
  return s + "]";
}

bool Writes(const ast::Statement& statement) {
  for (const auto& part : statement.parts) {
    for (const auto& c : part.clauses) {
      if (c.kind == ast::ClauseKind::kCreate || c.kind == ast::ClauseKind::kSet ||
          c.kind == ast::ClauseKind::kRemove || c.kind == ast::ClauseKind::kDelete) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace

ResultValue ResultValue::List(std::vector<ResultValue> items) {
  ResultValue r;
  r.data_ = std::move(items);
  return r;
}

ResultValue ResultValue::Map(std::map<std::string, ResultValue> items) {
  ResultValue r;
  r.data_ = std::move(items);
  return r;
}

std::string ResultValue::ToCypher() const {
  switch (kind()) {
    case Kind::kValue: return value().ToCypher();
    case Kind::kNode: return NodeText(node());
    case Kind::kEdge: return EdgeText(edge());
    case Kind::kPath: {
      std::string s = "<";
      for (size_t i = 0; i < path().nodes.size(); ++i) {
        s += NodeText(path().nodes[i]);
        if (i < path().edges.size()) {
          const Edge& e = path().edges[i];
          bool forward = e.source == path().nodes[i].id;
          s += forward ? "-" + EdgeText(e) + "->" : "<-" + EdgeText(e) + "-";
        }
      }
      return s + ">";
    }
    case Kind::kList: {
      std::string s = "[";
      for (size_t i = 0; i < list().size(); ++i) s += (i ? ", " : "") + list()[i].ToCypher();
      return s + "]";
    }
    case Kind::kMap: {
      std::string s = "{";
      bool first = true;
      for (const auto& [k, v] : map()) {
        s += (first ? "" : ", ") + k + ": " + v.ToCypher();
        first = false;
      }
      return s + "}";
    }
  }
  return "";
}

std::string ResultValue::ToDisplay() const {
  if (kind() == Kind::kValue) return value().ToDisplay();
  return ToCypher();
}

Value ResultValue::ToPlain() const {
  switch (kind()) {
    case Kind::kValue: return value();
    case Kind::kNode: {
      ValueMap m(node().properties.begin(), node().properties.end());
      m["_id"] = Value(static_cast<int64_t>(node().id));
      ValueList labels;
      for (const auto& l : node().labels) labels.push_back(Value(l));
      m["_labels"] = Value(std::move(labels));
      return Value(std::move(m));
    }
    case Kind::kEdge: {
      ValueMap m(edge().properties.begin(), edge().properties.end());
      m["_id"] = Value(static_cast<int64_t>(edge().id));
      m["_type"] = Value(edge().type);
      m["_start"] = Value(static_cast<int64_t>(edge().source));
      m["_end"] = Value(static_cast<int64_t>(edge().target));
      return Value(std::move(m));
    }
    case Kind::kPath: {
      ValueList items;
      for (size_t i = 0; i < path().nodes.size(); ++i) {
        items.push_back(ResultValue(path().nodes[i]).ToPlain());
        if (i < path().edges.size()) items.push_back(ResultValue(path().edges[i]).ToPlain());
      }
      return Value(std::move(items));
    }
    case Kind::kList: {
      ValueList items;
      for (const auto& v : list()) items.push_back(v.ToPlain());
      return Value(std::move(items));
    }
    case Kind::kMap: {
      ValueMap m;
      for (const auto& [k, v] : map()) m[k] = v.ToPlain();
      return Value(std::move(m));
    }
  }
  return Value();
}

bool WriteCounts::any() const {
  return nodes_created || nodes_deleted || relationships_created || relationships_deleted ||
         properties_set || labels_added || labels_removed;
}

std::string WriteCounts::ToString() const {
  std::string out;
  auto add = [&](int64_t n, const char* one, const char* many) {
    if (n == 0) return;
    if (!out.empty()) out += ", ";
    out += std::to_string(n) + " " + (n == 1 ? one : many);
  };
  add(nodes_created, "node created", "nodes created");
  add(nodes_deleted, "node deleted", "nodes deleted");
  add(relationships_created, "relationship created", "relationships created");
  add(relationships_deleted, "relationship deleted", "relationships deleted");
  add(properties_set, "property set", "properties set");
  add(labels_added, "label added", "labels added");
  add(labels_removed, "label removed", "labels removed");
  return out;
}

Engine::Engine(storage::Store* store) : store_(store) {}
Engine::~Engine() = default;

void Engine::Interrupt() { interrupted_.store(true, std::memory_order_relaxed); }

void Engine::SetPlanCacheCapacity(size_t capacity) {
  cache_capacity_ = capacity;
  while (cache_lru_.size() > cache_capacity_) {
    cache_index_.erase(cache_lru_.back().first);
    cache_lru_.pop_back();
  }
}

Result<std::shared_ptr<const ast::Statement>> Engine::Prepare(std::string_view statement) {
  if (auto it = cache_index_.find(statement); it != cache_index_.end()) {
    ++cache_hits_;
    cache_lru_.splice(cache_lru_.begin(), cache_lru_, it->second);
    return it->second->second;
  }
  auto parsed = ParseStatement(statement);
  if (!parsed.ok()) return parsed.status();
  auto st = std::make_shared<const ast::Statement>(std::move(parsed).value());
  try {
    Bind(*st);
  } catch (QueryError& error) {
    return error.status;
  }
  if (cache_capacity_ == 0) return st;
  cache_lru_.emplace_front(std::string(statement), st);
  cache_index_.emplace(cache_lru_.front().first, cache_lru_.begin());
  if (cache_lru_.size() > cache_capacity_) {
    cache_index_.erase(cache_lru_.back().first);
    cache_lru_.pop_back();
  }
  return st;
}

Result<QueryResult> Engine::Execute(std::string_view statement, const ValueMap& parameters) {
  interrupted_.store(false, std::memory_order_relaxed);
  auto prepared = Prepare(statement);
  if (!prepared.ok()) return prepared.status();
  // Held here so that a statement evicted while it runs stays alive.
  std::shared_ptr<const ast::Statement> holder = std::move(prepared).value();
  const ast::Statement& st = *holder;
  try {
    bool writes = Writes(st);
    if (st.explain) {
      auto reader = store_->Snapshot();
      Executor executor(reader.get(), nullptr, parameters);
      executor.SetInterruptFlag(&interrupted_);
      QueryResult result;
      result.plan = executor.Explain(st);
      return result;
    }
    if (!writes) {
      auto reader = store_->Snapshot();
      Executor executor(reader.get(), nullptr, parameters);
      executor.SetInterruptFlag(&interrupted_);
      QueryResult result;
      if (st.profile) {
        result.plan = executor.Profile(st, &result);
      } else {
        result = executor.Run(st);
      }
      return result;
    }
    if (store_->read_only()) {
      return Status::InvalidArgument("the store is open read-only: this statement writes");
    }
    auto txn = store_->Begin();
    if (!txn.ok()) return txn.status();
    Executor executor(txn->get(), txn->get(), parameters);
    executor.SetInterruptFlag(&interrupted_);
    QueryResult result;
    if (st.profile) {
      result.plan = executor.Profile(st, &result);
    } else {
      result = executor.Run(st);
    }
    // An interrupt after the last check still wins: nothing is committed.
    executor.CheckInterrupt();
    Status s = (*txn)->Commit();
    if (!s.ok()) return s;
    return result;
  } catch (QueryError& error) {
    return error.status;
  } catch (std::exception& e) {
    return Status::Internal(std::string("query failed: ") + e.what());
  }
}

std::vector<std::string> Engine::Keywords() { return LexerKeywords(); }

}  // namespace kg::query
