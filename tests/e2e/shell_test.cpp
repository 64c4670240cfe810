// End-to-end tests of the shell fed through standard input and -c, as scripts use it.
#include <catch2/catch.hpp>
#include <filesystem>

#include "tests/e2e/kg_runner.h"

using kg::testing::ReadFile;
using kg::testing::RunKg;
using kg::testing::TempDir;
using kg::testing::WriteFile;

namespace {

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("kg repl: piped statements and dot-commands run in order", "[e2e]") {
  TempDir dir;
  std::string db = dir / "store";
  auto r = RunKg({"repl", "--db", db},
                 "CREATE (:Person {name: 'Ada'})-[:supports]->(:Work {name: 'Plan'});\n"
                 ".mode jsonl\n"
                 "MATCH (p:Person)-[r]->(w) RETURN p.name, type(r), w.name;\n"
                 ".mode csv\n"
                 "MATCH (n) RETURN count(*) AS n;\n");
  CHECK(r.err.empty());
  CHECK(r.exit_code == 0);
  CHECK(r.out ==
        "{\"p.name\":\"Ada\",\"type(r)\":\"supports\",\"w.name\":\"Plan\"}\n"
        "n\n2\n");
}

TEST_CASE("kg repl: an unknown dot-command suggests the nearest one", "[e2e]") {
  TempDir dir;
  auto r = RunKg({"repl", "--db", dir / "store"}, ".mdoe csv\n");
  CHECK(r.exit_code == 1);
  CHECK(Contains(r.err, "unknown command '.mdoe'; did you mean '.mode'?"));
}

TEST_CASE("kg repl: parameters from .param, :param and --param", "[e2e]") {
  TempDir dir;
  std::string db = dir / "store";
  auto r = RunKg({"repl", "--db", db, "--param", "base=10"},
                 ".param set x 'Kyiv'\n"
                 ":param n => 32\n"
                 "RETURN $x AS x, $n + $base AS n;\n");
  CHECK(r.exit_code == 0);
  CHECK(r.out == "x,n\nKyiv,42\n");
}

TEST_CASE("kg repl: .output and .once write results to files", "[e2e]") {
  TempDir dir;
  std::string db = dir / "store";
  std::string once = dir / "once.csv";
  auto r = RunKg({"repl", "--db", db},
                 ".once " + once + "\nRETURN 1 AS a;\nRETURN 2 AS b;\n");
  CHECK(r.exit_code == 0);
  CHECK(ReadFile(once) == "a\n1\n");
  CHECK(r.out == "b\n2\n");
}

TEST_CASE("kg repl: .read runs a file and stops at its first error", "[e2e]") {
  TempDir dir;
  std::string db = dir / "store";
  std::string script = dir / "inner.kgq";
  WriteFile(script, "RETURN 1 AS a;\nRETURN nope(1);\nRETURN 3 AS c;\n");
  auto r = RunKg({"repl", "--db", db, "--continue"}, ".read " + script + "\nRETURN 4 AS d;\n");
  CHECK(r.exit_code == 1);
  CHECK(Contains(r.out, "a\n1\n"));
  CHECK_FALSE(Contains(r.out, "c\n3\n"));
  CHECK(Contains(r.out, "d\n4\n"));
  CHECK(Contains(r.err, script + ":2:8:"));
  CHECK(Contains(r.err, "UnknownFunction"));
}

TEST_CASE("kg repl -c: runs one statement and exits", "[e2e]") {
  TempDir dir;
  auto r = RunKg({"repl", "--db", dir / "store", "-c", "RETURN 'x' AS v"});
  CHECK(r.exit_code == 0);
  CHECK(r.out == "v\nx\n");
}

TEST_CASE("kg repl --read-only: writes are refused and nothing changes", "[e2e]") {
  TempDir dir;
  std::string db = dir / "store";
  REQUIRE(RunKg({"query", "CREATE (:T {v: 1})", "--db", db}).exit_code == 0);
  auto r = RunKg({"repl", "--read-only", "--db", db, "-c", "CREATE (:T {v: 2})"});
  CHECK(r.exit_code == 1);
  CHECK_FALSE(r.err.empty());
  auto count = RunKg({"query", "MATCH (t:T) RETURN count(t) AS n", "--db", db});
  CHECK(count.out == "n\n1\n");
}

TEST_CASE("kg run: runs script files in order and stops at the first failing one", "[e2e]") {
  TempDir dir;
  std::string db = dir / "store";
  WriteFile(dir / "a.kgq", "CREATE (:City {name: 'Kyiv'});\n");
  WriteFile(dir / "b.kgq", "MATCH (c:City) RETURN c.name AS city;\n");
  WriteFile(dir / "bad.kgq", "RETURN 1 +;\n");
  auto r = RunKg({"run", dir / "a.kgq", dir / "b.kgq", "--db", db});
  CHECK(r.exit_code == 0);
  CHECK(r.out == "city\nKyiv\n");
  auto bad = RunKg({"run", dir / "bad.kgq", dir / "b.kgq", "--db", db});
  CHECK(bad.exit_code == 1);
  CHECK(bad.out.empty());
  CHECK(Contains(bad.err, dir / "bad.kgq:1:"));
  CHECK(Contains(bad.err, "syntax error"));
}

TEST_CASE("kg query -c: runs the statement given as a flag", "[e2e]") {
  TempDir dir;
  auto r = RunKg({"query", "-c", "RETURN 1 + 1 AS two", "--db", dir / "store"});
  CHECK(r.exit_code == 0);
  CHECK(r.out == "two\n2\n");
}

TEST_CASE("kg --help: documents the exit codes", "[e2e]") {
  auto r = RunKg({"--help"});
  CHECK(r.exit_code == 0);
  CHECK(Contains(r.out, "Exit codes: 0 ok, 1"));
  CHECK(Contains(r.out, "70 internal"));
}

TEST_CASE("kg repl: .ingest adds articles and .export writes GraphML", "[e2e]") {
  TempDir dir;
  std::string db = dir / "store";
  std::string article = std::string(KG_SOURCE_DIR) + "/examples/articles";
  std::string graphml = dir / "g.graphml";
  auto r = RunKg({"repl", "--db", db},
                 ".ingest " + article + "\n.export graphml " + graphml +
                     "\nMATCH (a:Article) RETURN count(a) AS articles;\n");
  CHECK(r.exit_code == 0);
  CHECK(Contains(r.out, "ingested 1 article"));
  CHECK(Contains(r.out, "articles\n1\n"));
  CHECK(Contains(ReadFile(graphml), "<graphml"));
}

namespace {

// A small graph with evidence, imported as kg extract's JSON lines, plus an article by hand.
std::string CuratedStore(const TempDir& dir) {
  std::string db = dir / "store";
  std::string data = std::string(KG_SOURCE_DIR) + "/tests/data/curated.jsonl";
  REQUIRE(RunKg({"ingest", "--triples", data, "--db", db}).exit_code == 0);
  REQUIRE(RunKg({"query", "--db", db},
                "CREATE (:Article {title: 'Talks resume', path: 'talks.txt'});\n"
                "MATCH (art:Article), (a {name: 'Anna Berg'}) CREATE (art)-[:MENTIONS {count: 2}]->(a);\n")
              .exit_code == 0);
  return db;
}

}  // namespace

TEST_CASE("kg repl: .describe prints an entity card with evidence", "[e2e]") {
  TempDir dir;
  std::string db = CuratedStore(dir);
  auto r = RunKg({"repl", "--db", db}, ".describe Berg\n");
  CHECK(r.exit_code == 0);
  CHECK(Contains(r.out, "Anna Berg  :Person\n"));
  CHECK(Contains(r.out, "  aliases: Berg\n"));
  CHECK(Contains(r.out, "  titles: foreign minister\n"));
  CHECK(Contains(r.out, "  mentioned in 1 article:\n    Talks resume (2×)\n"));
  CHECK(Contains(r.out, "-[official-of]-> Norland (:Place)  confidence 0.90\n"));
  CHECK(Contains(r.out, "\"Berg rejected the peace plan.\"  (talks.txt, sentence 2)\n"));
  auto missing = RunKg({"repl", "--db", db}, ".describe Nobody\n");
  CHECK(missing.exit_code == 1);
  CHECK(Contains(missing.err, "no entity named 'Nobody'"));
}

TEST_CASE("kg repl: .path shows the chain of facts with evidence per hop", "[e2e]") {
  TempDir dir;
  std::string db = CuratedStore(dir);
  auto r = RunKg({"repl", "--db", db}, ".path Norland 'Carl Dahl'\n");
  CHECK(r.exit_code == 0);
  CHECK(r.out ==
        "Norland\n"
        "  <-[official-of]- Anna Berg\n"
        "      \"Norland foreign minister Anna Berg spoke.\"  (talks.txt, sentence 1)\n"
        "  -[opposes]-> the peace plan\n"
        "      \"Berg rejected the peace plan.\"  (talks.txt, sentence 2)\n"
        "  <-[proposed]- Carl Dahl\n"
        "      \"Dahl drafted the plan.\"  (talks.txt, sentence 3)\n"
        "3 hops\n");
}

TEST_CASE("kg repl: .schema lists labels and types with counts, and property keys", "[e2e]") {
  TempDir dir;
  std::string db = dir / "store";
  REQUIRE(RunKg({"query", "CREATE (:Person {name: 'A'})-[:supports]->(:Work {name: 'P'}), (:Person {name: 'B'})",
                 "--db", db}).exit_code == 0);
  auto r = RunKg({"repl", "--db", db}, ".schema\n");
  CHECK(r.exit_code == 0);
  CHECK(r.out ==
        "node labels:\n  :Person (2)\n  :Work (1)\n"
        "relationship types:\n  :supports (1)\n"
        "property keys: name\n");
}

TEST_CASE("kg repl: .central, .groups and .neighbours over the facts", "[e2e]") {
  TempDir dir;
  std::string db = CuratedStore(dir);
  auto central = RunKg({"repl", "--db", db, "-m", "csv"}, ".central 1\n");
  CHECK(central.exit_code == 0);
  // The plan is the target of two facts and passes its rank on to nobody: it leads.
  CHECK(Contains(central.out, "name,labels,pagerank,facts\nthe peace plan,['Work'],"));
  auto groups = RunKg({"repl", "--db", db, "-m", "csv"}, ".groups\n");
  CHECK(groups.out == "group,entities,most connected\n1,4,\"['Anna Berg', 'the peace plan', 'Carl Dahl', 'Norland']\"\n");
  auto near = RunKg({"repl", "--db", db, "-m", "csv"}, ".neighbours Norland 2\n");
  CHECK(near.out == "name,labels,hops\nAnna Berg,['Person'],1\nthe peace plan,['Work'],2\n");
  auto bad = RunKg({"repl", "--db", db}, ".central lots\n");
  CHECK(bad.exit_code == 1);
  CHECK(Contains(bad.err, "'lots' is not a number"));
}
