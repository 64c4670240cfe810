#include "graph/export.h"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/graphml.hpp>
#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <sstream>

#include "graph/algorithms.h"
#include "storage/store.h"
#include "tests/e2e/kg_runner.h"
#include "tests/graph/graph_fixture.h"

using kg::NodeId;
using kg::Value;
using kg::ValueList;

namespace {

size_t Count(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

bool Contains(const std::string& text, const std::string& needle) {
  return text.find(needle) != std::string::npos;
}

// Quotes, an apostrophe, an ampersand, angle brackets, a newline, a backslash and letters
// outside ASCII: what every format must carry through unchanged.
const std::string kTricky = "Zoë \"Z\" O'Brien & <Ødegård>\nline two \\ 北京";
const std::string kSentence = "Zoë said \"yes\" & <left>\nthen \\ went to 北京.";

// Zoë -spokesperson-for-> Acme (two evidence entries), an article mentioning both, and a
// relationship type and label that need escaping in IRIs.
struct TrickyGraph {
  kg::testing::GraphFixture fixture;
  NodeId person, org, article, odd;

  TrickyGraph() {
    person = fixture.AddNode(
        {"Person"}, {{"name", Value(kTricky)},
                     {"aliases", Value(ValueList{Value("Zo & \"Z\""), Value("Ødegård <2>")})},
                     {"titles", Value(ValueList{Value("minister")})},
                     {"mentions", Value(3)}});
    org = fixture.AddNode({"Organization"}, {{"name", Value("Acme")}, {"mentions", Value(1)}});
    article = fixture.AddNode({"Article"}, {{"title", Value("Report")},
                                            {"path", Value("news/a b.txt")},
                                            {"sha256", Value("ab12")}});
    odd = fixture.AddNode({"Odd Label<x>"}, {{"name", Value("odd")}, {"flag", Value(true)}});
    ValueList evidence = kg::testing::Evidence(7, kSentence).as_list();
    evidence.push_back(kg::testing::Evidence(8, "Acme confirmed it.").as_list()[0]);
    fixture.AddEdge("spokesperson-for", person, org,
                    {{"confidence", Value(0.9)}, {"evidence", Value(evidence)}});
    fixture.AddEdge("MENTIONS", article, person, {{"count", Value(2)}});
    fixture.AddEdge("MENTIONS", article, org, {{"count", Value(1)}});
    fixture.AddEdge("odd type", odd, odd, {{"weight", Value(1.5)}});
  }
};

// RFC 4180: rows of fields, quoted fields may hold "" and newlines.
std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(field);
      field.clear();
    } else if (c == '\n') {
      row.push_back(field);
      field.clear();
      rows.push_back(row);
      row.clear();
    } else {
      field += c;
    }
  }
  REQUIRE_FALSE(quoted);
  REQUIRE(row.empty());
  return rows;
}

// One N-Triples term: its text as written, and for a literal its unescaped value.
struct Term {
  std::string text;
  std::string value;
};

// A strict-enough N-Triples line parser: three terms and a final " .".
std::vector<Term> ParseTriple(const std::string& line) {
  std::vector<Term> terms;
  size_t i = 0;
  auto fail = [&](const std::string& why) {
    FAIL("bad N-Triples line (" << why << "): " << line);
  };
  while (terms.size() < 3) {
    Term term;
    size_t start = i;
    if (line[i] == '<') {
      size_t end = line.find('>', i);
      if (end == std::string::npos) fail("unclosed IRI");
      for (size_t k = i + 1; k < end; ++k) {
        auto byte = static_cast<unsigned char>(line[k]);
        if (byte <= 0x20 || std::string("<\"{}|^`\\").find(line[k]) != std::string::npos) {
          fail("character not allowed in an IRI");
        }
      }
      i = end + 1;
    } else if (line.compare(i, 2, "_:") == 0) {
      while (i < line.size() && line[i] != ' ') ++i;
    } else if (line[i] == '"') {
      ++i;
      while (i < line.size() && line[i] != '"') {
        if (static_cast<unsigned char>(line[i]) < 0x20) fail("raw control character");
        if (line[i] == '\\') {
          char e = line[i + 1];
          if (e == 'n') term.value += '\n';
          else if (e == 'r') term.value += '\r';
          else if (e == 't') term.value += '\t';
          else if (e == '"' || e == '\\') term.value += e;
          else if (e == 'u') {
            term.value += static_cast<char>(std::stoi(line.substr(i + 2, 4), nullptr, 16));
            i += 4;
          } else {
            fail("unknown escape");
          }
          i += 2;
        } else {
          term.value += line[i++];
        }
      }
      if (i >= line.size()) fail("unclosed literal");
      ++i;
      if (line.compare(i, 3, "^^<") == 0) i = line.find('>', i) + 1;
    } else {
      fail("unknown term");
    }
    term.text = line.substr(start, i - start);
    terms.push_back(term);
    if (terms.size() < 3) {
      if (line[i] != ' ') fail("no space between terms");
      ++i;
    }
  }
  if (line.substr(i) != " .") fail("no final ' .'");
  return terms;
}

std::string RunPython(const kg::testing::TempDir& dir, const std::string& script,
                      const std::string& args, int* exit_code) {
  kg::testing::WriteFile(dir / "check.py", script);
  *exit_code = kg::testing::RunShell("cd '" + dir.path() + "' && " KG_PYTHON " check.py " + args +
                                     " > out.txt 2>&1");
  return kg::testing::ReadFile(dir / "out.txt");
}

}  // namespace

TEST_CASE("WriteGraphML: every node and relationship with typed attributes", "[graph]") {
  kg::testing::TempDir dir;
  auto store = kg::storage::Store::Open(dir / "store", {});
  REQUIRE(store.ok());
  {
    auto txn = (*store)->Begin();
    REQUIRE(txn.ok());
    auto a = (*txn)->CreateNode({"Person"}, {{"name", Value("Ada & <Bob>")}, {"mentions", Value(3)}});
    auto b = (*txn)->CreateNode({"Organization"}, {{"name", Value("Acme")}});
    auto c = (*txn)->CreateNode({}, {});
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    REQUIRE(c.ok());
    REQUIRE((*txn)->CreateEdge("leader-of", *a, *b, {{"confidence", Value(0.9)}}).ok());
    REQUIRE((*txn)->CreateEdge("supports", *a, *b, {{"confidence", Value(0.5)}}).ok());
    REQUIRE((*txn)->Commit().ok());
  }
  auto reader = (*store)->Snapshot();
  std::ostringstream out;
  REQUIRE(kg::graph::WriteGraphML(*reader, out).ok());
  std::string xml = out.str();
  CHECK(Count(xml, "<node ") == 3);
  CHECK(Count(xml, "<edge ") == 2);
  CHECK(xml.find("Ada &amp; &lt;Bob&gt;") != std::string::npos);
  CHECK(xml.find(">leader-of<") != std::string::npos);
  CHECK(xml.find("attr.name=\"confidence\" attr.type=\"double\"") != std::string::npos);
  // `mentions` is missing on two nodes: still a number, with no value rather than a false 0.
  CHECK(xml.find("attr.name=\"mentions\" attr.type=\"long\"") != std::string::npos);
  CHECK(Count(xml, "<data key=\"") == 3 * 3 + 3 + 2 * 5);
  CHECK(xml.find(">:Person<") != std::string::npos);
  // No evidence: `articles` is 0, and there is no `evidence` value.
  CHECK(xml.find("attr.name=\"articles\" attr.type=\"long\"") != std::string::npos);
}

TEST_CASE("WriteGraphML: an empty store is a valid empty graph", "[graph]") {
  kg::testing::TempDir dir;
  auto store = kg::storage::Store::Open(dir / "store", {});
  REQUIRE(store.ok());
  std::ostringstream out;
  REQUIRE(kg::graph::WriteGraphML(*(*store)->Snapshot(), out).ok());
  CHECK(out.str().find("<graph ") != std::string::npos);
  CHECK(Count(out.str(), "<node ") == 0);
}

TEST_CASE("WriteGraphML: evidence, aliases and escaping", "[graph]") {
  TrickyGraph g;
  auto reader = g.fixture.Reader();
  std::ostringstream out;
  REQUIRE(kg::graph::WriteGraphML(*reader, kg::graph::GraphFilter{}, out).ok());
  std::string xml = out.str();
  CHECK(Contains(xml, "Zoë &quot;Z&quot; O&apos;Brien &amp; &lt;Ødegård&gt;&#10;line two \\ 北京"));
  CHECK(Contains(xml, ">Zo &amp; &quot;Z&quot;; Ødegård &lt;2&gt;<"));  // aliases as text
  CHECK(Contains(xml, "attr.name=\"articles\" attr.type=\"long\""));
  CHECK(Contains(xml, "attr.name=\"evidence\" attr.type=\"string\""));
  CHECK(Contains(xml, ">2</data>"));
  CHECK(Contains(xml, "Zoë said &quot;yes&quot; &amp; &lt;left&gt;&#10;then \\ went to 北京."));
  CHECK_FALSE(Contains(xml, "Acme confirmed it."));  // only the first sentence
  CHECK(Contains(xml, "attr.name=\"mentions\" attr.type=\"long\""));  // Article has none
}

TEST_CASE("WriteGraphML: control characters become U+FFFD", "[graph]") {
  kg::testing::GraphFixture fixture;
  fixture.AddNode({"Person"}, {{"name", Value(std::string("bell\x07") + "nul" + '\0' + "end")}});
  auto reader = fixture.Reader();
  std::ostringstream out;
  REQUIRE(kg::graph::WriteGraphML(*reader, out).ok());
  CHECK(Contains(out.str(), "bell\xEF\xBF\xBDnul\xEF\xBF\xBD" "end"));
}

TEST_CASE("WriteGraphML: Boost's read_graphml reads it back", "[graph]") {
  TrickyGraph g;
  auto reader = g.fixture.Reader();
  std::stringstream xml;
  REQUIRE(kg::graph::WriteGraphML(*reader, xml).ok());

  struct Vertex {
    std::string name, labels, aliases;
    long kg_id = 0;
    long mentions = -1;
  };
  struct Link {
    std::string type, evidence;
    long articles = -1;
    double confidence = 0;
  };
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, Vertex, Link>;
  Graph graph;
  boost::dynamic_properties properties(boost::ignore_other_properties);
  properties.property("name", boost::get(&Vertex::name, graph));
  properties.property("labels", boost::get(&Vertex::labels, graph));
  properties.property("aliases", boost::get(&Vertex::aliases, graph));
  properties.property("mentions", boost::get(&Vertex::mentions, graph));
  properties.property("kg_id", boost::get(&Vertex::kg_id, graph));
  properties.property("type", boost::get(&Link::type, graph));
  properties.property("evidence", boost::get(&Link::evidence, graph));
  properties.property("articles", boost::get(&Link::articles, graph));
  properties.property("confidence", boost::get(&Link::confidence, graph));
  REQUIRE_NOTHROW(boost::read_graphml(xml, graph, properties));

  REQUIRE(boost::num_vertices(graph) == 4);
  REQUIRE(boost::num_edges(graph) == 4);
  const Vertex& person = graph[0];
  CHECK(person.kg_id == static_cast<long>(g.person));
  CHECK(person.name == kTricky);
  CHECK(person.labels == ":Person");
  CHECK(person.aliases == "Zo & \"Z\"; Ødegård <2>");
  CHECK(person.mentions == 3);
  CHECK(graph[2].mentions == -1);  // the article has none: Boost leaves the default
  CHECK(graph[3].labels == ":Odd Label<x>");
  std::map<std::string, Link> by_type;
  for (auto [it, end] = boost::edges(graph); it != end; ++it) by_type[graph[*it].type] = graph[*it];
  CHECK(by_type["spokesperson-for"].articles == 2);
  CHECK(by_type["spokesperson-for"].evidence == kSentence);
  CHECK(by_type["spokesperson-for"].confidence == Approx(0.9));
  CHECK(by_type["MENTIONS"].articles == 0);
}

TEST_CASE("WriteGraphML: NetworkX reads it back, and agrees on PageRank", "[graph]") {
  TrickyGraph g;
  auto reader = g.fixture.Reader();
  kg::testing::TempDir dir;
  {
    std::ofstream file(dir / "kg.graphml", std::ios::binary);
    REQUIRE(kg::graph::WriteGraphML(*reader, file).ok());
  }
  kg::testing::WriteFile(dir / "name.txt", kTricky);
  kg::testing::WriteFile(dir / "sentence.txt", kSentence);
  const std::string script = R"(
import sys
try:
    import networkx as nx
except ImportError:
    print("SKIP networkx is not installed")
    sys.exit(0)
g = nx.read_graphml("kg.graphml")
name = open("name.txt", encoding="utf-8").read()
sentence = open("sentence.txt", encoding="utf-8").read()
assert g.number_of_nodes() == 4, g.number_of_nodes()
assert g.number_of_edges() == 4, g.number_of_edges()
people = [d for _, d in g.nodes(data=True) if d.get("labels") == ":Person"]
assert len(people) == 1, people
assert people[0]["name"] == name, repr(people[0]["name"])
assert people[0]["label"] == name
assert people[0]["aliases"] == 'Zo & "Z"; Ødegård <2>', repr(people[0]["aliases"])
facts = [d for _, _, d in g.edges(data=True) if d.get("type") == "spokesperson-for"]
assert len(facts) == 1
assert facts[0]["articles"] == 2 and facts[0]["evidence"] == sentence, facts[0]
assert isinstance(facts[0]["confidence"], float)
try:
    from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python as pagerank
except ImportError:
    pagerank = nx.pagerank
for node, score in sorted(pagerank(g, tol=1e-12, max_iter=1000).items()):
    print("PR", g.nodes[node]["kg_id"], repr(score))
for node, score in sorted(nx.betweenness_centrality(nx.Graph(g)).items()):
    print("BC", g.nodes[node]["kg_id"], repr(score))
print("OK")
)";
  int exit_code = -1;
  std::string out = RunPython(dir, script, "", &exit_code);
  INFO(out);
  REQUIRE(exit_code == 0);
  if (Contains(out, "SKIP")) {
    WARN("networkx is not installed: GraphML read back by NetworkX not checked");
    return;
  }
  REQUIRE(Contains(out, "OK"));

  auto view = kg::graph::BuildView(*reader);
  REQUIRE(view.ok());
  auto ranks = kg::graph::PageRank(*view);
  REQUIRE(ranks.ok());
  auto betweenness = kg::graph::BetweennessCentrality(*view);
  REQUIRE(betweenness.ok());
  std::istringstream lines(out);
  std::string kind;
  int checked = 0;
  while (lines >> kind) {
    if (kind != "PR" && kind != "BC") continue;
    NodeId id = 0;
    double score = 0;
    lines >> id >> score;
    auto vertex = view->VertexOf(id);
    REQUIRE(vertex.has_value());
    double ours = kind == "PR" ? (*ranks)[*vertex].score : (*betweenness)[*vertex].score;
    INFO(kind << " of node " << id);
    CHECK(ours == Approx(score).epsilon(1e-6));
    ++checked;
  }
  CHECK(checked == 8);
}

TEST_CASE("WriteGraphML: igraph reads it back, when installed", "[graph]") {
  TrickyGraph g;
  auto reader = g.fixture.Reader();
  kg::testing::TempDir dir;
  {
    std::ofstream file(dir / "kg.graphml", std::ios::binary);
    REQUIRE(kg::graph::WriteGraphML(*reader, file).ok());
  }
  kg::testing::WriteFile(dir / "name.txt", kTricky);
  const std::string script = R"(
import sys
try:
    import igraph
except ImportError:
    print("SKIP")
    sys.exit(0)
g = igraph.Graph.Read_GraphML("kg.graphml")
assert g.vcount() == 4 and g.ecount() == 4
assert open("name.txt", encoding="utf-8").read() in g.vs["name"]
print("OK")
)";
  int exit_code = -1;
  std::string out = RunPython(dir, script, "", &exit_code);
  INFO(out);
  REQUIRE(exit_code == 0);
  if (Contains(out, "SKIP")) {
    WARN("python3-igraph is not installed: GraphML read back by igraph not checked");
  } else {
    CHECK(Contains(out, "OK"));
  }
}

TEST_CASE("WriteGraphML: a filter or a subgraph selects what is written", "[graph]") {
  TrickyGraph g;
  auto reader = g.fixture.Reader();
  std::ostringstream people;
  REQUIRE(kg::graph::WriteGraphML(*reader, kg::graph::GraphFilter{.labels = {"Person"}}, people)
              .ok());
  CHECK(Count(people.str(), "<node ") == 1);
  CHECK(Count(people.str(), "<edge ") == 0);

  std::ostringstream part;
  REQUIRE(kg::graph::WriteGraphML(*reader, kg::graph::Subgraph{.nodes = {g.org, g.article}}, part)
              .ok());
  CHECK(Count(part.str(), "<node ") == 2);
  CHECK(Count(part.str(), "<edge ") == 0);

  std::ostringstream missing;
  auto status = kg::graph::WriteGraphML(*reader, kg::graph::Subgraph{.nodes = {999}}, missing);
  CHECK(status.code() == kg::StatusCode::kNotFound);
}

TEST_CASE("WriteDot: escaped labels that Graphviz renders", "[graph]") {
  TrickyGraph g;
  auto reader = g.fixture.Reader();
  std::ostringstream out;
  REQUIRE(kg::graph::WriteDot(*reader, kg::graph::GraphFilter{}, out).ok());
  std::string dot = out.str();
  CHECK(dot.rfind("digraph kg {\n", 0) == 0);
  CHECK(Contains(dot, "n" + std::to_string(g.person) +
                          " [label=\"Zoë \\\"Z\\\" O'Brien &amp; <Ødegård>\\nline two \\\\ "
                          "北京\\n:Person\""));
  CHECK(Contains(dot, "n" + std::to_string(g.person) + " -> n" + std::to_string(g.org) +
                          " [label=\"spokesperson-for (0.90)\""));
  CHECK(Contains(dot, "tooltip=\"Zoë said \\\"yes\\\" &amp; <left>\\nthen \\\\ went to 北京.\""));
  CHECK(Contains(dot, "tooltip=\"aliases: Zo &amp; \\\"Z\\\"; Ødegård <2>\""));
  CHECK(Count(dot, " -> ") == 4);
  for (char c : dot) {
    if (c == '\r') FAIL("raw carriage return in DOT");
  }

  if (kg::testing::RunShell("command -v dot > /dev/null 2>&1") != 0) {
    WARN("Graphviz dot is not installed: rendering not checked");
    return;
  }
  kg::testing::TempDir dir;
  kg::testing::WriteFile(dir / "kg.dot", dot);
  int exit_code = kg::testing::RunShell("dot -Tsvg '" + (dir / "kg.dot") + "' -o '" +
                                        (dir / "kg.svg") + "' 2> '" + (dir / "err.txt") + "'");
  std::string errors = kg::testing::ReadFile(dir / "err.txt");
  INFO(errors);
  REQUIRE(exit_code == 0);
  CHECK(errors.empty());
  std::string svg = kg::testing::ReadFile(dir / "kg.svg");
  // The name's two lines, as text of the drawing.
  CHECK(Contains(svg, "Zoë &quot;Z&quot; O&#39;Brien &amp; &lt;Ødegård&gt;"));
  CHECK(Contains(svg, "line two \\ 北京"));
}

TEST_CASE("WriteNTriples: IRIs under urn:kg:, typed and escaped literals", "[graph]") {
  TrickyGraph g;
  auto reader = g.fixture.Reader();
  std::ostringstream out;
  REQUIRE(kg::graph::WriteNTriples(*reader, kg::graph::GraphFilter{}, out).ok());
  std::string nt = out.str();

  std::map<std::string, std::vector<std::vector<Term>>> by_predicate;
  std::istringstream lines(nt);
  std::string line;
  size_t count = 0;
  while (std::getline(lines, line)) {
    auto terms = ParseTriple(line);
    by_predicate[terms[1].text].push_back(terms);
    ++count;
  }
  CHECK(count > 30);
  std::string person = "<urn:kg:node:" + std::to_string(g.person) + ">";
  std::string org = "<urn:kg:node:" + std::to_string(g.org) + ">";

  auto& names = by_predicate["<urn:kg:prop:name>"];
  REQUIRE(names.size() == 3);
  CHECK(names[0][0].text == person);
  CHECK(names[0][2].value == kTricky);
  auto& labels = by_predicate["<http://www.w3.org/2000/01/rdf-schema#label>"];
  REQUIRE_FALSE(labels.empty());
  CHECK(labels[0][2].value == kTricky);

  auto& aliases = by_predicate["<urn:kg:prop:aliases>"];
  REQUIRE(aliases.size() == 2);
  CHECK(aliases[0][2].value == "Zo & \"Z\"");
  CHECK(aliases[1][2].value == "Ødegård <2>");

  CHECK(Contains(nt, person + " <urn:kg:prop:mentions> \"3\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n"));
  CHECK(Contains(nt, "<urn:kg:prop:flag> \"true\"^^<http://www.w3.org/2001/XMLSchema#boolean> .\n"));
  CHECK(Contains(nt, person + " <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <urn:kg:label:Person> .\n"));
  CHECK(Contains(nt, "<urn:kg:label:Odd%20Label%3Cx%3E>"));
  CHECK(Contains(nt, "<urn:kg:rel:odd%20type>"));
  CHECK(Contains(nt, person + " <urn:kg:rel:spokesperson-for> " + org + " .\n"));

  // The relationship, reified, carries its confidence and evidence entries as blank nodes.
  auto& confidence = by_predicate["<urn:kg:prop:confidence>"];
  REQUIRE(confidence.size() == 1);
  CHECK(confidence[0][0].text.rfind("<urn:kg:edge:", 0) == 0);
  CHECK(confidence[0][2].text == "\"0.9\"^^<http://www.w3.org/2001/XMLSchema#double>");
  auto& evidence = by_predicate["<urn:kg:prop:evidence>"];
  REQUIRE(evidence.size() == 2);
  CHECK(evidence[0][2].text.rfind("_:", 0) == 0);
  CHECK(evidence[0][2].text != evidence[1][2].text);
  auto& texts = by_predicate["<urn:kg:prop:text>"];
  REQUIRE(texts.size() == 2);
  CHECK(texts[0][0].text == evidence[0][2].text);
  CHECK(texts[0][2].value == kSentence);
  CHECK(by_predicate["<http://www.w3.org/1999/02/22-rdf-syntax-ns#subject>"].size() == 4);
}

TEST_CASE("WriteNTriples: control characters are \\u escapes", "[graph]") {
  kg::testing::GraphFixture fixture;
  fixture.AddNode({"Person"}, {{"name", Value("tab\there\x01\r")}});
  auto reader = fixture.Reader();
  std::ostringstream out;
  REQUIRE(kg::graph::WriteNTriples(*reader, kg::graph::GraphFilter{}, out).ok());
  CHECK(Contains(out.str(), "\"tab\\there\\u0001\\r\" ."));
}

TEST_CASE("WriteCsv: Neo4j bulk-import nodes and relationships", "[graph]") {
  TrickyGraph g;
  auto reader = g.fixture.Reader();
  std::ostringstream nodes_out, edges_out;
  REQUIRE(kg::graph::WriteCsv(*reader, kg::graph::GraphFilter{}, nodes_out, edges_out).ok());

  auto nodes = ParseCsv(nodes_out.str());
  REQUIRE(nodes.size() == 5);
  CHECK(nodes[0] == std::vector<std::string>{"kg_id:ID", ":LABEL", "name", "aliases:string[]",
                                             "titles:string[]", "mentions:long", "first_seen",
                                             "last_seen", "title", "path", "sha256",
                                             "ingested_at", "text", "properties"});
  CHECK(nodes[1] == std::vector<std::string>{std::to_string(g.person), "Person", kTricky,
                                             "Zo & \"Z\";Ødegård <2>", "minister", "3", "", "",
                                             "", "", "", "", "", ""});
  CHECK(nodes[3][1] == "Article");
  CHECK(nodes[3][8] == "Report");
  CHECK(nodes[3][9] == "news/a b.txt");
  CHECK(nodes[3][10] == "ab12");
  CHECK(nodes[4][1] == "Odd Label<x>");
  CHECK(nodes[4][13] == "{\"flag\":true}");
  for (const auto& row : nodes) CHECK(row.size() == 14);

  auto edges = ParseCsv(edges_out.str());
  REQUIRE(edges.size() == 5);
  CHECK(edges[0] == std::vector<std::string>{":START_ID", ":END_ID", ":TYPE", "kg_id:long",
                                             "articles:long", "evidence", "confidence:double",
                                             "count:long", "properties"});
  CHECK(edges[1][0] == std::to_string(g.person));
  CHECK(edges[1][1] == std::to_string(g.org));
  CHECK(edges[1][2] == "spokesperson-for");
  CHECK(edges[1][4] == "2");
  CHECK(edges[1][5] == kSentence);
  CHECK(edges[1][6] == "0.9");
  CHECK(edges[1][7] == "");
  // The full evidence goes as JSON: newlines and quotes escaped the JSON way.
  CHECK(Contains(edges[1][8], "\"text\":\"Zoë said \\\"yes\\\" & <left>\\nthen \\\\ went to 北京.\""));
  CHECK(Contains(edges[1][8], "Acme confirmed it."));
  CHECK(edges[2] == std::vector<std::string>{std::to_string(g.article), std::to_string(g.person),
                                             "MENTIONS", edges[2][3], "0", "", "", "2", ""});
  CHECK(edges[4][2] == "odd type");
  CHECK(edges[4][8] == "{\"weight\":1.5}");
  for (const auto& row : edges) CHECK(row.size() == 9);
}

TEST_CASE("WriteCsv: Python's csv module reads the same fields", "[graph]") {
  TrickyGraph g;
  auto reader = g.fixture.Reader();
  kg::testing::TempDir dir;
  {
    std::ofstream nodes(dir / "nodes.csv", std::ios::binary);
    std::ofstream edges(dir / "relationships.csv", std::ios::binary);
    REQUIRE(kg::graph::WriteCsv(*reader, kg::graph::GraphFilter{}, nodes, edges).ok());
  }
  kg::testing::WriteFile(dir / "name.txt", kTricky);
  const std::string script = R"(
import csv, json
name = open("name.txt", encoding="utf-8").read()
with open("nodes.csv", newline="", encoding="utf-8") as f:
    rows = list(csv.DictReader(f))
assert rows[0]["name"] == name, repr(rows[0]["name"])
assert rows[0]["aliases:string[]"].split(";") == ['Zo & "Z"', "Ødegård <2>"]
with open("relationships.csv", newline="", encoding="utf-8") as f:
    rels = list(csv.DictReader(f))
props = json.loads(rels[0]["properties"])
assert props["evidence"][1]["text"] == "Acme confirmed it."
assert float(rels[0]["confidence:double"]) == 0.9
print("OK")
)";
  int exit_code = -1;
  std::string out = RunPython(dir, script, "", &exit_code);
  INFO(out);
  REQUIRE(exit_code == 0);
  CHECK(Contains(out, "OK"));
}

TEST_CASE("WriteGraphML: whitespace and full double precision survive Boost's reader",
          "[graph]") {
  const std::string spaced = "  two  spaces\tand a tab\r\nend ";
  kg::testing::GraphFixture fixture;
  NodeId a = fixture.AddNode({"Person"}, {{"name", Value(spaced)}});
  NodeId b = fixture.AddNode({"Person"}, {{"name", Value(" ")}});
  fixture.AddEdge("r", a, b, {{"confidence", Value(0.123456789012345)}});
  auto reader = fixture.Reader();
  std::stringstream xml;
  REQUIRE(kg::graph::WriteGraphML(*reader, xml).ok());
  CHECK(Contains(xml.str(), ">&#32;&#32;two &#32;spaces&#9;and a tab&#13;&#10;end&#32;<"));

  struct Vertex {
    std::string name;
  };
  struct Link {
    double confidence = 0;
  };
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, Vertex, Link>;
  Graph graph;
  boost::dynamic_properties properties(boost::ignore_other_properties);
  properties.property("name", boost::get(&Vertex::name, graph));
  properties.property("confidence", boost::get(&Link::confidence, graph));
  REQUIRE_NOTHROW(boost::read_graphml(xml, graph, properties));
  REQUIRE(boost::num_vertices(graph) == 2);
  // Boost's reader trims one trailing space even when it is a character reference
  // (RapidXML trims after expanding); everything else comes back.
  CHECK(graph[0].name == spaced.substr(0, spaced.size() - 1));
  CHECK(graph[1].name.empty());
  auto [edge, end] = boost::edges(graph);
  REQUIRE(edge != end);
  CHECK(graph[*edge].confidence == 0.123456789012345);
}
