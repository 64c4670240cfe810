#include "repl/error_format.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace kg::repl {

namespace {

std::string_view LineAt(std::string_view source, int line) {
  size_t start = 0;
  for (int i = 1; i < line; ++i) {
    size_t nl = source.find('\n', start);
    if (nl == std::string_view::npos) return {};
    start = nl + 1;
  }
  size_t end = source.find('\n', start);
  std::string_view text = source.substr(start, end == std::string_view::npos ? source.size() - start
                                                                             : end - start);
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  return text;
}

// Byte offset of the 1-based `column` (counted in code points) within `line`.
size_t ByteOfColumn(std::string_view line, int column) {
  size_t byte = 0;
  for (int c = 1; c < column && byte < line.size(); ++c) {
    ++byte;
    while (byte < line.size() && (static_cast<unsigned char>(line[byte]) & 0xC0) == 0x80) ++byte;
  }
  return byte;
}

}  // namespace

std::string ErrorLabel(const Status& status) {
  switch (status.code()) {
    case StatusCode::kSyntaxError: return "syntax error";
    case StatusCode::kSemanticError:
      return status.kind().empty() ? "semantic error" : "semantic error (" + status.kind() + ")";
    case StatusCode::kNotFound: return "not found";
    case StatusCode::kBusy: return "busy";
    case StatusCode::kCorruption: return "corruption";
    case StatusCode::kIOError: return "i/o error";
    case StatusCode::kInternal: return "internal error";
    default:
      return status.kind().empty() ? "error" : "error (" + status.kind() + ")";
  }
}

std::string FormatErrorJson(const Status& status, std::string_view source_name,
                            int statement_line, int statement_column) {
  nlohmann::ordered_json error;
  error["source"] = std::string(source_name);
  const SourceSpan& span = status.span();
  if (span.line > 0) {
    error["line"] = statement_line + span.line - 1;
    error["column"] = span.line == 1 ? statement_column + span.column - 1 : span.column;
    error["length"] = span.length;
  }
  std::string label = ErrorLabel(status);
  error["type"] = label.substr(0, label.find(" ("));
  if (!status.kind().empty()) error["kind"] = status.kind();
  error["message"] = status.message();
  nlohmann::ordered_json wrapper;
  wrapper["error"] = error;
  return wrapper.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string FormatError(const Status& status, std::string_view source_name,
                        std::string_view source, int statement_line, int statement_column) {
  const SourceSpan& span = status.span();
  std::string out(source_name);
  if (span.line > 0) {
    int line = statement_line + span.line - 1;
    int column = span.line == 1 ? statement_column + span.column - 1 : span.column;
    out += ":" + std::to_string(line) + ":" + std::to_string(column);
    out += ": " + ErrorLabel(status) + ": " + status.message() + "\n";
    std::string_view text = LineAt(source, line);
    if (!text.empty()) {
      out += std::string(text) + "\n";
      // The caret sits under the token, counting display columns so accents do not shift it.
      size_t byte = ByteOfColumn(text, column);
      std::string pad;
      for (char c : text.substr(0, byte)) {
        if (c == '\t') pad += '\t';
        else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) pad += ' ';
      }
      out += pad + "^" + std::string(std::max(0, span.length - 1), '~') + "\n";
    }
    return out;
  }
  out += ": " + ErrorLabel(status) + ": " + status.message() + "\n";
  return out;
}

}  // namespace kg::repl
