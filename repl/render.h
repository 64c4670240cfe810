// Renders query results in the shell's output modes.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "query/engine.h"

namespace kg::repl {

enum class OutputMode { kBox, kTable, kCsv, kTsv, kJson, kJsonLines, kMarkdown, kLine };

std::optional<OutputMode> ParseOutputMode(std::string_view name);
std::string_view OutputModeName(OutputMode mode);
std::vector<std::string> OutputModeNames();

struct RenderOptions {
  OutputMode mode = OutputMode::kBox;
  // Box mode only (csv, json and files are never cut): at most this many rows, the first
  // and last halves, with a footer saying how many were hidden; 0 = all.
  size_t max_rows = 0;
  // Box mode only: cells wider than this many columns end in '…'; 0 = no limit.
  size_t max_cell_width = 0;
  // Box mode only: the terminal's width. A wider table has its widest columns narrowed
  // (never below 8 columns each) until it fits; 0 = no limit.
  size_t max_table_width = 0;
  // Box mode only: bold headers and dim nulls (ANSI), for a terminal without NO_COLOR.
  bool color = false;
};

void Render(const query::QueryResult& result, const RenderOptions& options, std::ostream& out);

// Terminal columns taken by a UTF-8 string (wide CJK characters count two).
size_t DisplayWidth(std::string_view text);

}  // namespace kg::repl
