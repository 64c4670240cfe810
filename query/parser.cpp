#include "query/parser.h"

#include <cctype>
#include <climits>
#include <cmath>
#include <cstdlib>
#include <stdexcept>

#include "KGQueryLexer.h"
#include "KGQueryParser.h"
#include "antlr4-runtime.h"

namespace kg::query {

namespace {

using P = KGQueryParser;
using ast::Expr;
using ast::ExprKind;
using ast::ExprPtr;

// Thrown inside this file only; ParseStatement turns it into a Status.
struct ParseFailure {
  Status status;
};

class RecordingErrorListener : public antlr4::BaseErrorListener {
 public:
  void syntaxError(antlr4::Recognizer* /*recognizer*/, antlr4::Token* offending, size_t line,
                   size_t column, const std::string& msg, std::exception_ptr /*e*/) override {
    if (!first_.ok()) return;
    SourceSpan span{static_cast<int>(line), static_cast<int>(column) + 1, 1};
    std::string message;
    if (offending != nullptr) {
      if (offending->getType() == antlr4::Token::EOF) {
        message = "unexpected end of input";
        span.length = 0;
      } else {
        std::string text = offending->getText();
        // Columns count code points, as ANTLR does; so does the length.
        span.length = 0;
        for (unsigned char c : text) span.length += (c & 0xC0) != 0x80 ? 1 : 0;
        message = "unexpected '" + text + "'";
        auto pos = msg.find("expecting");
        if (pos != std::string::npos && msg.size() - pos < 80) message += ", " + msg.substr(pos);
      }
    } else {
      message = msg;  // a lexer error: "token recognition error at: '...'"
    }
    first_ = Status::SyntaxError(message, span);
  }

  const Status& first() const { return first_; }

 private:
  Status first_;
};

SourceSpan SpanOf(antlr4::ParserRuleContext* ctx) {
  antlr4::Token* start = ctx->getStart();
  antlr4::Token* stop = ctx->getStop();
  SourceSpan span{static_cast<int>(start->getLine()),
                  static_cast<int>(start->getCharPositionInLine()) + 1, 1};
  if (stop != nullptr && stop->getStopIndex() >= start->getStartIndex()) {
    span.length = static_cast<int>(stop->getStopIndex() - start->getStartIndex() + 1);
  }
  return span;
}

[[noreturn]] void Fail(antlr4::ParserRuleContext* ctx, std::string message,
                       std::string kind = "") {
  Status s = Status::SyntaxError(std::move(message), SpanOf(ctx));
  if (!kind.empty()) s = std::move(s).WithKind(std::move(kind));
  throw ParseFailure{std::move(s)};
}

void AppendUtf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

class Builder {
 public:
  explicit Builder(antlr4::CharStream* input) : input_(input) {}

  ast::Statement BuildStatement(P::StatementContext* ctx) {
    ast::Statement st;
    st.explain = ctx->EXPLAIN() != nullptr;
    st.profile = ctx->PROFILE() != nullptr;
    auto* q = ctx->query();
    for (auto* sq : q->singleQuery()) st.parts.push_back(BuildSingle(sq));
    // UNION [ALL] tokens sit between the single queries.
    for (size_t i = 0; i < q->children.size(); ++i) {
      auto* t = dynamic_cast<antlr4::tree::TerminalNode*>(q->children[i]);
      if (t == nullptr || t->getSymbol()->getType() != P::UNION) continue;
      bool all = false;
      if (i + 1 < q->children.size()) {
        auto* n = dynamic_cast<antlr4::tree::TerminalNode*>(q->children[i + 1]);
        all = n != nullptr && n->getSymbol()->getType() == P::ALL;
      }
      st.union_all.push_back(all);
    }
    return st;
  }

 private:
  std::string Text(antlr4::ParserRuleContext* ctx) {
    auto* start = ctx->getStart();
    auto* stop = ctx->getStop();
    if (stop == nullptr || stop->getStopIndex() < start->getStartIndex()) return "";
    return input_->getText(antlr4::misc::Interval(start->getStartIndex(), stop->getStopIndex()));
  }

  ExprPtr Make(ExprKind kind, antlr4::ParserRuleContext* ctx) {
    auto e = std::make_shared<Expr>();
    e->kind = kind;
    e->text = Text(ctx);
    e->span = SpanOf(ctx);
    e->source_begin = ctx->getStart()->getStartIndex();
    e->source_end = ctx->getStop() ? ctx->getStop()->getStopIndex() : e->source_begin;
    return e;
  }

  std::string Name(P::SymbolicNameContext* ctx) {
    if (ctx->EscapedSymbolicName() != nullptr) {
      std::string raw = ctx->getText();
      // `a``b` is a`b.
      std::string out;
      for (size_t i = 1; i + 1 < raw.size(); ++i) {
        if (raw[i] == '`' && i + 1 < raw.size() - 1 && raw[i + 1] == '`') ++i;
        out += raw[i];
      }
      return out;
    }
    return ctx->getText();
  }
  std::string Name(P::SchemaNameContext* ctx) {
    if (ctx->symbolicName() != nullptr) return Name(ctx->symbolicName());
    return ctx->getText();
  }
  std::string Name(P::VariableContext* ctx) { return Name(ctx->symbolicName()); }

  ast::SingleQuery BuildSingle(P::SingleQueryContext* ctx) {
    ast::SingleQuery q;
    for (auto* c : ctx->clause()) q.clauses.push_back(BuildClause(c));
    return q;
  }

  ast::Clause BuildClause(P::ClauseContext* ctx) {
    ast::Clause c;
    c.span = SpanOf(ctx);
    if (auto* m = ctx->matchClause()) {
      c.kind = ast::ClauseKind::kMatch;
      c.optional = m->OPTIONAL() != nullptr;
      c.pattern = BuildPattern(m->pattern());
      if (m->where()) c.where = BuildExpr(m->where()->expression());
    } else if (auto* u = ctx->unwindClause()) {
      c.kind = ast::ClauseKind::kUnwind;
      c.expr = BuildExpr(u->expression());
      c.variable = Name(u->variable());
    } else if (auto* w = ctx->withClause()) {
      c.kind = ast::ClauseKind::kWith;
      c.projection = BuildProjection(w->projectionBody());
      if (w->where()) c.projection.where = BuildExpr(w->where()->expression());
    } else if (auto* r = ctx->returnClause()) {
      c.kind = ast::ClauseKind::kReturn;
      c.projection = BuildProjection(r->projectionBody());
    } else if (auto* cr = ctx->createClause()) {
      c.kind = ast::ClauseKind::kCreate;
      c.pattern = BuildPattern(cr->pattern());
    } else if (auto* s = ctx->setClause()) {
      c.kind = ast::ClauseKind::kSet;
      for (auto* item : s->setItem()) c.set_items.push_back(BuildSetItem(item));
    } else if (auto* rm = ctx->removeClause()) {
      c.kind = ast::ClauseKind::kRemove;
      for (auto* item : rm->removeItem()) {
        ast::SetItem si;
        si.span = SpanOf(item);
        if (item->variable()) {
          si.kind = ast::SetKind::kRemoveLabels;
          si.variable = Name(item->variable());
          si.labels = Labels(item->nodeLabels());
        } else {
          si.kind = ast::SetKind::kRemoveProperty;
          SplitProperty(item->propertyExpression(), si);
        }
        c.set_items.push_back(std::move(si));
      }
    } else if (auto* d = ctx->deleteClause()) {
      c.kind = ast::ClauseKind::kDelete;
      c.detach = d->DETACH() != nullptr;
      for (auto* e : d->expression()) c.delete_exprs.push_back(BuildExpr(e));
    } else if (auto* call = ctx->callClause()) {
      c.kind = ast::ClauseKind::kCall;
      for (auto* part : call->procedureName()->symbolicName()) {
        c.procedure += (c.procedure.empty() ? "" : ".") + Name(part);
      }
      for (auto* e : call->expression()) c.arguments.push_back(BuildExpr(e));
      c.has_yield = call->YIELD() != nullptr;
      for (auto* item : call->yieldItem()) {
        ast::YieldItem y;
        y.field = Name(item->field);
        y.variable = item->variable() ? Name(item->variable()) : y.field;
        y.span = SpanOf(item);
        c.yields.push_back(std::move(y));
      }
      if (call->where()) c.where = BuildExpr(call->where()->expression());
    }
    return c;
  }

  // a.b.c: the target is a.b, the key c.
  void SplitProperty(P::PropertyExpressionContext* ctx, ast::SetItem& si) {
    ExprPtr target = BuildAtom(ctx->atom());
    auto lookups = ctx->propertyLookup();
    for (size_t i = 0; i + 1 < lookups.size(); ++i) {
      auto e = Make(ExprKind::kProperty, ctx);
      e->name = Name(lookups[i]->schemaName());
      e->args.push_back(target);
      target = e;
    }
    si.target = target;
    si.key = Name(lookups.back()->schemaName());
  }

  ast::SetItem BuildSetItem(P::SetItemContext* ctx) {
    ast::SetItem si;
    si.span = SpanOf(ctx);
    if (ctx->propertyExpression()) {
      si.kind = ast::SetKind::kProperty;
      SplitProperty(ctx->propertyExpression(), si);
      si.value = BuildExpr(ctx->expression());
      return si;
    }
    si.variable = Name(ctx->variable());
    if (ctx->nodeLabels()) {
      si.kind = ast::SetKind::kAddLabels;
      si.labels = Labels(ctx->nodeLabels());
      return si;
    }
    si.value = BuildExpr(ctx->expression());
    std::string op = ctx->children[1]->getText();
    si.kind = op == "+=" ? ast::SetKind::kMerge : ast::SetKind::kReplace;
    return si;
  }

  std::vector<std::string> Labels(P::NodeLabelsContext* ctx) {
    std::vector<std::string> out;
    if (ctx == nullptr) return out;
    for (auto* l : ctx->nodeLabel()) out.push_back(Name(l->schemaName()));
    return out;
  }

  ast::Projection BuildProjection(P::ProjectionBodyContext* ctx) {
    ast::Projection p;
    p.distinct = ctx->DISTINCT() != nullptr;
    auto* items = ctx->projectionItems();
    p.star = items->getStart()->getText() == "*";
    for (auto* item : items->projectionItem()) {
      ast::ProjectionItem pi;
      pi.expr = BuildExpr(item->expression());
      if (item->variable()) {
        pi.alias = Name(item->variable());
        pi.has_alias = true;
      } else {
        pi.alias = Text(item->expression());
      }
      p.items.push_back(std::move(pi));
    }
    if (ctx->order()) {
      for (auto* s : ctx->order()->sortItem()) {
        ast::SortItem si;
        si.expr = BuildExpr(s->expression());
        si.descending = s->DESC() != nullptr || s->DESCENDING() != nullptr;
        p.order.push_back(std::move(si));
      }
    }
    if (ctx->skip()) p.skip = BuildExpr(ctx->skip()->expression());
    if (ctx->limit()) p.limit = BuildExpr(ctx->limit()->expression());
    return p;
  }

  std::vector<ast::PatternPart> BuildPattern(P::PatternContext* ctx) {
    std::vector<ast::PatternPart> parts;
    for (auto* part : ctx->patternPart()) {
      ast::PatternPart pp;
      pp.span = SpanOf(part);
      if (part->variable()) pp.path_variable = Name(part->variable());
      BuildElement(part->patternElement(), pp);
      parts.push_back(std::move(pp));
    }
    return parts;
  }

  void BuildElement(P::PatternElementContext* ctx, ast::PatternPart& pp) {
    if (ctx->patternElement()) return BuildElement(ctx->patternElement(), pp);
    if (auto* sp = ctx->shortestPathPattern()) {
      pp.kind = sp->SHORTESTPATH() ? ast::PathKind::kShortest : ast::PathKind::kAllShortest;
      return BuildElement(sp->patternElement(), pp);
    }
    pp.nodes.push_back(BuildNode(ctx->nodePattern()));
    for (auto* chain : ctx->patternElementChain()) {
      pp.rels.push_back(BuildRel(chain->relationshipPattern()));
      pp.nodes.push_back(BuildNode(chain->nodePattern()));
    }
  }

  void BuildChain(P::NodePatternContext* first,
                  const std::vector<P::PatternElementChainContext*>& chains,
                  ast::PatternPart& pp) {
    pp.nodes.push_back(BuildNode(first));
    for (auto* chain : chains) {
      pp.rels.push_back(BuildRel(chain->relationshipPattern()));
      pp.nodes.push_back(BuildNode(chain->nodePattern()));
    }
  }

  std::string Anonymous() { return "  anon" + std::to_string(anon_counter_++); }

  ast::NodePattern BuildNode(P::NodePatternContext* ctx) {
    ast::NodePattern n;
    n.span = SpanOf(ctx);
    if (ctx->variable()) {
      n.variable = Name(ctx->variable());
    } else {
      n.variable = Anonymous();
      n.anonymous = true;
    }
    n.labels = Labels(ctx->nodeLabels());
    if (ctx->properties()) n.properties = BuildProperties(ctx->properties());
    return n;
  }

  ExprPtr BuildProperties(P::PropertiesContext* ctx) {
    if (ctx->mapLiteral()) return BuildMap(ctx->mapLiteral());
    return BuildParameter(ctx->parameter());
  }

  int64_t ParseHops(P::IntegerLiteralContext* ctx) {
    Value v = ParseInteger(ctx, false);
    return v.as_int();
  }

  ast::RelPattern BuildRel(P::RelationshipPatternContext* ctx) {
    ast::RelPattern r;
    r.span = SpanOf(ctx);
    bool left = ctx->leftArrow != nullptr;
    bool right = ctx->rightArrow != nullptr;
    r.direction = left == right ? Direction::kBoth
                                : (right ? Direction::kOutgoing : Direction::kIncoming);
    auto* d = ctx->relationshipDetail();
    if (d == nullptr || d->variable() == nullptr) {
      r.variable = Anonymous();
      r.anonymous = true;
    } else {
      r.variable = Name(d->variable());
    }
    if (d == nullptr) return r;
    if (auto* types = d->relationshipTypes()) {
      for (auto* t : types->schemaName()) r.types.push_back(Name(t));
    }
    if (auto* range = d->rangeLiteral()) {
      r.variable_length = true;
      r.min_hops = 1;
      r.max_hops = -1;
      if (range->dots == nullptr) {
        if (range->lower) r.min_hops = r.max_hops = ParseHops(range->lower);
      } else {
        if (range->lower) r.min_hops = ParseHops(range->lower);
        if (range->upper) r.max_hops = ParseHops(range->upper);
      }
    }
    if (d->properties()) r.properties = BuildProperties(d->properties());
    return r;
  }

  // ---- expressions ----

  ExprPtr BuildExpr(P::ExpressionContext* ctx) { return BuildOr(ctx->orExpression()); }

  ExprPtr Binary(ast::BinaryOp op, ExprPtr a, ExprPtr b, antlr4::ParserRuleContext* ctx) {
    auto e = Make(ExprKind::kBinary, ctx);
    e->op = op;
    // The text of this operation alone: a left-nested "a + b" inside "a + b + c".
    e->source_begin = a->source_begin;
    e->source_end = b->source_end;
    if (e->source_end >= e->source_begin) {
      e->text = input_->getText(antlr4::misc::Interval(e->source_begin, e->source_end));
    }
    e->span = a->span;
    e->span.length = static_cast<int>(e->source_end - e->source_begin + 1);
    e->args = {std::move(a), std::move(b)};
    return e;
  }

  ExprPtr BuildOr(P::OrExpressionContext* ctx) {
    auto parts = ctx->xorExpression();
    ExprPtr e = BuildXor(parts[0]);
    for (size_t i = 1; i < parts.size(); ++i) {
      e = Binary(ast::BinaryOp::kOr, e, BuildXor(parts[i]), ctx);
    }
    return e;
  }
  ExprPtr BuildXor(P::XorExpressionContext* ctx) {
    auto parts = ctx->andExpression();
    ExprPtr e = BuildAnd(parts[0]);
    for (size_t i = 1; i < parts.size(); ++i) {
      e = Binary(ast::BinaryOp::kXor, e, BuildAnd(parts[i]), ctx);
    }
    return e;
  }
  ExprPtr BuildAnd(P::AndExpressionContext* ctx) {
    auto parts = ctx->notExpression();
    ExprPtr e = BuildNot(parts[0]);
    for (size_t i = 1; i < parts.size(); ++i) {
      e = Binary(ast::BinaryOp::kAnd, e, BuildNot(parts[i]), ctx);
    }
    return e;
  }
  ExprPtr BuildNot(P::NotExpressionContext* ctx) {
    ExprPtr e = BuildComparison(ctx->comparisonExpression());
    for (size_t i = 0; i < ctx->NOT().size(); ++i) {
      auto n = Make(ExprKind::kNot, ctx);
      n->args.push_back(e);
      e = n;
    }
    return e;
  }

  static ast::BinaryOp ComparisonOp(const std::string& s) {
    if (s == "=") return ast::BinaryOp::kEq;
    if (s == "<>") return ast::BinaryOp::kNe;
    if (s == "<") return ast::BinaryOp::kLt;
    if (s == ">") return ast::BinaryOp::kGt;
    if (s == "<=") return ast::BinaryOp::kLe;
    return ast::BinaryOp::kGe;
  }

  ExprPtr BuildComparison(P::ComparisonExpressionContext* ctx) {
    ExprPtr first = BuildPredicate(ctx->predicateExpression());
    auto partials = ctx->partialComparison();
    if (partials.empty()) return first;
    if (partials.size() == 1) {
      return Binary(ComparisonOp(partials[0]->comparisonOperator()->getText()), first,
                    BuildPredicate(partials[0]->predicateExpression()), ctx);
    }
    auto e = Make(ExprKind::kCompareChain, ctx);
    e->args.push_back(first);
    for (auto* p : partials) {
      e->ops.push_back(ComparisonOp(p->comparisonOperator()->getText()));
      e->args.push_back(BuildPredicate(p->predicateExpression()));
    }
    return e;
  }

  ExprPtr BuildPredicate(P::PredicateExpressionContext* ctx) {
    ExprPtr e = BuildAdd(ctx->addOrSubtractExpression());
    for (auto* suffix : ctx->predicateSuffix()) {
      if (auto* s = dynamic_cast<P::StartsWithContext*>(suffix)) {
        e = Binary(ast::BinaryOp::kStartsWith, e, BuildAdd(s->addOrSubtractExpression()), ctx);
      } else if (auto* s = dynamic_cast<P::EndsWithContext*>(suffix)) {
        e = Binary(ast::BinaryOp::kEndsWith, e, BuildAdd(s->addOrSubtractExpression()), ctx);
      } else if (auto* s = dynamic_cast<P::ContainsContext*>(suffix)) {
        e = Binary(ast::BinaryOp::kContains, e, BuildAdd(s->addOrSubtractExpression()), ctx);
      } else if (auto* s = dynamic_cast<P::RegexMatchContext*>(suffix)) {
        e = Binary(ast::BinaryOp::kRegex, e, BuildAdd(s->addOrSubtractExpression()), ctx);
      } else if (auto* s = dynamic_cast<P::InListContext*>(suffix)) {
        e = Binary(ast::BinaryOp::kIn, e, BuildAdd(s->addOrSubtractExpression()), ctx);
      } else {
        bool is_null = dynamic_cast<P::IsNullContext*>(suffix) != nullptr;
        auto n = Make(is_null ? ExprKind::kIsNull : ExprKind::kIsNotNull, ctx);
        n->args.push_back(e);
        e = n;
      }
    }
    return e;
  }

  ExprPtr BuildAdd(P::AddOrSubtractExpressionContext* ctx) {
    auto parts = ctx->multiplyDivideModuloExpression();
    auto ops = ctx->addOrSubtractOperator();
    ExprPtr e = BuildMul(parts[0]);
    for (size_t i = 1; i < parts.size(); ++i) {
      auto op = ops[i - 1]->getText() == "+" ? ast::BinaryOp::kAdd : ast::BinaryOp::kSub;
      e = Binary(op, e, BuildMul(parts[i]), ctx);
    }
    return e;
  }
  ExprPtr BuildMul(P::MultiplyDivideModuloExpressionContext* ctx) {
    auto parts = ctx->powerOfExpression();
    auto ops = ctx->multiplyOperator();
    ExprPtr e = BuildPow(parts[0]);
    for (size_t i = 1; i < parts.size(); ++i) {
      std::string o = ops[i - 1]->getText();
      auto op = o == "*" ? ast::BinaryOp::kMul
                         : (o == "/" ? ast::BinaryOp::kDiv : ast::BinaryOp::kMod);
      e = Binary(op, e, BuildPow(parts[i]), ctx);
    }
    return e;
  }
  ExprPtr BuildPow(P::PowerOfExpressionContext* ctx) {
    auto parts = ctx->unaryExpression();
    ExprPtr e = BuildUnary(parts[0]);
    for (size_t i = 1; i < parts.size(); ++i) {
      e = Binary(ast::BinaryOp::kPow, e, BuildUnary(parts[i]), ctx);
    }
    return e;
  }

  // The integer literal under a unary minus, if the operand is nothing else.
  static P::IntegerLiteralContext* BareInteger(P::UnaryExpressionContext* ctx) {
    auto* pf = ctx->postfixExpression();
    if (pf == nullptr || !pf->postfixOperator().empty() || pf->nodeLabels()) return nullptr;
    auto* lit = pf->atom()->literal();
    if (lit == nullptr || lit->numberLiteral() == nullptr) return nullptr;
    return lit->numberLiteral()->integerLiteral();
  }

  ExprPtr BuildUnary(P::UnaryExpressionContext* ctx) {
    if (ctx->postfixExpression()) return BuildPostfix(ctx->postfixExpression());
    bool minus = ctx->getStart()->getText() == "-";
    if (minus) {
      if (auto* integer = BareInteger(ctx->unaryExpression())) {
        auto e = Make(ExprKind::kLiteral, ctx);
        e->literal = ParseInteger(integer, true);
        return e;
      }
    }
    ExprPtr operand = BuildUnary(ctx->unaryExpression());
    if (!minus) return operand;
    auto e = Make(ExprKind::kNegate, ctx);
    e->args.push_back(operand);
    return e;
  }

  ExprPtr BuildPostfix(P::PostfixExpressionContext* ctx) {
    ExprPtr e = BuildAtom(ctx->atom());
    for (auto* op : ctx->postfixOperator()) {
      if (auto* idx = dynamic_cast<P::ListIndexContext*>(op)) {
        auto n = Make(ExprKind::kIndex, ctx);
        n->args = {e, BuildExpr(idx->expression())};
        e = n;
      } else if (auto* sl = dynamic_cast<P::ListSliceContext*>(op)) {
        auto n = Make(ExprKind::kSlice, ctx);
        n->args = {e, sl->from ? BuildExpr(sl->from) : nullptr,
                   sl->to ? BuildExpr(sl->to) : nullptr};
        e = n;
      } else {
        auto* po = dynamic_cast<P::PropertyOperatorContext*>(op);
        auto n = Make(ExprKind::kProperty, ctx);
        n->name = Name(po->propertyLookup()->schemaName());
        n->args = {e};
        e = n;
      }
    }
    if (ctx->nodeLabels()) {
      auto n = Make(ExprKind::kLabelTest, ctx);
      n->args = {e};
      n->labels = Labels(ctx->nodeLabels());
      e = n;
    }
    return e;
  }

  ExprPtr BuildParameter(P::ParameterContext* ctx) {
    auto e = Make(ExprKind::kParameter, ctx);
    e->name = ctx->symbolicName() ? Name(ctx->symbolicName()) : ctx->DecimalInteger()->getText();
    return e;
  }

  ExprPtr BuildMap(P::MapLiteralContext* ctx) {
    auto e = Make(ExprKind::kMap, ctx);
    for (auto* entry : ctx->mapEntry()) {
      e->keys.push_back(Name(entry->schemaName()));
      e->args.push_back(BuildExpr(entry->expression()));
    }
    return e;
  }

  ExprPtr BuildAtom(P::AtomContext* ctx) {
    if (auto* lit = ctx->literal()) return BuildLiteral(lit);
    if (auto* p = ctx->parameter()) return BuildParameter(p);
    if (auto* c = ctx->caseExpression()) {
      auto e = Make(ExprKind::kCase, ctx);
      if (c->subject) {
        e->has_subject = true;
        e->args.push_back(BuildExpr(c->subject));
      }
      for (auto* alt : c->caseAlternative()) {
        e->args.push_back(BuildExpr(alt->expression(0)));
        e->args.push_back(BuildExpr(alt->expression(1)));
      }
      if (c->elseExpr) {
        e->has_else = true;
        e->args.push_back(BuildExpr(c->elseExpr));
      }
      return e;
    }
    if (ctx->COUNT()) return Make(ExprKind::kCountStar, ctx);
    if (auto* lc = ctx->listComprehension()) {
      auto e = Make(ExprKind::kListComprehension, ctx);
      e->name = Name(lc->variable());
      e->args = {BuildExpr(lc->expression(0)), lc->where_ ? BuildExpr(lc->where_) : nullptr,
                 lc->projection ? BuildExpr(lc->projection) : nullptr};
      return e;
    }
    if (auto* q = ctx->quantifier()) {
      auto e = Make(ExprKind::kQuantifier, ctx);
      e->name = q->getStart()->getText();
      for (auto& ch : e->name) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      e->keys.push_back(Name(q->variable()));
      auto exprs = q->expression();
      e->args.push_back(BuildExpr(exprs[0]));
      e->args.push_back(exprs.size() > 1 ? BuildExpr(exprs[1]) : nullptr);
      return e;
    }
    if (auto* pp = ctx->patternPredicate()) {
      auto e = Make(ExprKind::kPatternPredicate, ctx);
      e->pattern = std::make_shared<ast::PatternPart>();
      e->pattern->span = SpanOf(pp);
      BuildChain(pp->nodePattern(), pp->patternElementChain(), *e->pattern);
      return e;
    }
    if (ctx->expression()) {
      ExprPtr inner = BuildExpr(ctx->expression());
      inner->text = Text(ctx);  // "(n:Foo)" names its column with the parentheses
      inner->source_begin = ctx->getStart()->getStartIndex();
      inner->source_end = ctx->getStop()->getStopIndex();
      return inner;
    }
    if (auto* f = ctx->functionInvocation()) {
      auto e = Make(ExprKind::kFunction, ctx);
      e->name = f->functionName()->getText();
      e->function = e->name;
      for (auto& c : e->function) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      e->distinct = f->DISTINCT() != nullptr;
      for (auto* a : f->expression()) e->args.push_back(BuildExpr(a));
      return e;
    }
    if (auto* sp = ctx->shortestPathPattern()) {
      auto e = Make(ExprKind::kShortestPath, ctx);
      e->pattern = std::make_shared<ast::PatternPart>();
      e->pattern->kind = sp->SHORTESTPATH() ? ast::PathKind::kShortest : ast::PathKind::kAllShortest;
      BuildElement(sp->patternElement(), *e->pattern);
      return e;
    }
    auto e = Make(ExprKind::kVariable, ctx);
    e->name = Name(ctx->variable());
    return e;
  }

  Value ParseInteger(P::IntegerLiteralContext* ctx, bool negative) {
    std::string text = ctx->getText();
    int base = 10;
    size_t start = 0;
    if (ctx->HexInteger()) {
      base = 16;
      start = 2;
    } else if (ctx->OctalInteger()) {
      base = 8;
      start = 2;
    }
    uint64_t acc = 0;
    const uint64_t limit = negative ? static_cast<uint64_t>(INT64_MAX) + 1
                                    : static_cast<uint64_t>(INT64_MAX);
    for (size_t i = start; i < text.size(); ++i) {
      char c = static_cast<char>(std::tolower(static_cast<unsigned char>(text[i])));
      uint64_t digit = static_cast<uint64_t>(c >= 'a' ? c - 'a' + 10 : c - '0');
      if (__builtin_mul_overflow(acc, static_cast<uint64_t>(base), &acc) ||
          __builtin_add_overflow(acc, digit, &acc) || acc > limit) {
        Fail(ctx, "integer literal '" + text + "' is too large", "IntegerOverflow");
      }
    }
    if (negative) {
      if (acc == static_cast<uint64_t>(INT64_MAX) + 1) return Value(INT64_MIN);
      return Value(-static_cast<int64_t>(acc));
    }
    return Value(static_cast<int64_t>(acc));
  }

  std::string ParseString(antlr4::tree::TerminalNode* node, antlr4::ParserRuleContext* ctx) {
    std::string raw = node->getText();
    std::string out;
    for (size_t i = 1; i + 1 < raw.size(); ++i) {
      char c = raw[i];
      if (c != '\\') {
        out += c;
        continue;
      }
      char n = raw[++i];
      switch (n) {
        case 't': out += '\t'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case '\\': out += '\\'; break;
        case '\'': out += '\''; break;
        case '"': out += '"'; break;
        case 'u':
        case 'U': {
          size_t digits = n == 'u' ? 4 : 8;
          if (i + digits >= raw.size()) Fail(ctx, "invalid unicode escape", "InvalidUnicodeLiteral");
          std::string hex = raw.substr(i + 1, digits);
          for (char h : hex) {
            if (!std::isxdigit(static_cast<unsigned char>(h))) {
              Fail(ctx, "invalid unicode escape", "InvalidUnicodeLiteral");
            }
          }
          AppendUtf8(out, static_cast<uint32_t>(std::strtoul(hex.c_str(), nullptr, 16)));
          i += digits;
          break;
        }
        default:
          out += '\\';
          out += n;
      }
    }
    return out;
  }

  ExprPtr BuildLiteral(P::LiteralContext* ctx) {
    auto e = Make(ExprKind::kLiteral, ctx);
    if (auto* n = ctx->numberLiteral()) {
      if (n->integerLiteral()) {
        e->literal = ParseInteger(n->integerLiteral(), false);
      } else {
        std::string text = n->getText();
        double d = std::strtod(text.c_str(), nullptr);
        if (std::isinf(d)) Fail(ctx, "float literal '" + text + "' is too large",
                                "FloatingPointOverflow");
        e->literal = Value(d);
      }
    } else if (ctx->StringLiteral()) {
      e->literal = Value(ParseString(ctx->StringLiteral(), ctx));
    } else if (ctx->TRUE()) {
      e->literal = Value(true);
    } else if (ctx->FALSE()) {
      e->literal = Value(false);
    } else if (ctx->NULL_()) {
      e->literal = Value();
    } else if (ctx->mapLiteral()) {
      return BuildMap(ctx->mapLiteral());
    } else if (auto* list = ctx->listLiteral()) {
      auto l = Make(ExprKind::kList, ctx);
      for (auto* item : list->expression()) l->args.push_back(BuildExpr(item));
      return l;
    }
    return e;
  }

  antlr4::CharStream* input_;
  int anon_counter_ = 0;
};

}  // namespace

Result<ast::Statement> ParseStatement(std::string_view text) {
  try {
    antlr4::ANTLRInputStream input(std::string(text.data(), text.size()));
    KGQueryLexer lexer(&input);
    RecordingErrorListener listener;
    lexer.removeErrorListeners();
    lexer.addErrorListener(&listener);
    antlr4::CommonTokenStream tokens(&lexer);
    KGQueryParser parser(&tokens);
    parser.removeErrorListeners();
    parser.addErrorListener(&listener);
    // SLL first (fast); on failure retry with full LL for the precise error.
    parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
        antlr4::atn::PredictionMode::SLL);
    auto* tree = parser.statement();
    if (!listener.first().ok()) {
      tokens.seek(0);
      parser.reset();
      RecordingErrorListener ll_listener;
      parser.removeErrorListeners();
      parser.addErrorListener(&ll_listener);
      parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
          antlr4::atn::PredictionMode::LL);
      tree = parser.statement();
      if (!ll_listener.first().ok()) return ll_listener.first();
      if (!listener.first().ok() && listener.first().message().find("token recognition") !=
                                        std::string::npos) {
        return listener.first();
      }
    }
    Builder builder(&input);
    return builder.BuildStatement(tree);
  } catch (ParseFailure& failure) {
    return failure.status;
  } catch (std::exception& e) {
    return Status::SyntaxError(std::string("cannot parse statement: ") + e.what());
  }
}

std::vector<std::string> LexerKeywords() {
  std::vector<std::string> out;
  antlr4::ANTLRInputStream input("");
  KGQueryLexer lexer(&input);
  const auto& vocabulary = lexer.getVocabulary();
  for (size_t t = 1; t <= vocabulary.getMaxTokenType(); ++t) {
    std::string name = vocabulary.getSymbolicName(t);
    if (name.empty() || std::isupper(static_cast<unsigned char>(name[0])) == 0) continue;
    bool keyword = true;
    for (char c : name) {
      if (!(std::isupper(static_cast<unsigned char>(c)) || c == '_')) keyword = false;
    }
    if (!keyword || name == "UNKNOWN_CHAR" || name == "WHITESPACE" || name == "LINE_COMMENT" ||
        name == "BLOCK_COMMENT") {
      continue;
    }
    if (name.back() == '_') name.pop_back();  // SKIP_, NULL_: named so to dodge C++ macros
    out.push_back(name);
  }
  return out;
}

}  // namespace kg::query
