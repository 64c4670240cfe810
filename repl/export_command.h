// `kg export` and the shell's `.export`: the whole graph, a filtered view of it, or the nodes,
// relationships and paths a query returns, written in one of graph/'s formats.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "core/status.h"
#include "graph/view.h"

namespace kg::query {
class Engine;
}
namespace kg::storage {
class Store;
}

namespace kg::repl {

enum class ExportFormat { kGraphML, kDot, kNTriples, kCsv };

std::optional<ExportFormat> ParseExportFormat(std::string_view name);
std::vector<std::string> ExportFormatNames();

struct ExportRequest {
  ExportFormat format = ExportFormat::kGraphML;
  // A file ("-" or empty: standard output), or for csv a folder that gets nodes.csv and
  // relationships.csv.
  std::string output;
  // When set, only what this query returns (nodes, relationships, paths, lists of them).
  std::string query;
  graph::GraphFilter filter;  // applies when there is no query
  // Where to show progress (a terminal's standard error), or nullptr for none.
  std::ostream* progress = nullptr;
};

struct ExportSummary {
  size_t nodes = 0;
  size_t relationships = 0;
};

// Writes the export. Files are written beside their target and renamed into place, so a
// failed export leaves no half-written file. Errors: the query's, the store's, kIOError.
Result<ExportSummary> RunExport(storage::Store* store, query::Engine* engine,
                                const ExportRequest& request);

}  // namespace kg::repl
