// Runs the query behaviour files tests/queries/*.test (in the spirit of DuckDB's
// sqllogictest). Each file gets a fresh store; its records run in order:
//
//   statement ok              the statement (lines up to a blank line) must succeed
//   statement error KIND      it must fail with this kind (or "SyntaxError" for a parse error)
//   query [rowsort]           the statement, then "----", the column line, then one line per
//                             row: cells in Cypher literal form joined by " | "
//
// Lines starting with '#' are comments.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "query/engine.h"
#include "temp_store.h"

namespace fs = std::filesystem;

namespace {

std::string Join(const std::vector<std::string>& parts) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? " | " : "") + parts[i];
  return out;
}

void RunFile(const fs::path& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  kg::testing::TempStore store;
  REQUIRE(store.get() != nullptr);
  kg::query::Engine engine(store.get());
  size_t i = 0;
  auto blank = [&](size_t k) { return k >= lines.size() || lines[k].empty(); };
  while (i < lines.size()) {
    const std::string header = lines[i];
    if (header.empty() || header[0] == '#') {
      ++i;
      continue;
    }
    size_t record_line = i + 1;
    ++i;
    std::string statement;
    while (!blank(i) && lines[i] != "----") statement += lines[i++] + "\n";
    INFO(path.filename().string() << ":" << record_line << ": " << statement);
    auto result = engine.Execute(statement);
    if (header == "statement ok") {
      CHECK(result.ok());
      if (!result.ok()) UNSCOPED_INFO(result.status().ToString());
    } else if (header.rfind("statement error", 0) == 0) {
      std::string kind = header.size() > 16 ? header.substr(16) : "";
      REQUIRE_FALSE(result.ok());
      if (kind == "SyntaxError") {
        CHECK(result.status().code() == kg::StatusCode::kSyntaxError);
      } else if (!kind.empty()) {
        CHECK(result.status().kind() == kind);
      }
    } else if (header.rfind("query", 0) == 0) {
      bool rowsort = header.find("rowsort") != std::string::npos;
      REQUIRE(i < lines.size());
      REQUIRE(lines[i] == "----");
      ++i;
      std::string columns = i < lines.size() ? lines[i++] : "";
      std::vector<std::string> expected;
      while (!blank(i)) expected.push_back(lines[i++]);
      if (!result.ok()) FAIL(result.status().ToString());
      CHECK(Join(result->columns) == columns);
      std::vector<std::string> actual;
      for (const auto& row : result->rows) {
        std::vector<std::string> cells;
        for (const auto& cell : row) cells.push_back(cell.ToCypher());
        actual.push_back(Join(cells));
      }
      if (rowsort) {
        std::sort(expected.begin(), expected.end());
        std::sort(actual.begin(), actual.end());
      }
      CHECK(actual == expected);
    } else {
      FAIL("unknown record '" << header << "'");
    }
  }
}

}  // namespace

TEST_CASE("Query files: tests/queries/*.test", "[query]") {
  fs::path folder = fs::path(KG_SOURCE_DIR) / "tests" / "queries";
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(folder)) {
    if (entry.path().extension() == ".test") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  REQUIRE_FALSE(files.empty());
  for (const auto& file : files) {
    SECTION(file.filename().string()) { RunFile(file); }
  }
}
