// kg's own syntax tree for a statement, built from ANTLR's parse tree at once by
// parser.cpp so that nothing past the parser depends on generated code.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/graph_types.h"
#include "core/status.h"
#include "core/value.h"

namespace kg::query::ast {

struct Expr;
using ExprPtr = std::shared_ptr<Expr>;
struct PatternPart;

enum class ExprKind {
  kLiteral,        // literal
  kParameter,      // name
  kVariable,       // name
  kProperty,       // args[0].name
  kList,           // args
  kMap,            // keys[i]: args[i]
  kIndex,          // args[0][args[1]]
  kSlice,          // args[0][args[1]..args[2]] (null ExprPtr for an absent bound)
  kNot,            // args[0]
  kNegate,         // args[0]
  kBinary,         // args[0] op args[1]
  kCompareChain,   // args[0] ops[0] args[1] ops[1] args[2] ...
  kIsNull,         // args[0]
  kIsNotNull,      // args[0]
  kFunction,       // name(args), distinct
  kCountStar,      // count(*)
  kCase,           // args: [subject?] when/then pairs [else?]; has_subject, has_else
  kListComprehension,  // [name IN args[0] WHERE args[1] | args[2]] (null if absent)
  kQuantifier,     // name = ALL/ANY/NONE/SINGLE; variable in keys[0]; args: list, predicate
  kLabelTest,      // args[0] : labels
  kPatternPredicate,  // pattern
  kShortestPath,   // pattern (used as an expression)
};

enum class BinaryOp {
  kOr, kXor, kAnd,
  kEq, kNe, kLt, kGt, kLe, kGe,
  kAdd, kSub, kMul, kDiv, kMod, kPow,
  kStartsWith, kEndsWith, kContains, kRegex, kIn,
};

struct Expr {
  ExprKind kind = ExprKind::kLiteral;
  std::string text;  // the source text, used for column names
  SourceSpan span;
  size_t source_begin = 0;  // character offsets of the text in the statement
  size_t source_end = 0;
  Value literal;
  std::string name;
  std::string function;  // kFunction: `name` in lower case (empty when not set by the parser)
  BinaryOp op = BinaryOp::kAnd;
  std::vector<BinaryOp> ops;
  std::vector<ExprPtr> args;
  std::vector<std::string> keys;
  std::vector<std::string> labels;
  bool distinct = false;
  bool has_subject = false;
  bool has_else = false;
  std::shared_ptr<PatternPart> pattern;
};

struct NodePattern {
  std::string variable;  // generated ("  anonN") when the pattern names none
  bool anonymous = false;
  std::vector<std::string> labels;
  ExprPtr properties;  // map literal or parameter; may be null
  SourceSpan span;
};

struct RelPattern {
  std::string variable;
  bool anonymous = false;
  std::vector<std::string> types;
  Direction direction = Direction::kBoth;  // kOutgoing: left to right
  bool variable_length = false;
  int64_t min_hops = 1;
  int64_t max_hops = 1;  // -1: unbounded
  ExprPtr properties;
  SourceSpan span;
};

enum class PathKind { kNormal, kShortest, kAllShortest };

struct PatternPart {
  std::string path_variable;  // empty when unnamed
  PathKind kind = PathKind::kNormal;
  std::vector<NodePattern> nodes;  // nodes.size() == rels.size() + 1
  std::vector<RelPattern> rels;
  SourceSpan span;
};

struct ProjectionItem {
  ExprPtr expr;
  std::string alias;  // the column name: alias or the expression text
  bool has_alias = false;
};

struct SortItem {
  ExprPtr expr;
  bool descending = false;
};

struct Projection {
  bool distinct = false;
  bool star = false;
  std::vector<ProjectionItem> items;
  std::vector<SortItem> order;
  ExprPtr skip;
  ExprPtr limit;
  ExprPtr where;  // WITH ... WHERE
};

enum class SetKind { kProperty, kReplace, kMerge, kAddLabels, kRemoveProperty, kRemoveLabels };

struct SetItem {
  SetKind kind = SetKind::kProperty;
  ExprPtr target;  // kProperty / kRemoveProperty: the entity expression
  std::string key;
  std::string variable;
  std::vector<std::string> labels;
  ExprPtr value;
  SourceSpan span;
};

enum class ClauseKind {
  kMatch, kUnwind, kWith, kReturn, kCreate, kSet, kRemove, kDelete, kCall
};

// CALL ... YIELD field [AS variable]: the procedure's output `field` bound to `variable`.
struct YieldItem {
  std::string field;
  std::string variable;
  SourceSpan span;
};

struct Clause {
  ClauseKind kind = ClauseKind::kMatch;
  SourceSpan span;
  bool optional = false;                 // OPTIONAL MATCH
  std::vector<PatternPart> pattern;      // MATCH, CREATE
  ExprPtr where;                         // MATCH
  ExprPtr expr;                          // UNWIND
  std::string variable;                  // UNWIND
  Projection projection;                 // WITH, RETURN
  std::vector<SetItem> set_items;        // SET, REMOVE
  std::vector<ExprPtr> delete_exprs;     // DELETE
  bool detach = false;
  std::string procedure;                 // CALL: the dotted name as written
  std::vector<ExprPtr> arguments;        // CALL
  std::vector<YieldItem> yields;         // CALL; where holds YIELD ... WHERE
  bool has_yield = false;                // CALL: false yields every output (standalone only)
};

struct SingleQuery {
  std::vector<Clause> clauses;
};

struct Statement {
  bool explain = false;
  bool profile = false;
  std::vector<SingleQuery> parts;  // more than one: UNION
  std::vector<bool> union_all;     // between parts[i] and parts[i + 1]
};

}  // namespace kg::query::ast
