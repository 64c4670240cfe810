#include "graph/export.h"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/graphml.hpp>
#include <boost/property_map/dynamic_property_map.hpp>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/value.h"
#include "graph/view.h"
#include "storage/store.h"

namespace kg::graph {

namespace {

using BoostGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS,
                                         boost::no_property, boost::property<boost::edge_index_t, size_t>>;

// XML 1.0 has no escape for most control characters; Boost escapes only markup.
std::string XmlSafe(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 && c != '\t' && c != '\n' && c != '\r') out += "\xEF\xBF\xBD";
    else out += c;
  }
  return out;
}

// Written by Boost for an element that lacks the attribute, then dropped with its <data>
// element (Boost writes every key for every element). It cannot occur in real text:
// XmlSafe replaces the unit separator.
constexpr const char* kAbsent = "\x1F" "kg-absent" "\x1F";

// A GraphML value of type T, or none. Streams as Boost writes values (operator<<), but
// with doubles that read back exactly. Booleans stay 1/0, valid xsd:boolean and the only
// form Boost's read_graphml accepts.
template <typename T>
struct Cell {
  std::optional<T> value;
};

template <typename T>
std::ostream& operator<<(std::ostream& out, const Cell<T>& cell) {
  if (!cell.value) return out << kAbsent;
  if constexpr (std::is_same_v<T, double>) {
    double d = *cell.value;
    if (std::isnan(d)) return out << "NaN";
    if (std::isinf(d)) return out << (d > 0 ? "INF" : "-INF");
    return out << FormatFloat(d);
  } else {
    return out << *cell.value;
  }
}

// A readable property map whose value_type is T, so that Boost declares the GraphML key
// with T's type, but whose values are Cells, so that missing values can be left out.
template <typename T, typename IndexMap>
struct CellMap {
  using key_type = typename boost::property_traits<IndexMap>::key_type;
  using value_type = T;
  using reference = Cell<T>;
  using category = boost::readable_property_map_tag;

  std::shared_ptr<std::vector<Cell<T>>> cells;
  IndexMap index;
};

template <typename T, typename IndexMap>
Cell<T> get(const CellMap<T, IndexMap>& map, const typename CellMap<T, IndexMap>::key_type& key) {
  return (*map.cells)[boost::get(map.index, key)];
}

// One GraphML attribute: its values for every element, in the narrowest type all of them fit.
struct Column {
  enum class Kind { kUnset, kBool, kLong, kDouble, kString } kind = Kind::kUnset;
  std::vector<Value> values;
};

// Widens `kind` so that it also holds `v`.
Column::Kind Widen(Column::Kind kind, const Value& v) {
  using K = Column::Kind;
  K needed = v.is_bool() ? K::kBool : v.is_int() ? K::kLong : v.is_float() ? K::kDouble : K::kString;
  if (kind == K::kUnset || kind == needed) return needed;
  bool both_numbers = (kind == K::kLong || kind == K::kDouble) &&
                      (needed == K::kLong || needed == K::kDouble);
  return both_numbers ? K::kDouble : K::kString;
}

// Collects element properties into columns, then registers them with Boost's writer.
class Columns {
 public:
  explicit Columns(size_t count) : count_(count) {}

  void Set(const std::string& key, size_t element, const Value& v) {
    if (v.is_null()) return;
    Column& column = columns_[key];
    if (column.values.empty()) column.values.resize(count_);
    column.values[element] = v;
    column.kind = Widen(column.kind, v);
  }

  template <typename IndexMap>
  void Register(boost::dynamic_properties& properties, IndexMap index) {
    for (auto& [key, column] : columns_) {
      switch (column.kind) {
        case Column::Kind::kBool:
          Add<bool>(properties, key, index, column, [](const Value& v) { return v.as_bool(); });
          break;
        case Column::Kind::kLong:
          Add<long>(properties, key, index, column,
                    [](const Value& v) { return static_cast<long>(v.as_int()); });
          break;
        case Column::Kind::kDouble:
          Add<double>(properties, key, index, column,
                      [](const Value& v) { return v.as_number(); });
          break;
        default:
          Add<std::string>(properties, key, index, column,
                           [](const Value& v) { return XmlSafe(v.ToDisplay()); });
      }
    }
  }

 private:
  template <typename T, typename IndexMap, typename Convert>
  void Add(boost::dynamic_properties& properties, const std::string& key, IndexMap index,
           const Column& column, Convert convert) {
    auto cells = std::make_shared<std::vector<Cell<T>>>(column.values.size());
    for (size_t i = 0; i < column.values.size(); ++i) {
      if (!column.values[i].is_null()) (*cells)[i].value = convert(column.values[i]);
    }
    properties.property(XmlSafe(key), CellMap<T, IndexMap>{cells, index});
  }

  size_t count_;
  std::map<std::string, Column> columns_;
};

// Boost's writer leaves whitespace as is, but XML readers that normalise it (Boost's own
// read_graphml collapses runs and trims ends) would lose newlines, tabs and repeated or
// edge spaces: those become character references. Elements holding kAbsent are dropped.
std::string FinishGraphML(const std::string& xml) {
  static const std::string kOpen = "<data key=\"";
  static const std::string kClose = "</data>";
  std::string out;
  out.reserve(xml.size());
  size_t at = 0;
  while (true) {
    size_t open = xml.find(kOpen, at);
    if (open == std::string::npos) break;
    size_t text_begin = xml.find('>', open) + 1;
    size_t text_end = xml.find(kClose, text_begin);  // values hold no '<': it is escaped
    std::string_view text(xml.data() + text_begin, text_end - text_begin);
    if (text == kAbsent) {
      // Drop the element and the indentation and newline around it.
      size_t line_begin = xml.rfind('\n', open) + 1;
      out.append(xml, at, line_begin - at);
      at = text_end + kClose.size();
      if (at < xml.size() && xml[at] == '\n') ++at;
      continue;
    }
    out.append(xml, at, text_begin - at);
    for (size_t i = 0; i < text.size(); ++i) {
      char c = text[i];
      bool edge_or_run = i == 0 || i + 1 == text.size() || text[i - 1] == ' ';
      if (c == '\n') out += "&#10;";
      else if (c == '\r') out += "&#13;";
      else if (c == '\t') out += "&#9;";
      else if (c == ' ' && edge_or_run) out += "&#32;";
      else out += c;
    }
    at = text_end;
  }
  out.append(xml, at, std::string::npos);
  return out;
}

std::string JoinLabels(const std::vector<std::string>& labels, const std::string& prefix,
                       const std::string& separator) {
  std::string out;
  for (const auto& label : labels) {
    if (!out.empty()) out += separator;
    out += prefix + label;
  }
  return out;
}

bool IsStringList(const Value& v) {
  if (!v.is_list()) return false;
  for (const auto& item : v.as_list()) {
    if (!item.is_string()) return false;
  }
  return true;
}

// Scalars as plain text, lists of scalars joined by `separator`, the rest in Cypher form.
std::string JoinList(const Value& v, const std::string& separator) {
  if (!v.is_list()) return v.ToDisplay();
  std::string out;
  bool first = true;
  for (const auto& item : v.as_list()) {
    if (!first) out += separator;
    first = false;
    out += item.ToDisplay();
  }
  return out;
}

const ValueList* EvidenceOf(const Edge& edge) {
  auto it = edge.properties.find("evidence");
  if (it == edge.properties.end() || !it->second.is_list()) return nullptr;
  return &it->second.as_list();
}

// The sentence of the first evidence entry that has one.
std::optional<std::string> FirstEvidenceText(const Edge& edge) {
  const ValueList* evidence = EvidenceOf(edge);
  if (evidence == nullptr) return std::nullopt;
  for (const auto& entry : *evidence) {
    if (entry.is_string()) return entry.as_string();
    if (!entry.is_map()) continue;
    auto text = entry.as_map().find("text");
    if (text != entry.as_map().end() && text->second.is_string()) return text->second.as_string();
  }
  return std::nullopt;
}

const Value* Property(const PropertyMap& properties, const std::string& key) {
  auto it = properties.find(key);
  return it == properties.end() ? nullptr : &it->second;
}

// What a person would call the node: its name, an article's title, a quote's text, else
// its first label, else its id.
std::string DisplayName(const Node& node) {
  for (const char* key : {"name", "title", "text"}) {
    if (const Value* v = Property(node.properties, key); v != nullptr && !v->is_null()) {
      return v->ToDisplay();
    }
  }
  return node.labels.empty() ? std::to_string(node.id) : node.labels.front();
}

Status CheckStream(const std::ostream& out, const char* format) {
  if (!out) return Status::IOError(std::string("writing ") + format + " failed");
  return Status::OK();
}

// ---- DOT ----

// A double-quoted DOT string. Graphviz reads backslash escapes (\n, \l, \N...) and HTML
// entities in labels, so backslashes and ampersands are escaped too; newlines become \n.
std::string DotString(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '&': out += "&amp;"; break;
      case '\r': break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t') break;  // unprintable
        out += c;
    }
  }
  return out + "\"";
}

// Cuts after `limit` bytes at a UTF-8 character boundary, marking the cut with "...".
std::string Shorten(const std::string& text, size_t limit) {
  if (text.size() <= limit) return text;
  size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end) + "...";
}

const char* FillColour(const Node& node) {
  static const std::pair<const char*, const char*> kColours[] = {
      {"Person", "#cfe2ff"}, {"Organization", "#ffe5b4"}, {"Place", "#d1e7dd"},
      {"Work", "#e2d9f3"},   {"Event", "#f8d7da"},        {"Article", "#eeeeee"},
      {"Quote", "#fff3cd"}};
  for (const auto& [label, colour] : kColours) {
    if (node.HasLabel(label)) return colour;
  }
  return "#ffffff";
}

// ---- N-Triples ----

constexpr const char* kRdfType = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>";
constexpr const char* kRdfStatement = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement>";
constexpr const char* kRdfSubject = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#subject>";
constexpr const char* kRdfPredicate = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate>";
constexpr const char* kRdfObject = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#object>";
constexpr const char* kRdfsLabel = "<http://www.w3.org/2000/01/rdf-schema#label>";
constexpr const char* kXsd = "http://www.w3.org/2001/XMLSchema#";

// An IRI under urn:kg:<kind>:, percent-encoding what IRIREF forbids (controls, space,
// <>"{}|^`\) and the delimiters % # ? /; other UTF-8 is kept, as IRIs allow.
std::string Iri(const char* kind, const std::string& name) {
  static const std::string kForbidden = "<>\"{}|^`\\%#?/";
  std::string out = std::string("<urn:kg:") + kind + ":";
  for (char c : name) {
    auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte == 0x7F || kForbidden.find(c) != std::string::npos) {
      char buffer[4];
      std::snprintf(buffer, sizeof buffer, "%%%02X", byte);
      out += buffer;
    } else {
      out += c;
    }
  }
  return out + ">";
}

std::string NodeIri(NodeId id) { return Iri("node", std::to_string(id)); }
std::string EdgeIri(EdgeId id) { return Iri("edge", std::to_string(id)); }

// STRING_LITERAL_QUOTE: quote, backslash, CR and LF must be escaped; other controls are
// written as \u escapes so that the file stays printable.
std::string NtString(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\u%04X", static_cast<unsigned char>(c));
          out += buffer;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string XsdDouble(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "INF" : "-INF";
  return FormatFloat(d);
}

// The literal for a scalar; maps and lists are handled by the caller.
std::string NtLiteral(const Value& v) {
  switch (v.type()) {
    case Value::Type::kBool:
      return NtString(v.as_bool() ? "true" : "false") + "^^<" + kXsd + "boolean>";
    case Value::Type::kInt: return NtString(std::to_string(v.as_int())) + "^^<" + kXsd + "integer>";
    case Value::Type::kFloat: return NtString(XsdDouble(v.as_float())) + "^^<" + kXsd + "double>";
    case Value::Type::kString: return NtString(v.as_string());
    default: return NtString(v.ToCypher());
  }
}

class TripleWriter {
 public:
  explicit TripleWriter(std::ostream& out) : out_(out) {}

  void Triple(const std::string& subject, const std::string& predicate,
              const std::string& object) {
    out_ << subject << ' ' << predicate << ' ' << object << " .\n";
  }

  // One triple per scalar; list elements one by one; a map (such as an evidence entry) as a
  // blank node `_:<prefix>b<n>` with its entries as properties. Deeper nesting is written as
  // Cypher text.
  void Property(const std::string& subject, const std::string& key, const Value& v,
                const std::string& blank_prefix, bool in_list = false) {
    if (v.is_null()) return;
    std::string predicate = Iri("prop", key);
    if (v.is_list() && !in_list) {
      for (const auto& item : v.as_list()) Property(subject, key, item, blank_prefix, true);
      return;
    }
    if (v.is_map()) {
      std::string blank = "_:" + blank_prefix + "b" + std::to_string(blank_count_++);
      Triple(subject, predicate, blank);
      for (const auto& [inner_key, inner] : v.as_map()) {
        if (inner.is_null()) continue;
        bool nested = inner.is_list() || inner.is_map();
        Triple(blank, Iri("prop", inner_key), nested ? NtString(inner.ToCypher()) : NtLiteral(inner));
      }
      return;
    }
    Triple(subject, predicate, v.is_list() ? NtString(v.ToCypher()) : NtLiteral(v));
  }

 private:
  std::ostream& out_;
  size_t blank_count_ = 0;
};

// ---- CSV and JSON ----

std::string CsvText(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += "\"\"";
    else out += c;
  }
  return out + "\"";
}

void AppendJson(std::string& out, const Value& v);

void AppendJsonString(std::string& out, const std::string& text) {
  out += '"';
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned char>(c));
          out += buffer;
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

void AppendJson(std::string& out, const Value& v) {
  switch (v.type()) {
    case Value::Type::kNull: out += "null"; break;
    case Value::Type::kBool: out += v.as_bool() ? "true" : "false"; break;
    case Value::Type::kInt: out += std::to_string(v.as_int()); break;
    case Value::Type::kFloat:
      // JSON has no NaN or infinities.
      out += std::isfinite(v.as_float()) ? FormatFloat(v.as_float()) : "null";
      break;
    case Value::Type::kString: AppendJsonString(out, v.as_string()); break;
    case Value::Type::kList: {
      out += '[';
      bool first = true;
      for (const auto& item : v.as_list()) {
        if (!first) out += ',';
        first = false;
        AppendJson(out, item);
      }
      out += ']';
      break;
    }
    case Value::Type::kMap: {
      out += '{';
      bool first = true;
      for (const auto& [key, item] : v.as_map()) {
        if (!first) out += ',';
        first = false;
        AppendJsonString(out, key);
        out += ':';
        AppendJson(out, item);
      }
      out += '}';
      break;
    }
  }
}

// The properties not given a column of their own, as a JSON object; empty when none.
std::string RemainingJson(const PropertyMap& properties,
                          const std::vector<std::string>& in_columns) {
  ValueMap rest;
  for (const auto& [key, v] : properties) {
    if (std::find(in_columns.begin(), in_columns.end(), key) == in_columns.end()) rest[key] = v;
  }
  if (rest.empty()) return "";
  std::string out;
  AppendJson(out, Value(std::move(rest)));
  return out;
}

// The typed columns of the CSV files: a property of the expected type goes to its column,
// anything else to the `properties` JSON.
enum class CsvKind { kText, kTextList, kLong, kDouble };

struct CsvColumn {
  const char* key;
  const char* header;  // neo4j-admin's name:type
  CsvKind kind;
};

constexpr CsvColumn kNodeColumns[] = {
    {"name", "name", CsvKind::kText},
    {"aliases", "aliases:string[]", CsvKind::kTextList},
    {"titles", "titles:string[]", CsvKind::kTextList},
    {"mentions", "mentions:long", CsvKind::kLong},
    {"first_seen", "first_seen", CsvKind::kText},
    {"last_seen", "last_seen", CsvKind::kText},
    {"title", "title", CsvKind::kText},
    {"path", "path", CsvKind::kText},
    {"sha256", "sha256", CsvKind::kText},
    {"ingested_at", "ingested_at", CsvKind::kText},
    {"text", "text", CsvKind::kText},
};

constexpr CsvColumn kEdgeColumns[] = {
    {"confidence", "confidence:double", CsvKind::kDouble},
    {"count", "count:long", CsvKind::kLong},
};

// Appends the cell for `v` (nothing when it is missing or of another type); returns whether
// the column took the value. Lists are joined with ';', Neo4j's array delimiter.
bool AppendCsvCell(std::string& row, const Value* v, CsvKind kind) {
  if (v == nullptr) return false;
  switch (kind) {
    case CsvKind::kText:
      if (!v->is_string()) return false;
      row += CsvText(v->as_string());
      return true;
    case CsvKind::kTextList:
      if (!IsStringList(*v)) return false;
      row += CsvText(JoinList(*v, ";"));
      return true;
    case CsvKind::kLong:
      if (!v->is_int()) return false;
      row += std::to_string(v->as_int());
      return true;
    case CsvKind::kDouble:
      if (!v->is_number() || !std::isfinite(v->as_number())) return false;
      row += FormatFloat(v->as_number());
      return true;
  }
  return false;
}

}  // namespace

Status WriteGraphML(const GraphView& view, std::ostream& out) {
  BoostGraph g(view.node_count());
  Columns node_columns(view.node_count());
  for (size_t i = 0; i < view.node_count(); ++i) {
    const Node& n = view.node(i);
    node_columns.Set("kg_id", i, Value(static_cast<int64_t>(n.id)));
    node_columns.Set("labels", i, Value(JoinLabels(n.labels, ":", "")));
    node_columns.Set("label", i, Value(DisplayName(n)));
    for (const auto& [key, v] : n.properties) {
      if (key == "label" || key == "labels" || key == "kg_id") continue;  // ours win
      node_columns.Set(key, i, IsStringList(v) ? Value(JoinList(v, "; ")) : v);
    }
  }

  Columns edge_columns(view.edge_count());
  for (size_t i = 0; i < view.edge_count(); ++i) {
    const Edge& e = view.edge(i);
    boost::add_edge(view.source(i), view.target(i), i, g);
    edge_columns.Set("kg_id", i, Value(static_cast<int64_t>(e.id)));
    edge_columns.Set("type", i, Value(e.type));
    edge_columns.Set("label", i, Value(e.type));
    const ValueList* evidence = EvidenceOf(e);
    edge_columns.Set("articles", i, Value(static_cast<int64_t>(evidence ? evidence->size() : 0)));
    if (auto text = FirstEvidenceText(e)) edge_columns.Set("evidence", i, Value(*text));
    for (const auto& [key, v] : e.properties) {
      if (key == "label" || key == "type" || key == "kg_id" || key == "articles" ||
          key == "evidence") {
        continue;
      }
      edge_columns.Set(key, i, IsStringList(v) ? Value(JoinList(v, "; ")) : v);
    }
  }

  boost::dynamic_properties properties(boost::ignore_other_properties);
  node_columns.Register(properties, boost::get(boost::vertex_index, g));
  edge_columns.Register(properties, boost::get(boost::edge_index, g));
  std::ostringstream xml;
  try {
    boost::write_graphml(xml, g, boost::get(boost::vertex_index, g), properties, true);
  } catch (const std::exception& e) {
    return Status::Internal(std::string("writing GraphML: ") + e.what());
  }
  out << FinishGraphML(xml.str());
  return CheckStream(out, "GraphML");
}

Status WriteGraphML(const storage::GraphReader& reader, const Selection& selection,
                    std::ostream& out) {
  auto view = BuildView(reader, selection);
  if (!view.ok()) return view.status();
  return WriteGraphML(*view, out);
}

Status WriteGraphML(const storage::GraphReader& reader, std::ostream& out) {
  return WriteGraphML(reader, GraphFilter{}, out);
}

Status WriteDot(const GraphView& view, std::ostream& out) {
  out << "digraph kg {\n"
         "  graph [charset=\"UTF-8\", overlap=false];\n"
         "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\"];\n"
         "  edge [fontname=\"Helvetica\", fontsize=10];\n";
  for (const Node& n : view.nodes()) {
    std::string label = Shorten(DisplayName(n), 80);
    if (!n.labels.empty()) label += "\n" + JoinLabels(n.labels, ":", "");
    std::string tooltip;
    if (const Value* aliases = Property(n.properties, "aliases"); aliases && aliases->is_list()) {
      tooltip = "aliases: " + JoinList(*aliases, "; ");
    }
    out << "  n" << n.id << " [label=" << DotString(label) << ", fillcolor=\"" << FillColour(n)
        << "\"";
    if (n.HasLabel("Article")) out << ", shape=note";
    if (!tooltip.empty()) out << ", tooltip=" << DotString(Shorten(tooltip, 500));
    out << "];\n";
  }
  for (const Edge& e : view.edges()) {
    std::string label = e.type;
    if (const Value* confidence = Property(e.properties, "confidence");
        confidence != nullptr && confidence->is_number()) {
      char buffer[32];
      std::snprintf(buffer, sizeof buffer, " (%.2f)", confidence->as_number());
      label += buffer;
    }
    out << "  n" << e.source << " -> n" << e.target << " [label=" << DotString(label);
    if (auto text = FirstEvidenceText(e)) out << ", tooltip=" << DotString(Shorten(*text, 500));
    out << "];\n";
  }
  out << "}\n";
  return CheckStream(out, "DOT");
}

Status WriteDot(const storage::GraphReader& reader, const Selection& selection,
                std::ostream& out) {
  auto view = BuildView(reader, selection);
  if (!view.ok()) return view.status();
  return WriteDot(*view, out);
}

Status WriteNTriples(const GraphView& view, std::ostream& out) {
  TripleWriter writer(out);
  for (const Node& n : view.nodes()) {
    std::string subject = NodeIri(n.id);
    for (const auto& label : n.labels) writer.Triple(subject, kRdfType, Iri("label", label));
    if (const Value* name = Property(n.properties, "name"); name && name->is_string()) {
      writer.Triple(subject, kRdfsLabel, NtString(name->as_string()));
    }
    for (const auto& [key, v] : n.properties) {
      writer.Property(subject, key, v, "n" + std::to_string(n.id));
    }
  }
  for (const Edge& e : view.edges()) {
    std::string predicate = Iri("rel", e.type);
    writer.Triple(NodeIri(e.source), predicate, NodeIri(e.target));
    std::string statement = EdgeIri(e.id);
    writer.Triple(statement, kRdfType, kRdfStatement);
    writer.Triple(statement, kRdfSubject, NodeIri(e.source));
    writer.Triple(statement, kRdfPredicate, predicate);
    writer.Triple(statement, kRdfObject, NodeIri(e.target));
    for (const auto& [key, v] : e.properties) {
      writer.Property(statement, key, v, "e" + std::to_string(e.id));
    }
  }
  return CheckStream(out, "N-Triples");
}

Status WriteNTriples(const storage::GraphReader& reader, const Selection& selection,
                     std::ostream& out) {
  auto view = BuildView(reader, selection);
  if (!view.ok()) return view.status();
  return WriteNTriples(*view, out);
}

// The typed columns, then every other property as one JSON cell, so nothing is lost.
template <size_t N>
void AppendPropertyCells(std::string& row, const PropertyMap& properties,
                         const CsvColumn (&columns)[N]) {
  std::vector<std::string> in_columns;
  for (const auto& column : columns) {
    row += ',';
    if (AppendCsvCell(row, Property(properties, column.key), column.kind)) {
      in_columns.push_back(column.key);
    }
  }
  std::string rest = RemainingJson(properties, in_columns);
  row += ',' + (rest.empty() ? std::string() : CsvText(rest));
}

Status WriteCsv(const GraphView& view, std::ostream& nodes_out, std::ostream& edges_out) {
  nodes_out << "kg_id:ID,:LABEL";
  for (const auto& column : kNodeColumns) nodes_out << ',' << column.header;
  nodes_out << ",properties\n";
  for (const Node& n : view.nodes()) {
    std::string row = std::to_string(n.id) + "," + CsvText(JoinLabels(n.labels, "", ";"));
    AppendPropertyCells(row, n.properties, kNodeColumns);
    nodes_out << row << '\n';
  }

  edges_out << ":START_ID,:END_ID,:TYPE,kg_id:long,articles:long,evidence";
  for (const auto& column : kEdgeColumns) edges_out << ',' << column.header;
  edges_out << ",properties\n";
  for (const Edge& e : view.edges()) {
    const ValueList* evidence = EvidenceOf(e);
    std::string row = std::to_string(e.source) + "," + std::to_string(e.target) + "," +
                      CsvText(e.type) + "," + std::to_string(e.id) + "," +
                      std::to_string(evidence ? evidence->size() : 0) + ",";
    if (auto text = FirstEvidenceText(e)) row += CsvText(*text);
    AppendPropertyCells(row, e.properties, kEdgeColumns);
    edges_out << row << '\n';
  }
  KG_RETURN_IF_ERROR(CheckStream(nodes_out, "CSV nodes"));
  return CheckStream(edges_out, "CSV relationships");
}

Status WriteCsv(const storage::GraphReader& reader, const Selection& selection,
                std::ostream& nodes_out, std::ostream& edges_out) {
  auto view = BuildView(reader, selection);
  if (!view.ok()) return view.status();
  return WriteCsv(*view, nodes_out, edges_out);
}
}  // namespace kg::graph
