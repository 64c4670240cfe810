// Parses one statement into kg's AST. The only unit that sees ANTLR's generated code.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "query/ast.h"

namespace kg::query {

// kSyntaxError with the span (line, column, token length) of the first offending token.
Result<ast::Statement> ParseStatement(std::string_view text);

// The language's keywords, upper case, from the generated vocabulary.
std::vector<std::string> LexerKeywords();

}  // namespace kg::query
