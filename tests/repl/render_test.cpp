#include "repl/render.h"

#include <catch2/catch.hpp>
#include <sstream>

using kg::Value;
using kg::query::QueryResult;
using kg::query::ResultValue;
using kg::repl::OutputMode;

namespace {

QueryResult Sample() {
  QueryResult r;
  r.columns = {"name", "n"};
  r.rows.push_back({ResultValue(Value("Zoë, \"Z\"")), ResultValue(Value(7))});
  r.rows.push_back({ResultValue(Value("Kyiv")), ResultValue(Value())});
  return r;
}

std::string RenderAs(const QueryResult& r, OutputMode mode, size_t max_rows = 0) {
  kg::repl::RenderOptions options;
  options.mode = mode;
  options.max_rows = max_rows;
  std::ostringstream out;
  kg::repl::Render(r, options, out);
  return out.str();
}

}  // namespace

TEST_CASE("Render: csv quotes what needs it and leaves null empty", "[repl]") {
  CHECK(RenderAs(Sample(), OutputMode::kCsv) == "name,n\n\"Zoë, \"\"Z\"\"\",7\nKyiv,\n");
  CHECK(RenderAs(Sample(), OutputMode::kTsv) == "name\tn\nZoë, \"Z\"\t7\nKyiv\t\n");
}

TEST_CASE("Render: json and jsonl are valid JSON with typed values", "[repl]") {
  CHECK(RenderAs(Sample(), OutputMode::kJsonLines) ==
        "{\"name\":\"Zoë, \\\"Z\\\"\",\"n\":7}\n{\"name\":\"Kyiv\",\"n\":null}\n");
  CHECK(RenderAs(Sample(), OutputMode::kJson) ==
        "[{\"name\":\"Zoë, \\\"Z\\\"\",\"n\":7},\n {\"name\":\"Kyiv\",\"n\":null}]\n");
}

TEST_CASE("Render: box and table align by display width", "[repl]") {
  std::string table = RenderAs(Sample(), OutputMode::kTable);
  CHECK(table ==
        "+----------+------+\n"
        "| name     | n    |\n"
        "+----------+------+\n"
        "| Zoë, \"Z\" | 7    |\n"
        "| Kyiv     | null |\n"
        "+----------+------+\n");
  std::string box = RenderAs(Sample(), OutputMode::kBox);
  CHECK(box.find("│ Zoë, \"Z\" │ 7    │") != std::string::npos);
}

TEST_CASE("Render: box mode hides middle rows and says so", "[repl]") {
  QueryResult r;
  r.columns = {"i"};
  for (int i = 0; i < 10; ++i) r.rows.push_back({ResultValue(Value(i))});
  std::string box = RenderAs(r, OutputMode::kBox, 4);
  CHECK(box.find("│ 0 │") != std::string::npos);
  CHECK(box.find("│ 1 │") != std::string::npos);
  CHECK(box.find("│ 5 │") == std::string::npos);
  CHECK(box.find("│ 9 │") != std::string::npos);
  CHECK(box.find("10 rows (4 shown)") != std::string::npos);
  // csv never hides anything
  kg::repl::RenderOptions csv;
  csv.mode = OutputMode::kCsv;
  csv.max_rows = 4;
  std::ostringstream out;
  kg::repl::Render(r, csv, out);
  CHECK(out.str() == "i\n0\n1\n2\n3\n4\n5\n6\n7\n8\n9\n");
}

TEST_CASE("Render: DisplayWidth counts wide characters twice", "[repl]") {
  CHECK(kg::repl::DisplayWidth("abc") == 3);
  CHECK(kg::repl::DisplayWidth("Zoë") == 3);
  CHECK(kg::repl::DisplayWidth("東京") == 4);
}

TEST_CASE("Render: line mode prints one column = value line per cell", "[repl]") {
  CHECK(RenderAs(Sample(), OutputMode::kLine) == "name = Zoë, \"Z\"\n   n = 7\n\nname = Kyiv\n   n = null\n");
}

TEST_CASE("Render: box mode narrows the widest column to fit the terminal", "[repl]") {
  QueryResult r;
  r.columns = {"id", "text"};
  r.rows.push_back({ResultValue(Value(1)), ResultValue(Value(std::string(100, 'x')))});
  kg::repl::RenderOptions options;
  options.mode = OutputMode::kBox;
  options.max_table_width = 40;
  std::ostringstream out;
  kg::repl::Render(r, options, out);
  std::istringstream lines(out.str());
  std::string line;
  while (std::getline(lines, line)) CHECK(kg::repl::DisplayWidth(line) <= 40);
  CHECK(out.str().find("xxx…") != std::string::npos);
}
