// Plans and runs one parsed statement over a GraphReader (a snapshot, or the statement's
// transaction when it writes). Internal to query/; errors are thrown as QueryError.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "query/ast.h"
#include "query/engine.h"
#include "query/runtime.h"
#include "storage/store.h"

namespace kg::query {

// Checks scoping and typing rules before anything runs: UndefinedVariable,
// VariableAlreadyBound, VariableTypeConflict, UnknownFunction, InvalidAggregation, ...
void Bind(const ast::Statement& statement);

bool IsAggregateFunction(std::string_view lower_name);
bool IsKnownFunction(const std::string& lower_name);
bool ContainsAggregate(const ast::Expr& e);

// The values of a group's aggregate calls, by the call's expression node.
struct AggregateValues {
  std::vector<std::pair<const ast::Expr*, RValue>> values;
  const RValue* Find(const ast::Expr* e) const {
    for (const auto& [expr, value] : values) {
      if (expr == e) return &value;
    }
    return nullptr;
  }
};

struct Stage;

struct PlanOperator {
  std::string name;
  std::string detail;
  int64_t rows = -1;    // -1 until measured
  double millis = -1;
};

class Executor {
 public:
  // `txn` is null for reading statements; otherwise reader == txn.
  Executor(storage::GraphReader* reader, storage::Transaction* txn, const ValueMap& parameters);

  QueryResult Run(const ast::Statement& statement);
  // The plan without running anything.
  std::vector<std::string> Explain(const ast::Statement& statement);
  std::vector<std::string> Profile(const ast::Statement& statement, QueryResult* result);

  RValue Eval(const ast::Expr& e, const Row& row) { return Eval(e, row, nullptr); }
  ~Executor();

  // Checked per row and per expansion: once it reads true, the statement throws
  // kInvalidArgument "query interrupted" (kind Interrupted). May be null.
  void SetInterruptFlag(const std::atomic<bool>* flag) { interrupt_ = flag; }
  // Throws the Interrupted error when the flag is set.
  void CheckInterrupt() {
    if (interrupt_ != nullptr && interrupt_->load(std::memory_order_relaxed)) ThrowInterrupted();
  }

 private:
  using Rows = std::vector<Row>;
  friend struct Stage;

  // Execution is pipelined: each clause is a Stage that takes rows one at a time (Push) and
  // hands its own to the next stage as it makes them; Finish() flushes what a stage holds
  // (aggregation, sorting, writes, which are eager) and finishes the next one.
  QueryResult RunSingle(const ast::SingleQuery& query);
  std::vector<std::unique_ptr<Stage>> BuildPipeline(const ast::SingleQuery& query,
                                                    QueryResult* result);
  void BuildMatch(Stage& s, const Row& sample);
  void BuildProject(Stage& s, const std::set<std::string>& scope_names);
  bool BuildCountStore(Stage& s, const ast::Clause& match, const ast::Clause& projection);
  void PlanFactorisedCount(Stage& match, const Stage& consumer, const Row& sample);
  // Push returns false when no more rows are wanted. It leaves `row` as it found it.
  // `weight`: how many equal rows this one stands for (above 1 only into a counting
  // aggregation, from factorised counting).
  bool Push(Stage& s, Row& row, int64_t weight);
  bool Dispatch(Stage& s, Row& row, int64_t weight);
  void Finish(Stage& s);
  bool Emit(Stage& s, Row& row, int64_t weight);
  bool PushMatch(Stage& s, Row& row, int64_t weight);
  bool PushProject(Stage& s, Row& row, int64_t weight);
  bool PushUnwind(Stage& s, Row& row, int64_t weight);
  bool PushCall(Stage& s, Row& row, int64_t weight);
  bool PushCountStore(Stage& s, Row& row, int64_t weight);
  void FinishProject(Stage& s);
  bool ProjectOut(Stage& s, Row projected, Row scope, const AggregateValues* aggregates);
  bool EmitOrdered(Stage& s, Row& projected, const Row& scope);
  void Accumulate(Stage& s, const Row& row, int64_t weight);

  Rows Create(const ast::Clause& clause, Rows input);
  Rows SetOrRemove(const ast::Clause& clause, Rows input);
  Rows Delete(const ast::Clause& clause, Rows input);
  // The columns a CALL clause adds: its YIELD variables, or every output without YIELD.
  static std::vector<std::string> CallColumns(const ast::Clause& clause);

  // Pattern matching. `visit` returns false to stop.
  using RowVisitor = std::function<bool(Row&)>;
  // With `count_last` (factorised counting), the last relationship of the part's plan and
  // its far node are counted (CountAdjacent) instead of bound: `visit` then sees the row
  // without them and match_multiplicity_ holds how many rows it stands for (0: not called).
  bool MatchPart(const ast::PatternPart& part, Row& row, std::vector<EdgeId>& used,
                 const ast::Expr* where, const RowVisitor& visit, bool count_last = false);
  // The start of a pattern part as ChooseStart picks it, and the relationship count by type
  // it was weighed with.
  int64_t TypeScanCost(const ast::RelPattern& rp);
  bool MatchShortest(const ast::PatternPart& part, Row& row, const RowVisitor& visit);
  // Layered breadth-first search from both ends of a one-relationship pattern between two
  // distinct nodes; visits the (first or every) shortest route as a list of relationships.
  bool BidirectionalShortest(const ast::PatternPart& part, Row& row, NodeId from, NodeId to,
                             const std::function<bool(const std::vector<EdgeId>&)>& visit);
  std::vector<NodeId> Candidates(const ast::PatternPart& part, size_t index, const Row& row,
                                 const ast::Expr* where, std::string* how);
  // The node to start from, or with *how "RelationshipTypeScan" the relationship (its index)
  // whose scan by type starts the part.
  size_t ChooseStart(const ast::PatternPart& part, const Row& row, const ast::Expr* where,
                     std::string* how);
  int64_t match_multiplicity_ = 1;
  // Whether the next MatchPart call binds anonymous relationships (of parts without a path
  // variable) in the row: only when a later part of the same MATCH reads them. PushMatch sets
  // it per part; MatchPart reads it on entry and sets it back to true.
  bool bind_anonymous_ = true;
  bool count_disjoint_ = false;  // MatchPart's count_last need not subtract used relationships
  bool NodeMatches(const ast::NodePattern& np, NodeId id, Row& row, bool* bound_here);
  bool EdgeMatches(const ast::RelPattern& rp, EdgeId id, const Row& row);
  void BindPath(const ast::PatternPart& part, Row& row);
  // The expression `e` of a WHERE conjunct `id(n) = e` usable to seek node pattern `np`.
  const ast::Expr* IdValue(const ast::NodePattern& np, const ast::Expr* where, const Row& row);
  // The expression `e` of a WHERE conjunct `n.key = e` with `key` not indexed: the start
  // node's candidates are then read once per MATCH into a hash table on `key`.
  const ast::Expr* HashableValue(const ast::NodePattern& np, const ast::Expr* where,
                                 const Row& row, std::string* key);
  const ast::Expr* IndexableValue(const ast::NodePattern& np, const ast::Expr* where,
                                  const Row& row, std::string* key);

  RValue Eval(const ast::Expr& e, const Row& row, const AggregateValues* aggregates);
  RValue EvalFunction(const ast::Expr& e, const Row& row, const AggregateValues* aggregates);
  RValue AggregateValue(const ast::Expr& e, const AggregateValues* aggregates);
  RValue EvalBinary(const ast::Expr& e, const RValue& a, const RValue& b);
  RValue Property(const RValue& target, const std::string& key);
  bool Truthy(const ast::Expr& e, const Row& row);
  int64_t EvalCount(const ast::Expr* e, const char* what);

  const Node& GetNode(NodeId id);
  const Edge& GetEdge(EdgeId id);
  // The type name of a relationship value, from its EdgeRef when the scan read it.
  const std::string& EdgeType(const RValue& edge);
  NodeId EdgeEnd(const RValue& edge, bool start);
  // Relationship types as dictionary ids (cached per statement; writes clear the cache).
  // Sets *none when types were given and the store has none of them.
  std::vector<uint32_t> TypeIds(const std::vector<std::string>& types, bool* none);
  const std::string& TypeNameOf(uint32_t type_id);
  // Counts() of the reader, read once per statement (writes clear it).
  const storage::GraphCounts& Counts();
  void Invalidate() {
    node_cache_.clear();
    edge_cache_.clear();
    type_ids_.clear();
    counts_cache_.reset();
  }
  void Check(const Status& s);
  [[noreturn]] static void ThrowInterrupted();

  ResultValue ToResult(const RValue& v);
  Value PropertyValue(const RValue& v);

  void AddOp(const std::string& name, const std::string& detail);
  // Whether the plan's text is wanted (EXPLAIN, PROFILE): a plain run leaves details empty.
  bool Describing() const { return explain_only_ || profiling_; }

  storage::GraphReader* reader_;
  const std::atomic<bool>* interrupt_ = nullptr;
  storage::Transaction* txn_;
  const ValueMap& parameters_;
  std::unordered_map<NodeId, Node> node_cache_;
  std::unordered_map<EdgeId, Edge> edge_cache_;
  std::unordered_map<std::string, std::optional<uint32_t>> type_ids_;
  std::vector<std::string> type_names_;  // by id; "" not yet read
  std::optional<storage::GraphCounts> counts_cache_;
  bool profiling_ = false;
  // NodeHashJoin tables of the running MATCH: per node pattern and key, the candidates by
  // GroupKey of the property value.
  std::map<std::pair<const ast::NodePattern*, std::string>,
           std::unordered_map<std::string, std::vector<NodeId>>>
      hash_tables_;
  // Deleted entities stay readable for type(), labels() and the result, not for properties.
  std::unordered_map<NodeId, Node> node_tombstones_;
  std::unordered_map<EdgeId, Edge> edge_tombstones_;
  std::unordered_set<NodeId> deleted_nodes_;
  std::unordered_set<EdgeId> deleted_edges_;
  WriteCounts counts_;

  const ast::SingleQuery* current_query_ = nullptr;
  bool explain_only_ = false;
  std::vector<PlanOperator> plan_;
  // The plan operator of each MATCH pattern part's start (its expands follow it).
  std::unordered_map<const ast::PatternPart*, size_t> part_ops_;
};

}  // namespace kg::query
