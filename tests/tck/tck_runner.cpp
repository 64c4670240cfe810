// Runs openCypher TCK .feature files against kg: every in-subset scenario (SUBSET.tsv in
// the folder, when present) on a fresh temporary store; prints one PASS/FAIL line per
// scenario and finally "N passed, M failed".
//
//   tck_runner FOLDER [--subset FILE | --all] [--filter TEXT] [--min-pass-rate R] [--verbose]
//
// Exit status: 0 when the pass rate reaches --min-pass-rate (default 1.0), else 1.
//
// Comparison follows the TCK (values, lists, maps, nodes, relationships, paths; any order or
// in order; side effects as the difference of graph states; error detail names), with two
// kg conventions: relationship types compare after CanonicalRelationshipType ('_' reads as
// '-', the store keeps hyphens), and a parse error stands for an expected compile-time
// SyntaxError of any detail (counted and reported at the end).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/schema.h"
#include "core/status.h"
#include "core/value.h"
#include "query/engine.h"
#include "storage/store.h"

namespace fs = std::filesystem;

namespace {

// ---------------------------------------------------------------- Gherkin

struct Step {
  std::string keyword;  // Given / When / Then / And / But
  std::string text;
  std::string doc;                              // """ block
  std::vector<std::vector<std::string>> table;  // | a | b | rows
};

struct Scenario {
  std::string file;  // relative to the TCK folder
  int line = 0;
  std::string title;
  int example = -1;  // index of the Examples row, -1 for a plain scenario
  std::vector<Step> steps;
};

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

std::vector<std::string> SplitRow(const std::string& line) {
  std::vector<std::string> cells;
  std::string t = Trim(line);
  // Cells are separated by unescaped '|'.
  std::string cell;
  for (size_t i = 1; i < t.size(); ++i) {
    char c = t[i];
    if (c == '\\' && i + 1 < t.size() && t[i + 1] == '|') {
      cell += '|';
      ++i;
    } else if (c == '|') {
      cells.push_back(Trim(cell));
      cell.clear();
    } else {
      cell += c;
    }
  }
  return cells;
}

std::string Substitute(std::string s, const std::map<std::string, std::string>& values) {
  for (const auto& [k, v] : values) {
    std::string pattern = "<" + k + ">";
    for (size_t pos = 0; (pos = s.find(pattern, pos)) != std::string::npos; pos += v.size()) {
      s.replace(pos, pattern.size(), v);
    }
  }
  return s;
}

std::vector<Scenario> ParseFeature(const fs::path& path, const std::string& relative) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  std::vector<Scenario> out;
  Scenario current;
  bool in_scenario = false, outline = false, in_background = false;
  std::vector<Step> background;
  std::vector<std::string> header;
  bool in_examples = false;
  int example_index = 0;
  auto flush = [&]() {
    if (in_background) {
      background = current.steps;
    } else if (in_scenario && !outline) {
      out.push_back(current);
    }
    in_scenario = false;
    in_background = false;
  };
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string t = Trim(lines[i]);
    if (t.empty() || t[0] == '#' || t[0] == '@') continue;
    if (t.rfind("Background:", 0) == 0) {
      flush();
      current = Scenario();
      in_background = true;
      in_scenario = true;
      outline = false;
      in_examples = false;
      continue;
    }
    if (t.rfind("Scenario Outline:", 0) == 0 || t.rfind("Scenario:", 0) == 0) {
      flush();
      current = Scenario();
      current.steps = background;
      current.file = relative;
      current.line = static_cast<int>(i + 1);
      outline = t.rfind("Scenario Outline:", 0) == 0;
      current.title = Trim(t.substr(t.find(':') + 1));
      in_scenario = true;
      in_examples = false;
      header.clear();
      example_index = 0;
      continue;
    }
    if (!in_scenario) continue;
    if (t.rfind("Examples:", 0) == 0) {
      in_examples = true;
      header.clear();
      continue;
    }
    if (in_examples) {
      if (t[0] != '|') continue;
      auto cells = SplitRow(t);
      if (header.empty()) {
        header = cells;
        continue;
      }
      std::map<std::string, std::string> values;
      for (size_t c = 0; c < header.size() && c < cells.size(); ++c) values[header[c]] = cells[c];
      Scenario instance = current;
      instance.example = example_index++;
      for (auto& step : instance.steps) {
        step.text = Substitute(step.text, values);
        step.doc = Substitute(step.doc, values);
        for (auto& row : step.table) {
          for (auto& cell : row) cell = Substitute(cell, values);
        }
      }
      out.push_back(std::move(instance));
      continue;
    }
    if (t.rfind("\"\"\"", 0) == 0) {
      // Doc string: strip the indentation of the opening quotes.
      size_t indent = lines[i].find("\"\"\"");
      std::string doc;
      for (++i; i < lines.size(); ++i) {
        if (Trim(lines[i]).rfind("\"\"\"", 0) == 0) break;
        std::string l = lines[i];
        l = l.size() >= indent ? l.substr(std::min(indent, l.find_first_not_of(' ') == std::string::npos ? l.size() : std::min(indent, l.find_first_not_of(' ')))) : Trim(l);
        doc += l + "\n";
      }
      if (!current.steps.empty()) current.steps.back().doc = doc;
      continue;
    }
    if (t[0] == '|') {
      if (!current.steps.empty()) current.steps.back().table.push_back(SplitRow(t));
      continue;
    }
    for (const char* kw : {"Given ", "When ", "Then ", "And ", "But "}) {
      if (t.rfind(kw, 0) == 0) {
        Step step;
        step.keyword = Trim(kw);
        step.text = Trim(t.substr(std::string(kw).size()));
        current.steps.push_back(std::move(step));
        break;
      }
    }
  }
  flush();
  return out;
}

// ---------------------------------------------------------------- TCK values

// A value as the TCK writes it, reduced to a canonical string for comparison.
struct TValue {
  enum class Kind { kNull, kBool, kInt, kFloat, kString, kList, kMap, kNode, kEdge, kPath };
  Kind kind = Kind::kNull;
  std::string scalar;                 // canonical scalar text, label / type
  std::vector<std::string> labels;    // node labels (sorted)
  std::vector<TValue> items;          // list items; path elements (node, edge, node, ...)
  std::map<std::string, TValue> map;  // map entries; node / edge properties
  bool forward = true;                // path edges: written -[]-> (true) or <-[]- (false)
};

std::string QuoteString(const std::string& s) { return kg::Value(s).ToCypher(); }

std::string Canonical(const TValue& v, bool sort_lists) {
  switch (v.kind) {
    case TValue::Kind::kNull:
    case TValue::Kind::kBool:
    case TValue::Kind::kInt:
    case TValue::Kind::kFloat: return v.scalar;
    case TValue::Kind::kString: return QuoteString(v.scalar);
    case TValue::Kind::kList: {
      std::vector<std::string> items;
      for (const auto& i : v.items) items.push_back(Canonical(i, sort_lists));
      if (sort_lists) std::sort(items.begin(), items.end());
      std::string s = "[";
      for (size_t i = 0; i < items.size(); ++i) s += (i ? ", " : "") + items[i];
      return s + "]";
    }
    case TValue::Kind::kMap: {
      std::string s = "{";
      bool first = true;
      for (const auto& [k, i] : v.map) {
        s += (first ? "" : ", ") + k + ": " + Canonical(i, sort_lists);
        first = false;
      }
      return s + "}";
    }
    case TValue::Kind::kNode: {
      std::string s = "(";
      for (const auto& l : v.labels) s += ":" + l;
      if (!v.map.empty()) {
        TValue m;
        m.kind = TValue::Kind::kMap;
        m.map = v.map;
        s += " " + Canonical(m, sort_lists);
      }
      return s + ")";
    }
    case TValue::Kind::kEdge: {
      std::string s = "[:" + v.scalar;
      if (!v.map.empty()) {
        TValue m;
        m.kind = TValue::Kind::kMap;
        m.map = v.map;
        s += " " + Canonical(m, sort_lists);
      }
      return s + "]";
    }
    case TValue::Kind::kPath: {
      std::string s = "<";
      for (size_t i = 0; i < v.items.size(); ++i) {
        const TValue& item = v.items[i];
        if (item.kind == TValue::Kind::kEdge) {
          s += item.forward ? "-" + Canonical(item, sort_lists) + "->"
                            : "<-" + Canonical(item, sort_lists) + "-";
        } else {
          s += Canonical(item, sort_lists);
        }
      }
      return s + ">";
    }
  }
  return "";
}

class TckValueParser {
 public:
  explicit TckValueParser(std::string text) : s_(std::move(text)) {}

  std::optional<TValue> Parse() {
    try {
      TValue v = ParseValue();
      Skip();
      if (pos_ != s_.size()) return std::nullopt;
      return v;
    } catch (...) {
      return std::nullopt;
    }
  }

 private:
  void Skip() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  }
  bool Eat(char c) {
    Skip();
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  void Expect(char c) {
    if (!Eat(c)) throw std::runtime_error("expected char");
  }
  std::string Name() {
    Skip();
    if (pos_ < s_.size() && s_[pos_] == '`') {
      size_t end = s_.find('`', pos_ + 1);
      std::string n = s_.substr(pos_ + 1, end - pos_ - 1);
      pos_ = end + 1;
      return n;
    }
    size_t start = pos_;
    while (pos_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[pos_])) ||
                                s_[pos_] == '_' || static_cast<unsigned char>(s_[pos_]) >= 0x80)) {
      ++pos_;
    }
    if (start == pos_) throw std::runtime_error("expected name");
    return s_.substr(start, pos_ - start);
  }
  std::map<std::string, TValue> Map() {
    std::map<std::string, TValue> m;
    Expect('{');
    if (Eat('}')) return m;
    do {
      std::string k = Name();
      Expect(':');
      m[k] = ParseValue();
    } while (Eat(','));
    Expect('}');
    return m;
  }
  TValue Node() {
    TValue v;
    v.kind = TValue::Kind::kNode;
    Expect('(');
    while (Eat(':')) v.labels.push_back(Name());
    std::sort(v.labels.begin(), v.labels.end());
    Skip();
    if (pos_ < s_.size() && s_[pos_] == '{') v.map = Map();
    Expect(')');
    return v;
  }
  TValue Edge() {
    TValue v;
    v.kind = TValue::Kind::kEdge;
    Expect('[');
    Expect(':');
    v.scalar = kg::CanonicalRelationshipType(Name());
    Skip();
    if (pos_ < s_.size() && s_[pos_] == '{') v.map = Map();
    Expect(']');
    return v;
  }
  TValue ParseValue() {
    Skip();
    if (pos_ >= s_.size()) throw std::runtime_error("end");
    char c = s_[pos_];
    TValue v;
    if (c == '(') return Node();
    if (c == '<') {
      ++pos_;
      v.kind = TValue::Kind::kPath;
      v.items.push_back(Node());
      for (;;) {
        Skip();
        if (Eat('>')) break;
        bool backward = Eat('<');
        Expect('-');
        TValue e = Edge();
        Expect('-');
        bool forward = Eat('>');
        e.forward = forward && !backward;
        v.items.push_back(e);
        v.items.push_back(Node());
      }
      return v;
    }
    if (c == '[') {
      size_t save = pos_;
      ++pos_;
      Skip();
      if (pos_ < s_.size() && s_[pos_] == ':') {
        pos_ = save;
        return Edge();
      }
      v.kind = TValue::Kind::kList;
      if (Eat(']')) return v;
      do {
        v.items.push_back(ParseValue());
      } while (Eat(','));
      Expect(']');
      return v;
    }
    if (c == '{') {
      v.kind = TValue::Kind::kMap;
      v.map = Map();
      return v;
    }
    if (c == '\'' || c == '"') {
      char quote = c;
      ++pos_;
      std::string out;
      while (pos_ < s_.size() && s_[pos_] != quote) {
        if (s_[pos_] == '\\' && pos_ + 1 < s_.size()) {
          char n = s_[++pos_];
          switch (n) {
            case 'n': out += '\n'; break;
            case 't': out += '\t'; break;
            case 'r': out += '\r'; break;
            default: out += n;
          }
          ++pos_;
          continue;
        }
        out += s_[pos_++];
      }
      Expect(quote);
      v.kind = TValue::Kind::kString;
      v.scalar = out;
      return v;
    }
    auto word = [&](const char* w) {
      size_t n = std::string(w).size();
      if (s_.compare(pos_, n, w) == 0) {
        pos_ += n;
        return true;
      }
      return false;
    };
    if (word("null")) return v;
    if (word("true") || word("false")) {
      v.kind = TValue::Kind::kBool;
      v.scalar = s_[pos_ - 1] == 'e' && s_.compare(pos_ - 4, 4, "true") == 0 ? "true" : "false";
      return v;
    }
    if (word("NaN")) {
      v.kind = TValue::Kind::kFloat;
      v.scalar = "NaN";
      return v;
    }
    size_t start = pos_;
    if (s_[pos_] == '-' || s_[pos_] == '+') ++pos_;
    if (word("Infinity")) {
      v.kind = TValue::Kind::kFloat;
      v.scalar = s_[start] == '-' ? "-Infinity" : "Infinity";
      return v;
    }
    while (pos_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[pos_])) ||
                                s_[pos_] == '.' ||
                                ((s_[pos_] == '-' || s_[pos_] == '+') &&
                                 (s_[pos_ - 1] == 'e' || s_[pos_ - 1] == 'E')))) {
      ++pos_;
    }
    std::string num = s_.substr(start, pos_ - start);
    if (num.empty()) throw std::runtime_error("bad value");
    if (num.find_first_of(".eE") == std::string::npos) {
      v.kind = TValue::Kind::kInt;
      v.scalar = std::to_string(std::stoll(num));
    } else {
      v.kind = TValue::Kind::kFloat;
      v.scalar = kg::FormatFloat(std::stod(num));
    }
    return v;
  }

  std::string s_;
  size_t pos_ = 0;
};

TValue FromValue(const kg::Value& value) {
  TValue v;
  switch (value.type()) {
    case kg::Value::Type::kNull: break;
    case kg::Value::Type::kBool:
      v.kind = TValue::Kind::kBool;
      v.scalar = value.as_bool() ? "true" : "false";
      break;
    case kg::Value::Type::kInt:
      v.kind = TValue::Kind::kInt;
      v.scalar = std::to_string(value.as_int());
      break;
    case kg::Value::Type::kFloat:
      v.kind = TValue::Kind::kFloat;
      v.scalar = kg::FormatFloat(value.as_float());
      break;
    case kg::Value::Type::kString:
      v.kind = TValue::Kind::kString;
      v.scalar = value.as_string();
      break;
    case kg::Value::Type::kList:
      v.kind = TValue::Kind::kList;
      for (const auto& i : value.as_list()) v.items.push_back(FromValue(i));
      break;
    case kg::Value::Type::kMap:
      v.kind = TValue::Kind::kMap;
      for (const auto& [k, i] : value.as_map()) v.map[k] = FromValue(i);
      break;
  }
  return v;
}

TValue FromNode(const kg::Node& n) {
  TValue v;
  v.kind = TValue::Kind::kNode;
  v.labels = n.labels;
  std::sort(v.labels.begin(), v.labels.end());
  for (const auto& [k, i] : n.properties) v.map[k] = FromValue(i);
  return v;
}

TValue FromEdge(const kg::Edge& e) {
  TValue v;
  v.kind = TValue::Kind::kEdge;
  v.scalar = kg::CanonicalRelationshipType(e.type);
  for (const auto& [k, i] : e.properties) v.map[k] = FromValue(i);
  return v;
}

TValue FromResult(const kg::query::ResultValue& r) {
  using Kind = kg::query::ResultValue::Kind;
  switch (r.kind()) {
    case Kind::kValue: return FromValue(r.value());
    case Kind::kNode: return FromNode(r.node());
    case Kind::kEdge: return FromEdge(r.edge());
    case Kind::kPath: {
      TValue v;
      v.kind = TValue::Kind::kPath;
      const auto& p = r.path();
      for (size_t i = 0; i < p.nodes.size(); ++i) {
        v.items.push_back(FromNode(p.nodes[i]));
        if (i < p.edges.size()) {
          TValue e = FromEdge(p.edges[i]);
          e.forward = p.edges[i].source == p.nodes[i].id;
          v.items.push_back(e);
        }
      }
      return v;
    }
    case Kind::kList: {
      TValue v;
      v.kind = TValue::Kind::kList;
      for (const auto& i : r.list()) v.items.push_back(FromResult(i));
      return v;
    }
    case Kind::kMap: {
      TValue v;
      v.kind = TValue::Kind::kMap;
      for (const auto& [k, i] : r.map()) v.map[k] = FromResult(i);
      return v;
    }
  }
  return TValue();
}

kg::Value ToKgValue(const TValue& v) {
  switch (v.kind) {
    case TValue::Kind::kNull: return kg::Value();
    case TValue::Kind::kBool: return kg::Value(v.scalar == "true");
    case TValue::Kind::kInt: return kg::Value(static_cast<int64_t>(std::stoll(v.scalar)));
    case TValue::Kind::kFloat: return kg::Value(std::stod(v.scalar));
    case TValue::Kind::kString: return kg::Value(v.scalar);
    case TValue::Kind::kList: {
      kg::ValueList l;
      for (const auto& i : v.items) l.push_back(ToKgValue(i));
      return kg::Value(std::move(l));
    }
    default: {
      kg::ValueMap m;
      for (const auto& [k, i] : v.map) m[k] = ToKgValue(i);
      return kg::Value(std::move(m));
    }
  }
}

// ---------------------------------------------------------------- graph state

struct GraphState {
  std::set<uint64_t> nodes, edges;
  std::set<std::string> labels;
  std::set<std::string> properties;  // "n<id>.key=value" / "e<id>.key=value"
};

GraphState Capture(kg::storage::Store& store) {
  GraphState s;
  auto reader = store.Snapshot();
  (void)reader->ScanNodeRecords([&](const kg::Node& n) {
    s.nodes.insert(n.id);
    for (const auto& l : n.labels) s.labels.insert(l);
    for (const auto& [k, v] : n.properties) {
      s.properties.insert("n" + std::to_string(n.id) + "." + k + "=" + v.ToCypher());
    }
    return true;
  });
  (void)reader->ScanEdgeRecords([&](const kg::Edge& e) {
    s.edges.insert(e.id);
    for (const auto& [k, v] : e.properties) {
      s.properties.insert("e" + std::to_string(e.id) + "." + k + "=" + v.ToCypher());
    }
    return true;
  });
  return s;
}

template <typename T>
int64_t Missing(const std::set<T>& a, const std::set<T>& b) {  // |a \ b|
  int64_t n = 0;
  for (const auto& x : a) n += b.count(x) ? 0 : 1;
  return n;
}

std::map<std::string, int64_t> SideEffects(const GraphState& before, const GraphState& after) {
  return {{"+nodes", Missing(after.nodes, before.nodes)},
          {"-nodes", Missing(before.nodes, after.nodes)},
          {"+relationships", Missing(after.edges, before.edges)},
          {"-relationships", Missing(before.edges, after.edges)},
          {"+labels", Missing(after.labels, before.labels)},
          {"-labels", Missing(before.labels, after.labels)},
          {"+properties", Missing(after.properties, before.properties)},
          {"-properties", Missing(before.properties, after.properties)}};
}

// ---------------------------------------------------------------- running

struct Outcome {
  bool pass = false;
  bool lenient = false;  // passed because a parse error stood for a compile-time SyntaxError
  std::string reason;
};

class ScenarioRun {
 public:
  ScenarioRun(const fs::path& root, const fs::path& dir) : root_(root) {
    kg::storage::OpenOptions options;
    auto store = kg::storage::Store::Open(dir.string(), options);
    if (!store.ok()) {
      open_error_ = store.status().message();
      return;
    }
    store_ = std::move(store).value();
    engine_ = std::make_unique<kg::query::Engine>(store_.get());
  }

  Outcome Run(const Scenario& scenario) {
    if (!store_) return {false, false, "cannot open store: " + open_error_};
    for (const auto& step : scenario.steps) {
      std::string failure = RunStep(step);
      if (!failure.empty()) return {false, lenient_, failure};
    }
    if (!checked_) return {false, false, "no outcome checked"};
    return {true, lenient_, ""};
  }

 private:
  std::string Execute(const std::string& query) {
    before_ = Capture(*store_);
    result_ = engine_->Execute(query, parameters_);
    after_ = Capture(*store_);
    executed_ = true;
    return "";
  }

  std::string RunStep(const Step& step) {
    const std::string& t = step.text;
    if (t == "an empty graph" || t == "any graph") return "";
    if (t.rfind("the ", 0) == 0 && t.size() > 10 && t.substr(t.size() - 6) == " graph") {
      std::string name = t.substr(4, t.size() - 10);
      std::ifstream in(root_ / "graphs" / name / (name + ".cypher"));
      if (!in) return "unknown graph " + name;
      std::stringstream ss;
      ss << in.rdbuf();
      std::string text = Trim(ss.str());
      if (!text.empty() && text.back() == ';') text.pop_back();
      auto r = engine_->Execute(text);
      if (!r.ok()) return "loading graph " + name + ": " + r.status().ToString();
      return "";
    }
    if (t == "having executed:") {
      auto r = engine_->Execute(step.doc, parameters_);
      if (!r.ok()) return "setup query failed: " + r.status().ToString();
      return "";
    }
    if (t == "parameters are:") {
      for (const auto& row : step.table) {
        if (row.size() < 2) continue;
        auto v = TckValueParser(row[1]).Parse();
        if (!v) return "cannot parse parameter " + row[1];
        parameters_[row[0]] = ToKgValue(*v);
      }
      return "";
    }
    if (t == "executing query:" || t == "executing control query:") {
      return Execute(step.doc);
    }
    if (t.rfind("the result should be", 0) == 0) {
      checked_ = true;
      if (!executed_) return "no query executed";
      if (!result_.ok()) return "query failed: " + result_.status().ToString() + " [" +
                                result_.status().kind() + "]";
      if (t == "the result should be empty") {
        if (!result_->rows.empty()) return "expected no rows, got " +
                                           std::to_string(result_->rows.size());
        return "";
      }
      bool ordered = t.find("in order") != std::string::npos &&
                     t.find("any order") == std::string::npos;
      bool sort_lists = t.find("ignoring element order for lists") != std::string::npos;
      return CompareTable(step.table, ordered, sort_lists);
    }
    if (t.find("should be raised at") != std::string::npos) {
      checked_ = true;
      // "a TypeError should be raised at runtime: InvalidArgumentType"
      std::string type = t.substr(t.find(' ') + 1);
      type = type.substr(0, type.find(' '));
      std::string detail = Trim(t.substr(t.rfind(':') + 1));
      bool compile_time = t.find("compile time") != std::string::npos;
      if (!executed_) return "no query executed";
      if (result_.ok()) return "expected " + type + " " + detail + ", got a result";
      const kg::Status& s = result_.status();
      if (s.kind() == detail) return "";
      if (s.code() == kg::StatusCode::kSyntaxError && s.kind().empty() && compile_time &&
          type == "SyntaxError") {
        lenient_ = true;
        return "";
      }
      return "expected " + type + " " + detail + ", got " + s.ToString() + " [" + s.kind() + "]";
    }
    if (t == "no side effects" || t == "the side effects should be:") {
      if (!executed_ || !result_.ok()) return "";
      auto effects = SideEffects(before_, after_);
      std::map<std::string, int64_t> expected;
      for (const auto& row : step.table) {
        if (row.size() >= 2) expected[row[0]] = std::stoll(row[1]);
      }
      for (const auto& [k, n] : effects) {
        int64_t want = expected.count(k) ? expected[k] : 0;
        if (want != n) {
          return "side effect " + k + ": expected " + std::to_string(want) + ", got " +
                 std::to_string(n);
        }
      }
      return "";
    }
    return "unknown step: " + step.keyword + " " + t;
  }

  std::string CompareTable(const std::vector<std::vector<std::string>>& table, bool ordered,
                           bool sort_lists) {
    if (table.empty()) return "no header";
    const auto& header = table[0];
    const auto& columns = result_->columns;
    std::set<std::string> want_cols(header.begin(), header.end());
    std::set<std::string> have_cols(columns.begin(), columns.end());
    if (want_cols != have_cols || header.size() != columns.size()) {
      std::string have;
      for (const auto& c : columns) have += "|" + c;
      return "columns differ: got " + have;
    }
    std::vector<std::string> expected, actual;
    for (size_t r = 1; r < table.size(); ++r) {
      std::string row;
      for (size_t c = 0; c < header.size(); ++c) {
        auto v = TckValueParser(c < table[r].size() ? table[r][c] : "").Parse();
        if (!v) return "cannot parse expected value " + table[r][c];
        row += header[c] + "=" + Canonical(*v, sort_lists) + " | ";
      }
      expected.push_back(row);
    }
    for (const auto& cells : result_->rows) {
      std::string row;
      for (const auto& name : header) {
        size_t c = std::find(columns.begin(), columns.end(), name) - columns.begin();
        row += name + "=" + Canonical(FromResult(cells[c]), sort_lists) + " | ";
      }
      actual.push_back(row);
    }
    if (!ordered) {
      std::sort(expected.begin(), expected.end());
      std::sort(actual.begin(), actual.end());
    }
    if (expected != actual) {
      std::string msg = "rows differ:\n      expected:";
      for (const auto& r : expected) msg += "\n        " + r;
      msg += "\n      actual:";
      for (const auto& r : actual) msg += "\n        " + r;
      return msg;
    }
    return "";
  }

  fs::path root_;
  std::string open_error_;
  std::unique_ptr<kg::storage::Store> store_;
  std::unique_ptr<kg::query::Engine> engine_;
  kg::ValueMap parameters_;
  kg::Result<kg::query::QueryResult> result_ = kg::Status::Internal("no query");
  GraphState before_, after_;
  bool executed_ = false;
  bool checked_ = false;
  bool lenient_ = false;
};

// (file, line, example) -> in subset
using SubsetKey = std::tuple<std::string, int, int>;

std::optional<std::set<SubsetKey>> LoadSubset(const fs::path& path) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  std::set<SubsetKey> keys;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> cols;
    std::stringstream ss(line);
    for (std::string col; std::getline(ss, col, '\t');) cols.push_back(col);
    if (cols.size() < 5 || cols[4] != "yes") continue;
    int example = cols[3].empty() ? -1 : std::stoi(cols[3]);
    keys.insert({cols[0], std::stoi(cols[1]), example});
  }
  return keys;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: tck_runner FOLDER [--subset FILE] [--filter TEXT] "
                 "[--min-pass-rate R] [--verbose]\n";
    return 2;
  }
  fs::path root = argv[1];
  fs::path subset_path = root / "SUBSET.tsv";
  std::string filter;
  double min_pass_rate = 1.0;
  bool verbose = false;
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--subset" && i + 1 < argc) {
      subset_path = argv[++i];
    } else if (a == "--filter" && i + 1 < argc) {
      filter = argv[++i];
    } else if (a == "--min-pass-rate" && i + 1 < argc) {
      min_pass_rate = std::stod(argv[++i]);
    } else if (a == "--all") {
      subset_path.clear();
    } else if (a == "--verbose") {
      verbose = true;
    } else {
      std::cerr << "tck_runner: unknown option " << a << "\n";
      return 2;
    }
  }
  auto subset = subset_path.empty() ? std::nullopt : LoadSubset(subset_path);

  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.is_regular_file() && entry.path().extension() == ".feature") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());

  fs::path temp_root = fs::temp_directory_path() / ("kg_tck_" + std::to_string(::getpid()));
  fs::create_directories(temp_root);
  int passed = 0, failed = 0, lenient = 0, counter = 0;
  for (const auto& file : files) {
    std::string relative = fs::relative(file, root).generic_string();
    for (const auto& scenario : ParseFeature(file, relative)) {
      if (subset && !subset->count({scenario.file, scenario.line, scenario.example})) continue;
      std::string name = scenario.file + ":" + std::to_string(scenario.line) +
                         (scenario.example >= 0 ? "#" + std::to_string(scenario.example) : "") +
                         " " + scenario.title;
      if (!filter.empty() && name.find(filter) == std::string::npos) continue;
      fs::path dir = temp_root / std::to_string(counter++);
      Outcome outcome;
      {
        ScenarioRun run(root, dir);
        outcome = run.Run(scenario);
      }
      std::error_code ec;
      fs::remove_all(dir, ec);
      if (outcome.pass) {
        ++passed;
        if (outcome.lenient) ++lenient;
        std::cout << "PASS " << name << (outcome.lenient ? " (parse error)" : "") << "\n";
      } else {
        ++failed;
        std::string reason = outcome.reason;
        if (!verbose) reason = reason.substr(0, reason.find('\n'));
        std::cout << "FAIL " << name << ": " << reason << "\n";
      }
    }
  }
  std::error_code ec;
  fs::remove_all(temp_root, ec);
  int total = passed + failed;
  double rate = total == 0 ? 1.0 : static_cast<double>(passed) / total;
  if (lenient > 0) {
    std::cout << lenient << " of the passes matched an expected compile-time SyntaxError by a "
                            "parse error\n";
  }
  std::cout << passed << " passed, " << failed << " failed\n";
  return rate + 1e-9 >= min_pass_rate ? 0 : 1;
}
