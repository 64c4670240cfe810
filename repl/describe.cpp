#include "repl/describe.h"

#include <iomanip>
#include <optional>
#include <sstream>

#include "graph/algorithms.h"
#include "graph/view.h"
#include "storage/store.h"

namespace kg::repl {

namespace {

std::string JoinList(const Value& list) {
  if (!list.is_list()) return list.is_null() ? "" : list.ToDisplay();
  std::string out;
  for (const auto& v : list.as_list()) out += (out.empty() ? "" : ", ") + v.ToDisplay();
  return out;
}

std::string LabelText(const Value& labels) {
  std::string out;
  if (labels.is_list()) {
    for (const auto& l : labels.as_list()) out += ":" + l.ToDisplay();
  }
  return out;
}

std::string Shorten(const std::string& text, size_t limit) {
  if (text.size() <= limit) return text;
  size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // UTF-8
  return text.substr(0, cut) + "…";
}

// One line per evidence entry: the sentence, where it is.
void PrintEvidence(const Value& evidence, const std::map<int64_t, std::string>& article_titles,
                   const std::string& indent, size_t limit, std::ostream& out) {
  if (!evidence.is_list()) return;
  size_t shown = 0;
  for (const auto& e : evidence.as_list()) {
    if (!e.is_map()) continue;
    if (shown == limit) {
      out << indent << "… and " << evidence.as_list().size() - limit << " more\n";
      break;
    }
    const auto& m = e.as_map();
    auto text = m.find("text");
    auto article = m.find("article");
    auto sentence = m.find("sentence");
    out << indent << "\"" << (text != m.end() ? Shorten(text->second.ToDisplay(), 160) : "")
        << "\"";
    // Ingested articles are named by their node id; imported triples by a path or title.
    if (article != m.end() && !article->second.is_null()) {
      std::string where = article->second.ToDisplay();
      if (article->second.is_int()) {
        auto title = article_titles.find(article->second.as_int());
        where = title != article_titles.end() ? title->second : "article " + where;
      }
      out << "  (" << where;
      if (sentence != m.end()) out << ", sentence " << sentence->second.ToDisplay();
      out << ")";
    }
    out << "\n";
    ++shown;
  }
}

Result<std::map<int64_t, std::string>> ArticleTitles(query::Engine& engine) {
  auto result = engine.Execute(
      "MATCH (a:Article) RETURN id(a), coalesce(a.title, a.path, toString(id(a)))");
  if (!result.ok()) return result.status();
  std::map<int64_t, std::string> titles;
  for (const auto& row : result->rows) {
    titles[row[0].value().as_int()] = Shorten(row[1].value().ToDisplay(), 60);
  }
  return titles;
}

Status DescribeOne(query::Engine& engine, int64_t id,
                   const std::map<int64_t, std::string>& titles, std::ostream& out) {
  ValueMap params = {{"id", Value(id)}};
  auto node = engine.Execute(
      "MATCH (e) WHERE id(e) = $id RETURN e.name, labels(e), e.aliases, e.titles", params);
  if (!node.ok()) return node.status();
  if (node->rows.empty()) return Status::NotFound("entity " + std::to_string(id) + " is gone");
  const auto& n = node->rows[0];
  out << n[0].ToDisplay() << "  " << LabelText(n[1].value()) << "\n";
  if (std::string aliases = JoinList(n[2].value()); !aliases.empty()) {
    out << "  aliases: " << aliases << "\n";
  }
  if (std::string titles_text = JoinList(n[3].value()); !titles_text.empty()) {
    out << "  titles: " << titles_text << "\n";
  }

  auto articles = engine.Execute(
      "MATCH (a:Article)-[m:MENTIONS]->(e) WHERE id(e) = $id "
      "RETURN coalesce(a.title, a.path), m.count ORDER BY m.count DESC",
      params);
  if (!articles.ok()) return articles.status();
  if (!articles->rows.empty()) {
    out << "  mentioned in " << articles->rows.size()
        << (articles->rows.size() == 1 ? " article:" : " articles:") << "\n";
    for (const auto& row : articles->rows) {
      out << "    " << Shorten(row[0].ToDisplay(), 70) << " (" << row[1].ToDisplay() << "×)\n";
    }
  }

  auto facts = engine.Execute(
      "MATCH (e)-[r]-(o) WHERE id(e) = $id AND type(r) <> 'MENTIONS' "
      "RETURN startNode(r) = e AS outgoing, type(r) AS type, "
      "coalesce(o.name, o.text, o.title) AS other, labels(o) AS labels, "
      "r.confidence AS confidence, r.evidence AS evidence "
      "ORDER BY type, other",
      params);
  if (!facts.ok()) return facts.status();
  if (facts->rows.empty()) {
    out << "  no relationships\n";
    return Status::OK();
  }
  out << "  relationships:\n";
  for (const auto& row : facts->rows) {
    bool outgoing = row[0].value().is_bool() && row[0].value().as_bool();
    std::string type = row[1].ToDisplay();
    std::string other = row[2].ToDisplay();
    bool quote = LabelText(row[3].value()) == ":Quote";
    out << "    " << (outgoing ? "-[" : "<-[") << type << (outgoing ? "]-> " : "]- ");
    if (quote) out << "\"" << Shorten(other, 120) << "\"";
    else out << other << " (" << LabelText(row[3].value()) << ")";
    if (row[4].value().is_number()) {
      out << "  confidence " << std::fixed << std::setprecision(2) << row[4].value().as_number();
      out.unsetf(std::ios::fixed);
    }
    out << "\n";
    PrintEvidence(row[5].value(), titles, "        ", 3, out);
  }
  return Status::OK();
}

}  // namespace

Result<std::vector<int64_t>> FindEntities(query::Engine& engine, const std::string& name) {
  // From the cheapest lookup to the broadest: the name index first.
  const char* lookups[] = {
      "MATCH (e {name: $name}) WHERE NOT e:Article AND NOT e:Quote RETURN id(e) ORDER BY id(e)",
      "MATCH (e) WHERE $name IN e.aliases RETURN id(e) ORDER BY id(e)",
      "MATCH (e) WHERE toLower(e.name) = toLower($name) AND NOT e:Article AND NOT e:Quote "
      "RETURN id(e) ORDER BY id(e)",
      // A surname alone ("Zelensky") finds the people whose names end in it.
      "MATCH (e:Person) WHERE toLower(e.name) ENDS WITH toLower(' ' + $name) "
      "OR any(a IN coalesce(e.aliases, []) WHERE toLower(a) ENDS WITH toLower(' ' + $name)) "
      "RETURN id(e) ORDER BY id(e)",
  };
  for (const char* lookup : lookups) {
    auto result = engine.Execute(lookup, {{"name", Value(name)}});
    if (!result.ok()) return result.status();
    std::vector<int64_t> ids;
    for (const auto& row : result->rows) ids.push_back(row[0].value().as_int());
    if (!ids.empty()) return ids;
  }
  return Status::NotFound("no entity named '" + name + "'");
}

Status Describe(query::Engine& engine, const std::string& name, std::ostream& out) {
  auto ids = FindEntities(engine, name);
  if (!ids.ok()) return ids.status();
  auto titles = ArticleTitles(engine);
  if (!titles.ok()) return titles.status();
  bool first = true;
  for (int64_t id : *ids) {
    if (!first) out << "\n";
    first = false;
    KG_RETURN_IF_ERROR(DescribeOne(engine, id, *titles, out));
  }
  return Status::OK();
}

Status DescribePath(query::Engine& engine, const storage::GraphReader& reader,
                    const std::string& from, const std::string& to, std::ostream& out) {
  auto a = FindEntities(engine, from);
  if (!a.ok()) return a.status();
  auto b = FindEntities(engine, to);
  if (!b.ok()) return b.status();
  graph::GraphFilter facts;
  facts.exclude_types = {"MENTIONS"};
  facts.exclude_labels = {"Article"};
  auto view = graph::BuildView(reader, facts);
  if (!view.ok()) return view.status();
  // A few candidates each way at most: a common surname must not cost a search per pair.
  constexpr size_t kCandidates = 5;
  std::optional<graph::Path> best;
  for (size_t i = 0; i < a->size() && i < kCandidates; ++i) {
    for (size_t j = 0; j < b->size() && j < kCandidates; ++j) {
      auto path = graph::ShortestPath(*view, static_cast<NodeId>((*a)[i]),
                                      static_cast<NodeId>((*b)[j]), Direction::kBoth);
      if (!path.ok()) return path.status();
      if (path->has_value() && (!best || (*path)->edges.size() < best->edges.size())) {
        best = **path;
      }
    }
  }
  if (!best) {
    return Status::NotFound("no chain of facts joins '" + from + "' and '" + to + "'");
  }
  auto titles = ArticleTitles(engine);
  if (!titles.ok()) return titles.status();
  auto name_of = [&reader](NodeId id) {
    auto n = reader.GetNode(id);
    if (!n.ok()) return "#" + std::to_string(id);
    auto it = n->properties.find("name");
    if (it == n->properties.end()) it = n->properties.find("text");
    return it == n->properties.end() ? "#" + std::to_string(id) : it->second.ToDisplay();
  };
  out << name_of(best->nodes.front()) << "\n";
  for (size_t i = 0; i < best->edges.size(); ++i) {
    auto e = reader.GetEdge(best->edges[i]);
    if (!e.ok()) return e.status();
    bool forward = e->source == best->nodes[i];
    out << "  " << (forward ? "-[" : "<-[") << e->type << (forward ? "]-> " : "]- ")
        << name_of(best->nodes[i + 1]) << "\n";
    auto evidence = e->properties.find("evidence");
    if (evidence != e->properties.end()) PrintEvidence(evidence->second, *titles, "      ", 1, out);
  }
  out << best->edges.size() << (best->edges.size() == 1 ? " hop" : " hops") << "\n";
  return Status::OK();
}

}  // namespace kg::repl
