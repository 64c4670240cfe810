#include "repl/error_format.h"

#include <catch2/catch.hpp>

TEST_CASE("FormatError: file, line, column, the line and a caret under the token", "[repl]") {
  std::string source = "RETURN 1;\nMATCH (n)\n  RETRUN n;\n";
  auto status = kg::Status::SyntaxError("unexpected 'RETRUN'", {2, 3, 6});
  CHECK(kg::repl::FormatError(status, "q.kgq", source, 2, 1) ==
        "q.kgq:3:3: syntax error: unexpected 'RETRUN'\n"
        "  RETRUN n;\n"
        "  ^~~~~~\n");
}

TEST_CASE("FormatError: a statement that starts mid-line shifts first-line columns", "[repl]") {
  std::string source = "RETURN 1; RETURN x";
  auto status = kg::Status::SemanticError("UndefinedVariable", "variable 'x' not defined",
                                          {1, 8, 1});
  CHECK(kg::repl::FormatError(status, "<stdin>", source, 1, 11) ==
        "<stdin>:1:18: semantic error (UndefinedVariable): variable 'x' not defined\n"
        "RETURN 1; RETURN x\n"
        "                 ^\n");
}

TEST_CASE("FormatError: errors without a position name only the source", "[repl]") {
  auto status = kg::Status::IOError("cannot open 'x'");
  CHECK(kg::repl::FormatError(status, "<stdin>", "", 1, 1) == "<stdin>: i/o error: cannot open 'x'\n");
}

TEST_CASE("FormatErrorJson: the same facts as one JSON object", "[repl]") {
  auto status = kg::Status::SyntaxError("unexpected 'RETRUN'", {1, 11, 6});
  CHECK(kg::repl::FormatErrorJson(status, "<command>", 1, 1) ==
        "{\"error\":{\"source\":\"<command>\",\"line\":1,\"column\":11,\"length\":6,"
        "\"type\":\"syntax error\",\"message\":\"unexpected 'RETRUN'\"}}");
  auto semantic = kg::Status::SemanticError("UnknownFunction", "unknown function 'nope'");
  CHECK(kg::repl::FormatErrorJson(semantic, "f.kgq", 3, 1) ==
        "{\"error\":{\"source\":\"f.kgq\",\"type\":\"semantic error\",\"kind\":\"UnknownFunction\","
        "\"message\":\"unknown function 'nope'\"}}");
}
