// The interactive shell in a real pseudo-terminal: what a person types and sees.
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "tests/e2e/kg_runner.h"
#include "tests/e2e/pty_session.h"

using kg::testing::PtySession;
using kg::testing::ReadFile;
using kg::testing::TempDir;

namespace {

std::vector<std::string> Repl(const TempDir& dir) {
  return {KG_BINARY, "repl", "--db", dir / "store"};
}

std::vector<std::string> Env(const TempDir& dir) { return {"KG_HISTORY=" + (dir / "history")}; }

// Ctrl-D on an empty line, after a pause as a person's would be: an end-of-file typed in the
// instant before the line editor takes the terminal is dropped by the terminal driver itself.
void SendEndOfInput(PtySession& kg) {
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  kg.Send("\x04");
}

}  // namespace

TEST_CASE("Terminal: a multi-line statement shows the continuation prompt", "[e2e][terminal]") {
  TempDir dir;
  PtySession kg(Repl(dir), Env(dir));
  REQUIRE(kg.Expect("kg> "));
  kg.Send("UNWIND [1, 2, 3] AS x\r");
  REQUIRE(kg.Expect("   ...> "));
  kg.Send("RETURN sum(x) AS total;\r");
  CHECK(kg.Expect("│ total │"));
  CHECK(kg.Expect("│     6 │"));
  CHECK(kg.Expect("1 row ("));
  REQUIRE(kg.Expect("kg> "));
  SendEndOfInput(kg);
  CHECK(kg.Wait() == 0);
}

TEST_CASE("Terminal: Tab completes keywords and dot-commands", "[e2e][terminal]") {
  TempDir dir;
  PtySession kg(Repl(dir), Env(dir));
  REQUIRE(kg.Expect("kg> "));
  kg.Send("UNWI\t");
  REQUIRE(kg.Expect("UNWIND"));
  kg.Send(" [7] AS x RETU\t");
  REQUIRE(kg.Expect("RETURN"));
  kg.Send(" x;\r");
  CHECK(kg.Expect("│ 7 │"));
  kg.Send(".mod\t");
  REQUIRE(kg.Expect(".mode"));
  kg.Send(" csv\rRETURN 'done' AS d;\r");
  CHECK(kg.Expect("d\ndone"));
  kg.Send(".quit\r");
  CHECK(kg.Wait() == 0);
}

TEST_CASE("Terminal: Ctrl-C drops the statement being typed and keeps the shell", "[e2e][terminal]") {
  TempDir dir;
  PtySession kg(Repl(dir), Env(dir));
  REQUIRE(kg.Expect("kg> "));
  kg.Send("MATCH (n)\r");
  REQUIRE(kg.Expect("   ...> "));
  kg.Send("\x03");  // Ctrl-C
  REQUIRE(kg.Expect("^C"));
  REQUIRE(kg.Expect("kg> "));
  kg.Send("RETURN 5 AS five;\r");
  CHECK(kg.Expect("│    5 │"));
  // Positions after a cancelled statement count from the new statement.
  kg.Send("RETURN nosuch;\r");
  CHECK(kg.Expect("<stdin>:1:8: semantic error (UndefinedVariable)"));
  kg.Send(".quit\r");
  CHECK(kg.Wait() == 0);
}

TEST_CASE("Terminal: history keeps one entry per statement across restarts", "[e2e][terminal]") {
  TempDir dir;
  {
    PtySession kg(Repl(dir), Env(dir));
    REQUIRE(kg.Expect("kg> "));
    kg.Send("RETURN 40 +\r");
    REQUIRE(kg.Expect("   ...> "));
    kg.Send("2 AS answer;\r");
    REQUIRE(kg.Expect("│     42 │"));
    kg.Send(".quit\r");
    REQUIRE(kg.Wait() == 0);
  }
  // libedit writes spaces as \040 and newlines as \012: the two lines are one entry.
  std::string history = ReadFile(dir / "history");
  CHECK(history.find("RETURN\\04040\\040+\\0122\\040AS\\040answer;\n") != std::string::npos);
  {
    PtySession kg(Repl(dir), Env(dir));
    REQUIRE(kg.Expect("kg> "));
    kg.Send("\x1b[A\x1b[A");  // up arrow twice: past .quit to the statement, both lines
    kg.Send("\r");
    CHECK(kg.Expect("│     42 │"));
    REQUIRE(kg.Expect("kg> "));
    SendEndOfInput(kg);
    CHECK(kg.Wait() == 0);
  }
}

TEST_CASE("Terminal: an error shows a caret and the shell goes on", "[e2e][terminal]") {
  TempDir dir;
  PtySession kg(Repl(dir), Env(dir));
  REQUIRE(kg.Expect("kg> "));
  kg.Send("RETURN nosuch;\r");
  CHECK(kg.Expect("<stdin>:1:8: semantic error (UndefinedVariable)"));
  CHECK(kg.Expect("       ^~~~~~"));
  kg.Send("RETURN 1 AS one;\r");
  CHECK(kg.Expect("│   1 │"));
  kg.Send(".quit\r");
  CHECK(kg.Wait() == 0);
}

TEST_CASE("Terminal: Tab completes labels, types, property keys and file names", "[e2e][terminal]") {
  TempDir dir;
  kg::testing::WriteFile(dir / "script.kgq", "RETURN 'from file' AS f;\n");
  PtySession kg(Repl(dir), Env(dir));
  REQUIRE(kg.Expect("kg> "));
  kg.Send("CREATE (:Politician {surname: 'X'})-[:spokesperson_for]->(:Party);\r");
  REQUIRE(kg.Expect("1 relationship created"));
  kg.Send("MATCH (p:Poli\t");
  REQUIRE(kg.Expect("Politician"));
  kg.Send(")-[:spok\t");
  REQUIRE(kg.Expect("spokesperson_for"));
  kg.Send("]->() RETURN p.sur\t");
  REQUIRE(kg.Expect("surname"));
  kg.Send(";\r");
  CHECK(kg.Expect("│ X "));
  kg.Send("CREATE (:City {name: 'Ouagadougou'});\r");
  REQUIRE(kg.Expect("1 node created"));
  kg.Send("MATCH (c {name: 'Ouag\t");
  REQUIRE(kg.Expect("Ouagadougou"));
  kg.Send("'}) RETURN c.name AS city;\r");
  CHECK(kg.Expect("│ Ouagadougou │"));
  kg.Send(".read " + (dir / "scr") + "\t");
  REQUIRE(kg.Expect("script.kgq"));
  kg.Send("\r");
  CHECK(kg.Expect("from file"));
  kg.Send(".quit\r");
  CHECK(kg.Wait() == 0);
}

TEST_CASE("Terminal: while a shell holds the store, kg query reads a snapshot", "[e2e][terminal]") {
  TempDir dir;
  std::string db = dir / "store";
  REQUIRE(kg::testing::RunKg({"query", "CREATE (:City {name: 'Kyiv'})", "--db", db}).exit_code == 0);
  PtySession writer(Repl(dir), Env(dir));
  REQUIRE(writer.Expect("kg> "));
  auto read = kg::testing::RunKg({"query", "MATCH (c:City) RETURN c.name AS city", "--db", db});
  CHECK(read.exit_code == 0);
  CHECK(read.out == "city\nKyiv\n");
  auto write = kg::testing::RunKg({"query", "CREATE (:City {name: 'Lviv'})", "--db", db});
  CHECK(write.exit_code == 1);
  CHECK(write.err.find("read-only") != std::string::npos);
  auto ingest = kg::testing::RunKg({"ingest", std::string(KG_SOURCE_DIR) + "/examples/articles",
                                   "--db", db});
  CHECK(ingest.exit_code == 1);
  CHECK(ingest.err.find("is in use by process") != std::string::npos);
  writer.Send(".quit\r");
  CHECK(writer.Wait() == 0);
}

TEST_CASE("Terminal: non-ASCII letters typed in a C locale arrive intact", "[e2e][terminal]") {
  TempDir dir;
  PtySession kg(Repl(dir), {"KG_HISTORY=" + (dir / "history"), "LANG=", "LC_ALL=", "LC_CTYPE="});
  REQUIRE(kg.Expect("kg> "));
  kg.Send(".mode csv\r");
  kg.Send("RETURN 'Zoë Gdańsk 北京' AS name;\r");
  CHECK(kg.Expect("name\nZoë Gdańsk 北京\n"));
  kg.Send(".quit\r");
  CHECK(kg.Wait() == 0);
}

TEST_CASE("Terminal: Ctrl-C interrupts a running query and the shell goes on", "[e2e][terminal]") {
  TempDir dir;
  PtySession kg(Repl(dir), Env(dir));
  REQUIRE(kg.Expect("kg> "));
  kg.Send("UNWIND range(1, 2000000000) AS x RETURN count(x) AS n;\r");
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  kg.Send("\x03");
  CHECK(kg.Expect("query interrupted"));
  REQUIRE(kg.Expect("kg> "));
  kg.Send("RETURN 7 AS seven;\r");
  CHECK(kg.Expect("│     7 │"));
  kg.Send(".quit\r");
  CHECK(kg.Wait() == 0);
}
