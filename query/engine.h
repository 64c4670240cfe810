// Runs openCypher statements against a store: parse (grammar/), build kg's AST, plan and
// execute in a read snapshot, or in one transaction for statements that write.
#pragma once

#include <atomic>
#include <cstdint>
#include <list>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

#include "core/graph_types.h"
#include "core/status.h"
#include "core/value.h"

namespace kg::storage {
class Store;
}

namespace kg::query {

namespace ast {
struct Statement;
}

struct Path {
  std::vector<Node> nodes;  // nodes.size() == edges.size() + 1
  std::vector<Edge> edges;
};

// One cell of a result: a property value, or a node, a relationship or a path, or a list
// or map holding at least one of those (a list or map of plain values is a kValue).
class ResultValue {
 public:
  enum class Kind { kValue, kNode, kEdge, kPath, kList, kMap };

  ResultValue() = default;
  ResultValue(Value v) : data_(std::move(v)) {}  // NOLINT
  explicit ResultValue(Node n) : data_(std::move(n)) {}
  explicit ResultValue(Edge e) : data_(std::move(e)) {}
  explicit ResultValue(Path p) : data_(std::move(p)) {}
  static ResultValue List(std::vector<ResultValue> items);
  static ResultValue Map(std::map<std::string, ResultValue> items);

  Kind kind() const { return static_cast<Kind>(data_.index()); }
  // Each accessor gives an empty value of its type when the cell is of another kind.
  const Value& value() const { return Get<Value>(); }
  const Node& node() const { return Get<Node>(); }
  const Edge& edge() const { return Get<Edge>(); }
  const Path& path() const { return Get<Path>(); }
  const std::vector<ResultValue>& list() const { return Get<std::vector<ResultValue>>(); }  // kList
  const std::map<std::string, ResultValue>& map() const {                                   // kMap
    return Get<std::map<std::string, ResultValue>>();
  }

  // The TCK's text form: (:L {name: 'x'}), [:T {w: 1}], <(:A)-[:T]->(:B)>, 'str', 1.5, null.
  std::string ToCypher() const;
  // For tables: strings bare, everything else as ToCypher.
  std::string ToDisplay() const;
  // For JSON output: nodes become {"_id", "_labels", properties...}, relationships
  // {"_id", "_type", "_start", "_end", properties...}, paths a list of both.
  Value ToPlain() const;

 private:
  template <typename T>
  const T& Get() const {
    if (const T* held = std::get_if<T>(&data_)) return *held;
    static const T kEmpty{};
    return kEmpty;
  }

  // In the order of Kind: one alternative at a time, so a cell costs what its value does.
  std::variant<Value, Node, Edge, Path, std::vector<ResultValue>, std::map<std::string, ResultValue>>
      data_;
};

// What a writing statement changed, as cypher-shell and the TCK count it.
struct WriteCounts {
  int64_t nodes_created = 0;
  int64_t nodes_deleted = 0;
  int64_t relationships_created = 0;
  int64_t relationships_deleted = 0;
  int64_t properties_set = 0;
  int64_t labels_added = 0;
  int64_t labels_removed = 0;

  bool any() const;
  std::string ToString() const;  // "2 nodes created, 1 relationship created"; "" if none
};

struct QueryResult {
  std::vector<std::string> columns;
  std::vector<std::vector<ResultValue>> rows;
  WriteCounts counts;
  // EXPLAIN / PROFILE: the plan as text lines (rows is then empty for EXPLAIN).
  std::vector<std::string> plan;
};

class Engine {
 public:
  // `store` must outlive the engine. A read-only store accepts only reading statements.
  explicit Engine(storage::Store* store);
  ~Engine();

  // Runs one statement. Parameters ($name) come from `parameters`. Errors: kSyntaxError with
  // the span of the offending token; kSemanticError with the TCK's kind (UndefinedVariable,
  // InvalidAggregation, UnknownFunction, ...); a failed statement changes nothing.
  // Execute clears the interrupt flag when it starts (an Interrupt() before it is lost).
  Result<QueryResult> Execute(std::string_view statement, const ValueMap& parameters = {});

  // Asks the statement running in Execute to stop. It does at its next row or expansion
  // and returns kInvalidArgument with kind() "Interrupted" and message "query interrupted";
  // a writing statement so stopped changes nothing. Safe from any thread and from a signal
  // handler (it only stores to a lock-free std::atomic<bool>); a no-op when nothing runs.
  void Interrupt();

  // Every keyword of the language, upper case, for completion (from the generated lexer).
  static std::vector<std::string> Keywords();

  // Parsed and checked statements are cached by their text (least recently used first out),
  // so a statement repeated with other parameters is neither parsed nor checked again.
  // Nothing cached depends on the store: plans are made per execution. 0 disables the cache.
  void SetPlanCacheCapacity(size_t capacity);
  size_t plan_cache_hits() const { return cache_hits_; }

 private:
  // The statement's AST from the cache, or parsed and checked now (and cached).
  Result<std::shared_ptr<const ast::Statement>> Prepare(std::string_view statement);

  storage::Store* store_;
  size_t cache_capacity_ = 256;
  size_t cache_hits_ = 0;
  // Most recently used first; the map points into the list.
  using CacheEntry = std::pair<std::string, std::shared_ptr<const ast::Statement>>;
  std::list<CacheEntry> cache_lru_;
  std::unordered_map<std::string_view, std::list<CacheEntry>::iterator> cache_index_;
  std::atomic<bool> interrupted_{false};
  static_assert(std::atomic<bool>::is_always_lock_free, "Interrupt() must be signal-safe");
};

}  // namespace kg::query
