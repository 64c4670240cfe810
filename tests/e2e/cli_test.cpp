// End-to-end tests of the kg command tree on the example article.
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/e2e/kg_runner.h"

using kg::testing::ReadFile;
using kg::testing::RunKg;
using kg::testing::TempDir;
using kg::testing::WriteFile;

namespace {

const std::string kArticles = std::string(KG_SOURCE_DIR) + "/examples/articles";
const std::string kLeavitt = kArticles + "/00_leavitt_peace_plan.txt";

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// A store with the example article in it, made once per test.
struct IngestedStore {
  TempDir dir;
  std::string db = dir / "store";
  IngestedStore() {
    auto r = RunKg({"ingest", kArticles, "--db", db});
    REQUIRE(r.exit_code == 0);
  }
};

}  // namespace

TEST_CASE("kg extract: prints the schema's JSON lines for an article", "[e2e]") {
  auto r = RunKg({"extract", kLeavitt, "--format", "jsonl"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.empty());
  bool leavitt_entity = false, spokesperson = false;
  std::istringstream lines(r.out);
  std::string line;
  while (std::getline(lines, line)) {
    auto j = nlohmann::json::parse(line);  // every line is a JSON object
    if (j.contains("entity") && j["entity"] == "Karoline Leavitt" && j["type"] == "Person") {
      leavitt_entity = true;
    }
    if (j.contains("predicate") && j["predicate"] == "spokesperson-for" &&
        j["subject"] == "Karoline Leavitt" && j["object"] == "White House") {
      spokesperson = true;
      CHECK(j["subject_type"] == "Person");
      CHECK(j["object_type"] == "Organization");
      CHECK(j["confidence"].get<double>() > 0.0);
      CHECK(j["confidence"].get<double>() <= 1.0);
    }
  }
  CHECK(leavitt_entity);
  CHECK(spokesperson);
}

TEST_CASE("kg extract: a missing file is named and fails", "[e2e]") {
  auto r = RunKg({"extract", "no-such-article.txt"});
  CHECK(r.exit_code == 1);
  CHECK(Contains(r.err, "no-such-article.txt"));
  CHECK(r.out.empty());
}

TEST_CASE("kg: an unknown option or command is a usage error", "[e2e]") {
  auto r = RunKg({"stats", "--frobnicate"});
  CHECK(r.exit_code == 2);
  CHECK(Contains(r.err, "frobnicate"));
  auto r2 = RunKg({"explode"});
  CHECK(r2.exit_code == 2);
  auto r3 = RunKg({});
  CHECK(r3.exit_code == 2);
}

TEST_CASE("kg ingest: stores an article, and a second ingest skips it", "[e2e]") {
  TempDir dir;
  std::string db = dir / "store";
  auto first = RunKg({"ingest", kArticles, "--db", db});
  REQUIRE(first.exit_code == 0);
  CHECK(Contains(first.out, "ingested 1 article"));
  auto stats1 = RunKg({"stats", "--db", db});
  REQUIRE(stats1.exit_code == 0);
  CHECK(Contains(stats1.out, "articles: 1\n"));

  auto second = RunKg({"ingest", kArticles, "--db", db});
  REQUIRE(second.exit_code == 0);
  CHECK(Contains(second.out, "ingested 0 articles"));
  CHECK(Contains(second.out, "1 skipped"));
  CHECK(Contains(second.err, "skipped"));
  auto stats2 = RunKg({"stats", "--db", db});
  CHECK(stats2.out == stats1.out);
}

TEST_CASE("kg ingest: a missing file fails alone and is named", "[e2e]") {
  TempDir dir;
  std::string db = dir / "store";
  auto r = RunKg({"ingest", kLeavitt, dir / "missing.txt", "--db", db});
  CHECK(r.exit_code == 1);
  CHECK(Contains(r.err, "missing.txt"));
  CHECK(Contains(r.out, "ingested 1 article"));
}

TEST_CASE("kg query: the seed example finds the White House spokesperson", "[e2e]") {
  IngestedStore s;
  auto r = RunKg({"query", "MATCH (p:Person)-[:spokesperson_for]->(o) RETURN p.name, o.name",
                  "--db", s.db});
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.empty());
  CHECK(Contains(r.out, "p.name,o.name\n"));
  CHECK(Contains(r.out, "Karoline Leavitt,White House\n"));
}

TEST_CASE("kg query: label, property map, WHERE and LIMIT", "[e2e]") {
  IngestedStore s;
  auto r = RunKg({"query",
                  "MATCH (a:Person {name: 'Karoline Leavitt'})-[r:spokesperson_for]->(b) "
                  "WHERE b.name STARTS WITH 'White' RETURN a.name, type(r), b.name LIMIT 1",
                  "--db", s.db});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == "a.name,type(r),b.name\nKaroline Leavitt,spokesperson-for,White House\n");
}

TEST_CASE("kg query: a syntax error names line and column and shows a caret", "[e2e]") {
  IngestedStore s;
  auto r = RunKg({"query", "MATCH (n) RETRUN n", "--db", s.db});
  CHECK(r.exit_code == 1);
  CHECK(Contains(r.err, "<command>:1:11: syntax error"));
  CHECK(Contains(r.err, "MATCH (n) RETRUN n\n          ^~~~~~\n"));
  CHECK(r.out.empty());
}

TEST_CASE("kg query -f: errors name the file and line; the script stops there", "[e2e]") {
  IngestedStore s;
  std::string script = s.dir / "script.kgq";
  WriteFile(script,
            "RETURN 1 AS one;\n"
            "// a comment; with a semicolon\n"
            "RETURN 'two;' AS two;\n"
            "MATCH (n)\n"
            "  RETURN m;\n"
            "RETURN 3 AS three;\n");
  auto r = RunKg({"query", "-f", script, "--db", s.db});
  CHECK(r.exit_code == 1);
  CHECK(r.out == "one\n1\ntwo\ntwo;\n");
  CHECK(Contains(r.err, script + ":5:10: semantic error (UndefinedVariable)"));
  auto r2 = RunKg({"query", "-f", script, "--continue", "--db", s.db});
  CHECK(r2.exit_code == 1);
  CHECK(Contains(r2.out, "three\n3\n"));
}

TEST_CASE("kg query: statements on stdin run, the last one without ';' too", "[e2e]") {
  IngestedStore s;
  auto r = RunKg({"query", "--db", s.db}, "RETURN 1 AS a;\nRETURN 2 AS b\n");
  CHECK(r.exit_code == 0);
  CHECK(r.out == "a\n1\nb\n2\n");
}

TEST_CASE("kg query: output modes json, jsonl, markdown and table", "[e2e]") {
  IngestedStore s;
  std::string q = "MATCH (p:Person)-[:spokesperson_for]->(o) RETURN p.name AS who, o.name AS org";
  auto json = RunKg({"query", q, "-m", "json", "--db", s.db});
  REQUIRE(json.exit_code == 0);
  auto parsed = nlohmann::json::parse(json.out);
  REQUIRE(parsed.is_array());
  CHECK(parsed[0]["who"] == "Karoline Leavitt");
  auto jsonl = RunKg({"query", q, "-m", "jsonl", "--db", s.db});
  CHECK(Contains(jsonl.out, "{\"who\":\"Karoline Leavitt\",\"org\":\"White House\"}\n"));
  auto md = RunKg({"query", q, "-m", "markdown", "--db", s.db});
  CHECK(Contains(md.out, "| who"));
  CHECK(Contains(md.out, "| Karoline Leavitt | White House |"));
  auto table = RunKg({"query", q, "-m", "table", "--db", s.db});
  CHECK(Contains(table.out, "+------------------+-------------+\n"));
  auto bad = RunKg({"query", q, "-m", "yaml", "--db", s.db});
  CHECK(bad.exit_code == 2);
}

TEST_CASE("kg --db: a folder that is not a kg store is refused and left alone", "[e2e]") {
  TempDir dir;
  std::string notes = dir / "notes";
  std::filesystem::create_directories(notes);
  WriteFile(notes + "/todo.txt", "keep me");
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"stats", "--db", notes},
           {"query", "RETURN 1", "--db", notes},
           {"ingest", kLeavitt, "--db", notes},
           {"export", "--format", "graphml", dir / "out.graphml", "--db", notes}}) {
    auto r = RunKg(args);
    CHECK(r.exit_code == 1);
    CHECK(Contains(r.err, "not a kg store"));
  }
  CHECK(ReadFile(notes + "/todo.txt") == "keep me");
  size_t entries = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(notes)) ++entries;
  CHECK(entries == 1);
  CHECK_FALSE(std::filesystem::exists(dir / "out.graphml"));
}

TEST_CASE("kg stats: a missing store is an error, not an empty store", "[e2e]") {
  TempDir dir;
  auto r = RunKg({"stats", "--db", dir / "nothing-here"});
  CHECK(r.exit_code == 1);
  CHECK(Contains(r.err, "nothing-here"));
  CHECK_FALSE(std::filesystem::exists(dir / "nothing-here"));
}

TEST_CASE("kg export: NetworkX reads the GraphML with the counts kg stats reports", "[e2e]") {
  IngestedStore s;
  std::string out = s.dir / "graph.graphml";
  auto r = RunKg({"export", "--format", "graphml", out, "--db", s.db});
  REQUIRE(r.exit_code == 0);
  auto stats = RunKg({"stats", "--db", s.db});
  REQUIRE(stats.exit_code == 0);
  auto count_after = [&](const std::string& key) {
    size_t at = stats.out.find("\n" + key + ": ");
    REQUIRE(at != std::string::npos);
    return std::stol(stats.out.substr(at + key.size() + 3));
  };
  long nodes = count_after("nodes"), edges = count_after("relationships");
  CHECK(nodes > 10);
  CHECK(edges > 10);
  std::string script = s.dir / "check.py";
  WriteFile(script,
            "import sys, networkx as nx\n"
            "g = nx.read_graphml(sys.argv[1])\n"
            "print(g.number_of_nodes(), g.number_of_edges())\n"
            "names = {d.get('name') for _, d in g.nodes(data=True)}\n"
            "assert 'Karoline Leavitt' in names, names\n"
            "types = {d.get('type') for _, _, d in g.edges(data=True)}\n"
            "assert 'spokesperson-for' in types, types\n");
  int code = kg::testing::RunShell(std::string(KG_PYTHON) + " '" + script + "' '" + out + "' > '" + s.dir.path() +
                                   "/counts.txt' 2>&1");
  INFO(ReadFile(s.dir / "counts.txt"));
  REQUIRE(code == 0);
  CHECK(ReadFile(s.dir / "counts.txt") ==
        std::to_string(nodes) + " " + std::to_string(edges) + "\n");
}

TEST_CASE("kg query -m json: errors come as a JSON object too", "[e2e]") {
  TempDir dir;
  auto r = RunKg({"query", "RETURN 1 +", "-m", "json", "--db", dir / "store"});
  CHECK(r.exit_code == 1);
  auto j = nlohmann::json::parse(r.err);
  CHECK(j["error"]["source"] == "<command>");
  CHECK(j["error"]["type"] == "syntax error");
  CHECK(j["error"]["line"] == 1);
}

TEST_CASE("kg export: DOT, N-Triples and CSV; a query's subgraph; filters", "[e2e]") {
  IngestedStore s;
  auto dot = RunKg({"export", "--format", "dot", "--db", s.db, "-q",
                    "MATCH p = (:Person)-[:spokesperson_for]->() RETURN p"});
  REQUIRE(dot.exit_code == 0);
  CHECK(dot.out.rfind("digraph kg {\n", 0) == 0);
  CHECK(Contains(dot.out, "Karoline Leavitt"));
  CHECK(Contains(dot.out, "spokesperson-for"));
  CHECK_FALSE(Contains(dot.out, "Zelenskyy"));  // only what the query returned

  auto nt = RunKg({"export", "--format", "ntriples", "--db", s.db, "--type", "spokesperson_for",
                   "--exclude-label", "Article"});
  REQUIRE(nt.exit_code == 0);
  CHECK(Contains(nt.out, "\"Karoline Leavitt\""));
  CHECK(Contains(nt.out, "spokesperson-for"));
  CHECK_FALSE(Contains(nt.out, "MENTIONS"));

  std::string folder = s.dir / "csv";
  auto csv = RunKg({"export", "--format", "csv", folder, "--db", s.db});
  REQUIRE(csv.exit_code == 0);
  CHECK(Contains(ReadFile(folder + "/nodes.csv"), "Karoline Leavitt"));
  CHECK(Contains(ReadFile(folder + "/relationships.csv"), "spokesperson-for"));

  auto empty = RunKg({"export", "--format", "dot", "--db", s.db, "-q", "RETURN 1"});
  CHECK(empty.exit_code == 1);
  CHECK(Contains(empty.err, "returned no nodes"));
  auto bad = RunKg({"export", "--format", "pdf", "--db", s.db});
  CHECK(bad.exit_code == 2);
}

TEST_CASE("kg extract and ingest: empty, binary and invalid UTF-8 files", "[e2e]") {
  TempDir dir;
  WriteFile(dir / "empty.txt", "");
  WriteFile(dir / "binary.dat", std::string("\x7f" "ELF\x02\x01\x01\x00\x00", 9));
  WriteFile(dir / "latin1.txt", "caf\xe9 au lait.");
  auto empty = RunKg({"extract", dir / "empty.txt"});
  CHECK(empty.exit_code == 0);
  CHECK(empty.out.empty());
  auto binary = RunKg({"extract", dir / "binary.dat"});
  CHECK(binary.exit_code == 1);
  CHECK(Contains(binary.err, "binary.dat"));
  auto latin1 = RunKg({"extract", dir / "latin1.txt"});
  CHECK(latin1.exit_code == 1);
  CHECK(Contains(latin1.err, "latin1.txt: invalid UTF-8 at byte 3"));

  std::string db = dir / "store";
  auto ingest = RunKg({"ingest", dir / "binary.dat", dir / "latin1.txt", "--db", db});
  CHECK(ingest.exit_code == 1);
  CHECK(Contains(ingest.err, "latin1.txt"));
  CHECK(Contains(ingest.out, "ingested 0 articles"));
  CHECK(Contains(ingest.out, "2 failed"));
  auto stats = RunKg({"stats", "--db", db});
  CHECK(Contains(stats.out, "articles: 0\nnodes: 0\n"));
}

TEST_CASE("kg ingest --triples --entities: types from a CSV of entities", "[e2e]") {
  TempDir dir;
  std::string entities = dir / "entities.csv";
  std::string triples = dir / "triples.tsv";
  WriteFile(entities,
            "id,name,type\n0,Karoline Leavitt,Person\n1,White House,Organization\n2,Kyiv,Place\n");
  WriteFile(triples, "Karoline Leavitt\tspokesperson-for\tWhite House\n");
  std::string db = dir / "store";
  auto ingest = RunKg({"ingest", "--triples", triples, "--entities", entities, "--db", db});
  CHECK(ingest.exit_code == 0);
  CHECK(Contains(ingest.out, "imported 1 triples, 3 entities from " + triples));
  auto query =
      RunKg({"query", "--db", db, "-m", "csv",
             "MATCH (p:Person)-[:spokesperson_for]->(o:Organization) RETURN p.name, o.name; "
             "MATCH (k:Place) RETURN k.name"});
  CHECK(query.exit_code == 0);
  CHECK(query.out == "p.name,o.name\nKaroline Leavitt,White House\nk.name\nKyiv\n");

  WriteFile(entities, "name,type\nKyiv,City\n");
  auto bad = RunKg({"ingest", "--triples", triples, "--entities", entities, "--db", dir / "other"});
  CHECK(bad.exit_code == 1);
  CHECK(Contains(bad.err, entities + ":2: unknown entity type 'City'"));
  auto alone = RunKg({"ingest", "--entities", entities, "--db", dir / "other"});
  CHECK(alone.exit_code == 1);
  CHECK(Contains(alone.err, "--entities goes with --triples"));
}

TEST_CASE("kg export: stopped half-way, it leaves neither a temporary nor a half file", "[e2e]") {
  TempDir dir;
  std::string tsv = dir / "big.tsv";
  {
    std::string text;
    for (int i = 0; i < 200000; ++i) {
      text += "Person " + std::to_string(i) + "\tsupports\tPlan " + std::to_string(i % 5000) + "\n";
    }
    WriteFile(tsv, text);
  }
  std::string db = dir / "store";
  REQUIRE(RunKg({"ingest", "--triples", tsv, "--db", db}).exit_code == 0);
  std::string out = dir / "graph.graphml";
  std::string script = "'" + std::string(KG_BINARY) + "' export --db '" + db + "' '" + out +
                       "' & pid=$!; sleep 0.3; kill -TERM $pid; wait $pid; echo $? > '" +
                       (dir / "code") + "'";
  kg::testing::RunShell(script);
  int code = std::stoi(ReadFile(dir / "code"));
  CHECK_FALSE(std::filesystem::exists(out + ".tmp"));
  if (code == 0) {
    CHECK(Contains(ReadFile(out), "</graphml>"));  // it finished first: a whole file
  } else {
    CHECK(code == 128 + 15);
    CHECK_FALSE(std::filesystem::exists(out));
  }
}
