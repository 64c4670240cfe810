#include "repl/statement_splitter.h"

#include <catch2/catch.hpp>

using kg::repl::Piece;
using kg::repl::StatementSplitter;

namespace {

std::vector<Piece> SplitAll(const std::string& text) {
  StatementSplitter s;
  s.Feed(text);
  return s.Finish();
}

}  // namespace

TEST_CASE("StatementSplitter: ';' ends statements outside strings, names and comments", "[repl]") {
  auto pieces = SplitAll(
      "RETURN 'a;b' AS x; RETURN \"c;d\";\n"
      "MATCH (`we;ird`) // note; here\n"
      "RETURN 1 /* block; */;");
  REQUIRE(pieces.size() == 3);
  CHECK(pieces[0].text == "RETURN 'a;b' AS x");
  CHECK(pieces[1].text == "RETURN \"c;d\"");
  CHECK(pieces[2].text == "MATCH (`we;ird`) // note; here\nRETURN 1 /* block; */");
  CHECK(pieces[2].line == 2);
  CHECK(pieces[2].column == 1);
  CHECK(pieces[1].line == 1);
  CHECK(pieces[1].column == 20);
}

TEST_CASE("StatementSplitter: escaped quotes do not end a string", "[repl]") {
  auto pieces = SplitAll("RETURN 'it\\'s; fine';RETURN 2");
  REQUIRE(pieces.size() == 2);
  CHECK(pieces[0].text == "RETURN 'it\\'s; fine'");
  CHECK(pieces[1].text == "RETURN 2");  // no final ';': still a statement at end of input
}

TEST_CASE("StatementSplitter: dot-commands take one line at a statement start", "[repl]") {
  auto pieces = SplitAll(".mode csv\n  :param x => 1\nRETURN 1;\n.quit");
  REQUIRE(pieces.size() == 4);
  CHECK(pieces[0].kind == Piece::Kind::kCommand);
  CHECK(pieces[0].text == ".mode csv");
  CHECK(pieces[1].kind == Piece::Kind::kCommand);
  CHECK(pieces[1].text == ":param x => 1");
  CHECK(pieces[2].kind == Piece::Kind::kStatement);
  CHECK(pieces[3].text == ".quit");
}

TEST_CASE("StatementSplitter: comments and blanks alone are no statement", "[repl]") {
  CHECK(SplitAll("  // nothing\n/* here */ ;\n").empty());
  CHECK(kg::repl::IsBlank("  // x\n"));
  CHECK_FALSE(kg::repl::IsBlank("RETURN 1"));
}

TEST_CASE("StatementSplitter: pending tracks an unfinished statement fed line by line", "[repl]") {
  StatementSplitter s;
  s.Feed("MATCH (n)\n");
  CHECK(s.pending());
  CHECK(s.Take().empty());
  s.Feed("RETURN n;\n");
  CHECK_FALSE(s.pending());
  auto pieces = s.Take();
  REQUIRE(pieces.size() == 1);
  CHECK(pieces[0].text == "MATCH (n)\nRETURN n");
}
