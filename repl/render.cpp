#include "repl/render.h"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>

namespace kg::repl {

namespace {

constexpr std::array<std::pair<std::string_view, OutputMode>, 8> kModes = {{
    {"box", OutputMode::kBox},
    {"table", OutputMode::kTable},
    {"csv", OutputMode::kCsv},
    {"tsv", OutputMode::kTsv},
    {"json", OutputMode::kJson},
    {"jsonl", OutputMode::kJsonLines},
    {"markdown", OutputMode::kMarkdown},
    {"line", OutputMode::kLine},
}};

nlohmann::ordered_json ToJson(const Value& v) {
  switch (v.type()) {
    case Value::Type::kNull: return nullptr;
    case Value::Type::kBool: return v.as_bool();
    case Value::Type::kInt: return v.as_int();
    case Value::Type::kFloat: return v.as_float();
    case Value::Type::kString: return v.as_string();
    case Value::Type::kList: {
      auto out = nlohmann::ordered_json::array();
      for (const auto& e : v.as_list()) out.push_back(ToJson(e));
      return out;
    }
    case Value::Type::kMap: {
      auto out = nlohmann::ordered_json::object();
      for (const auto& [k, e] : v.as_map()) out[k] = ToJson(e);
      return out;
    }
  }
  return nullptr;
}

nlohmann::ordered_json RowObject(const query::QueryResult& result, size_t row) {
  auto obj = nlohmann::ordered_json::object();
  for (size_t c = 0; c < result.columns.size(); ++c) {
    obj[result.columns[c]] = ToJson(result.rows[row][c].ToPlain());
  }
  return obj;
}

std::string Dump(const nlohmann::ordered_json& j) {
  // Invalid UTF-8 in a stored string must not abort the output.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string CsvField(const std::string& s, char separator) {
  if (separator == '\t') {
    // TSV has no quoting: tabs, newlines and backslashes are escaped instead.
    std::string out;
    for (char c : s) {
      switch (c) {
        case '\t': out += "\\t"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\\': out += "\\\\"; break;
        default: out += c;
      }
    }
    return out;
  }
  bool quote = s.find_first_of(std::string("\"\r\n") + separator) != std::string::npos;
  if (!quote) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// Calls visit(bytes, columns) for each character of `text`, in order, until it returns false.
// An invalid byte counts as one character of one column, so bad input never stops a table.
template <typename Visit>
void ForEachCharacter(std::string_view text, Visit visit) {
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(text.size());
  while (left > 0) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
    size_t columns = 1;
    if (n <= 0) n = 1;
    else columns = static_cast<size_t>(std::max(0, utf8proc_charwidth(cp)));
    if (!visit(std::string_view(reinterpret_cast<const char*>(p), static_cast<size_t>(n)),
               columns)) {
      return;
    }
    p += n;
    left -= n;
  }
}

// Cuts `text` to at most `width` columns, ending in '…' when cut.
std::string Truncate(const std::string& text, size_t width) {
  if (width == 0 || DisplayWidth(text) <= width) return text;
  std::string out;
  size_t used = 0;
  ForEachCharacter(text, [&](std::string_view bytes, size_t columns) {
    if (used + columns + 1 > width) return false;
    out.append(bytes);
    used += columns;
    return true;
  });
  return out + "…";
}

std::string Pad(const std::string& text, size_t width, bool right) {
  size_t w = DisplayWidth(text);
  std::string fill(w < width ? width - w : 0, ' ');
  return right ? fill + text : text + fill;
}

// Single-line form of a cell for the grid modes: newlines and tabs would break the grid.
std::string GridCell(const query::ResultValue& v) {
  std::string s = v.ToDisplay();
  for (char& c : s) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return s;
}

bool IsNumeric(const query::ResultValue& v) {
  return v.kind() == query::ResultValue::Kind::kValue && v.value().is_number();
}

void RenderGrid(const query::QueryResult& result, const RenderOptions& options,
                std::ostream& out) {
  bool box = options.mode == OutputMode::kBox;
  bool markdown = options.mode == OutputMode::kMarkdown;
  size_t total = result.rows.size();
  std::vector<size_t> shown;
  if (box && options.max_rows > 0 && total > options.max_rows) {
    size_t head = (options.max_rows + 1) / 2, tail = options.max_rows - head;
    for (size_t i = 0; i < head; ++i) shown.push_back(i);
    for (size_t i = total - tail; i < total; ++i) shown.push_back(i);
  } else {
    for (size_t i = 0; i < total; ++i) shown.push_back(i);
  }
  size_t cell_limit = box ? options.max_cell_width : 0;

  size_t ncols = result.columns.size();
  std::vector<std::vector<std::string>> cells;
  std::vector<size_t> width(ncols);
  std::vector<bool> right(ncols, true);
  for (size_t c = 0; c < ncols; ++c) {
    width[c] = DisplayWidth(result.columns[c]);
    bool any = false;
    for (size_t r : shown) {
      any = true;
      if (!IsNumeric(result.rows[r][c])) right[c] = false;
    }
    if (!any) right[c] = false;
  }
  std::vector<std::vector<std::string>> raw;
  for (size_t r : shown) {
    std::vector<std::string> row;
    for (size_t c = 0; c < ncols; ++c) row.push_back(Truncate(GridCell(result.rows[r][c]), cell_limit));
    raw.push_back(std::move(row));
  }
  if (box && options.max_table_width > 0) {
    // Fit the terminal: narrow the widest column, one column at a time, shortest loss first.
    std::vector<size_t> natural(ncols);
    for (size_t c = 0; c < ncols; ++c) {
      natural[c] = DisplayWidth(result.columns[c]);
      for (const auto& row : raw) natural[c] = std::max(natural[c], DisplayWidth(row[c]));
    }
    auto total = [&] {
      size_t t = 1;
      for (size_t w : natural) t += w + 3;
      return t;
    };
    constexpr size_t kNarrowest = 8;
    while (total() > options.max_table_width) {
      size_t widest = std::max_element(natural.begin(), natural.end()) - natural.begin();
      if (natural[widest] <= kNarrowest) break;
      --natural[widest];
    }
    for (auto& row : raw) {
      for (size_t c = 0; c < ncols; ++c) row[c] = Truncate(row[c], natural[c]);
    }
  }
  for (size_t i = 0; i < shown.size(); ++i) {
    std::vector<std::string> row;
    for (size_t c = 0; c < ncols; ++c) {
      std::string cell = raw[i][c];
      if (markdown) {
        std::string escaped;
        for (char ch : cell) {
          if (ch == '|') escaped += '\\';
          escaped += ch;
        }
        cell = escaped;
      }
      width[c] = std::max(width[c], DisplayWidth(cell));
      row.push_back(std::move(cell));
    }
    cells.push_back(std::move(row));
  }

  auto rule = [&](const char* left, const char* mid, const char* rightc, const char* fill) {
    out << left;
    for (size_t c = 0; c < ncols; ++c) {
      for (size_t i = 0; i < width[c] + 2; ++i) out << fill;
      out << (c + 1 < ncols ? mid : rightc);
    }
    out << '\n';
  };
  const char* bar = box ? "│" : "|";
  bool color = box && options.color;
  auto line = [&](const std::vector<std::string>& row, bool header) {
    out << bar;
    for (size_t c = 0; c < ncols; ++c) {
      std::string cell = Pad(row[c], width[c], !header && right[c]);
      if (color && header) cell = "\x1b[1m" + cell + "\x1b[0m";
      out << ' ' << cell << ' ' << bar;
    }
    out << '\n';
  };

  if (markdown) {
    line(result.columns, true);
    out << "|";
    for (size_t c = 0; c < ncols; ++c) {
      out << std::string(width[c] + 1, '-') << (right[c] ? ':' : '-') << '|';
    }
    out << '\n';
    for (const auto& row : cells) line(row, false);
    return;
  }
  if (box) rule("┌", "┬", "┐", "─");
  else rule("+", "+", "+", "-");
  line(result.columns, true);
  if (box) rule("├", "┼", "┤", "─");
  else rule("+", "+", "+", "-");
  size_t head = shown.size() < total ? (options.max_rows + 1) / 2 : shown.size();
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i == head) {
      std::vector<std::string> dots(ncols, "…");
      line(dots, true);
    }
    line(cells[i], false);
  }
  if (box) rule("└", "┴", "┘", "─");
  else rule("+", "+", "+", "-");
  if (shown.size() < total) {
    out << total << " rows (" << shown.size() << " shown)\n";
  }
}

}  // namespace

std::optional<OutputMode> ParseOutputMode(std::string_view name) {
  for (const auto& [n, m] : kModes) {
    if (n == name) return m;
  }
  if (name == "ndjson" || name == "jsonlines") return OutputMode::kJsonLines;
  return std::nullopt;
}

std::string_view OutputModeName(OutputMode mode) {
  for (const auto& [n, m] : kModes) {
    if (m == mode) return n;
  }
  return "box";
}

std::vector<std::string> OutputModeNames() {
  std::vector<std::string> names;
  for (const auto& [n, m] : kModes) names.emplace_back(n);
  return names;
}

size_t DisplayWidth(std::string_view text) {
  size_t width = 0;
  ForEachCharacter(text, [&](std::string_view, size_t columns) {
    width += columns;
    return true;
  });
  return width;
}

void Render(const query::QueryResult& result, const RenderOptions& options, std::ostream& out) {
  switch (options.mode) {
    case OutputMode::kBox:
    case OutputMode::kTable:
    case OutputMode::kMarkdown:
      if (!result.columns.empty()) RenderGrid(result, options, out);
      return;
    case OutputMode::kCsv:
    case OutputMode::kTsv: {
      char sep = options.mode == OutputMode::kCsv ? ',' : '\t';
      if (result.columns.empty()) return;
      for (size_t c = 0; c < result.columns.size(); ++c) {
        out << (c ? std::string(1, sep) : "") << CsvField(result.columns[c], sep);
      }
      out << '\n';
      for (const auto& row : result.rows) {
        for (size_t c = 0; c < row.size(); ++c) {
          const auto& v = row[c];
          bool null = v.kind() == query::ResultValue::Kind::kValue && v.value().is_null();
          out << (c ? std::string(1, sep) : "") << (null ? "" : CsvField(v.ToDisplay(), sep));
        }
        out << '\n';
      }
      return;
    }
    case OutputMode::kJson: {
      if (result.columns.empty()) return;
      out << "[";
      for (size_t r = 0; r < result.rows.size(); ++r) {
        out << (r ? ",\n " : "") << Dump(RowObject(result, r));
      }
      out << "]\n";
      return;
    }
    case OutputMode::kLine: {
      // One "column = value" line per cell, a blank line between rows (sqlite3's line mode).
      size_t width = 0;
      for (const auto& c : result.columns) width = std::max(width, DisplayWidth(c));
      for (size_t r = 0; r < result.rows.size(); ++r) {
        if (r) out << '\n';
        for (size_t c = 0; c < result.columns.size(); ++c) {
          out << Pad(result.columns[c], width, true) << " = " << result.rows[r][c].ToDisplay()
              << '\n';
        }
      }
      return;
    }
    case OutputMode::kJsonLines:
      for (size_t r = 0; r < result.rows.size(); ++r) out << Dump(RowObject(result, r)) << '\n';
      return;
  }
}

}  // namespace kg::repl
