// Renders an error for a person: where it is (FILE:LINE:COL), what it is, the source line
// and a caret under the offending token. Only the shell draws positions; modules return spans.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace kg::repl {

// `source` is the whole input the statement came from; the statement starts at
// (`statement_line`, `statement_column`) in it, and `status.span()` is relative to the
// statement. Returns lines ending in '\n'.
std::string FormatError(const Status& status, std::string_view source_name,
                        std::string_view source, int statement_line, int statement_column);

// The same error as one JSON object: {"error": {"source", "line", "column", "length",
// "type", "kind", "message"}} (position fields only when known).
std::string FormatErrorJson(const Status& status, std::string_view source_name,
                            int statement_line, int statement_column);

// "syntax error", "semantic error (UndefinedVariable)", "error" ...
std::string ErrorLabel(const Status& status);

}  // namespace kg::repl
