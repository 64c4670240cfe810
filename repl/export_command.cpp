#include "repl/export_command.h"

#include <signal.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>

#include "graph/export.h"
#include "query/engine.h"
#include "storage/store.h"

namespace kg::repl {

namespace {

constexpr std::array<std::pair<std::string_view, ExportFormat>, 4> kFormats = {{
    {"graphml", ExportFormat::kGraphML},
    {"dot", ExportFormat::kDot},
    {"ntriples", ExportFormat::kNTriples},
    {"csv", ExportFormat::kCsv},
}};

// Everything of the graph that a query's cells hold, at any depth of lists and paths.
void Collect(const query::ResultValue& cell, std::set<NodeId>* nodes, std::set<EdgeId>* edges) {
  switch (cell.kind()) {
    case query::ResultValue::Kind::kNode: nodes->insert(cell.node().id); break;
    case query::ResultValue::Kind::kEdge: edges->insert(cell.edge().id); break;
    case query::ResultValue::Kind::kPath:
      for (const auto& n : cell.path().nodes) nodes->insert(n.id);
      for (const auto& e : cell.path().edges) edges->insert(e.id);
      break;
    case query::ResultValue::Kind::kList:
      for (const auto& item : cell.list()) Collect(item, nodes, edges);  // collect(n)
      break;
    case query::ResultValue::Kind::kMap:
      for (const auto& [key, item] : cell.map()) Collect(item, nodes, edges);
      break;
    case query::ResultValue::Kind::kValue: break;
  }
}

Result<graph::Selection> SelectionFor(query::Engine* engine, const ExportRequest& request) {
  if (request.query.empty()) return graph::Selection(request.filter);
  auto result = engine->Execute(request.query);
  if (!result.ok()) return result.status();
  std::set<NodeId> nodes;
  std::set<EdgeId> edges;
  for (const auto& row : result->rows) {
    for (const auto& cell : row) Collect(cell, &nodes, &edges);
  }
  if (nodes.empty() && edges.empty()) {
    return Status::InvalidArgument(
        "the export query returned no nodes, relationships or paths (return them, e.g. "
        "MATCH p = ... RETURN p)");
  }
  graph::Subgraph subgraph;
  subgraph.nodes.assign(nodes.begin(), nodes.end());
  subgraph.edges.assign(edges.begin(), edges.end());
  return graph::Selection(subgraph);
}

// Temporary files being written, removed by the signal handler when Ctrl-C ends an export.
constexpr int kMaxTempFiles = 2;  // csv writes two files at once
const char* volatile g_temp_files[kMaxTempFiles] = {nullptr, nullptr};
constexpr int kStopSignals[] = {SIGINT, SIGTERM, SIGHUP};
struct sigaction g_previous_actions[3];
int g_open_temp_files = 0;

void RemoveTempFilesAndDie(int signal_number) {
  for (int i = 0; i < kMaxTempFiles; ++i) {
    if (g_temp_files[i] != nullptr) unlink(g_temp_files[i]);  // async-signal-safe
  }
  signal(signal_number, SIG_DFL);
  raise(signal_number);
}

void CatchStopSignals(bool on) {
  for (size_t i = 0; i < std::size(kStopSignals); ++i) {
    if (on) {
      sigaction(kStopSignals[i], nullptr, &g_previous_actions[i]);
      if (g_previous_actions[i].sa_handler == SIG_IGN) continue;  // e.g. a background job
      struct sigaction action = {};
      action.sa_handler = RemoveTempFilesAndDie;
      sigemptyset(&action.sa_mask);
      sigaction(kStopSignals[i], &action, nullptr);
    } else {
      sigaction(kStopSignals[i], &g_previous_actions[i], nullptr);
    }
  }
}

// Writes to `target` through a temporary file renamed into place at the end; Ctrl-C, kill or
// a failure leaves neither the temporary file nor a half-written target.
class AtomicFile {
 public:
  explicit AtomicFile(std::string target) : target_(std::move(target)), temp_(target_ + ".tmp") {
    out_.open(temp_, std::ios::binary | std::ios::trunc);
    for (slot_ = 0; slot_ < kMaxTempFiles && g_temp_files[slot_] != nullptr; ++slot_) {
    }
    if (slot_ < kMaxTempFiles) {
      g_temp_files[slot_] = temp_.c_str();
      if (g_open_temp_files++ == 0) CatchStopSignals(true);
    }
  }
  ~AtomicFile() {
    if (!committed_) {
      out_.close();
      std::error_code ec;
      std::filesystem::remove(temp_, ec);
    }
    if (slot_ < kMaxTempFiles) {
      g_temp_files[slot_] = nullptr;
      if (--g_open_temp_files == 0) CatchStopSignals(false);
    }
  }
  bool ok() const { return static_cast<bool>(out_); }
  std::ostream& stream() { return out_; }
  Status Commit() {
    out_.close();
    if (!out_) return Status::IOError("cannot write '" + target_ + "'");
    std::error_code ec;
    std::filesystem::rename(temp_, target_, ec);
    if (ec) return Status::IOError("cannot write '" + target_ + "': " + ec.message());
    committed_ = true;
    return Status::OK();
  }
  const std::string& target() const { return target_; }

 private:
  std::string target_, temp_;
  std::ofstream out_;
  bool committed_ = false;
  int slot_ = kMaxTempFiles;
};

Status WriteOne(const graph::GraphView& view, ExportFormat format, std::ostream& out) {
  switch (format) {
    case ExportFormat::kGraphML: return graph::WriteGraphML(view, out);
    case ExportFormat::kDot: return graph::WriteDot(view, out);
    case ExportFormat::kNTriples: return graph::WriteNTriples(view, out);
    case ExportFormat::kCsv: break;
  }
  return Status::Internal("csv is written as two files");
}

}  // namespace

std::optional<ExportFormat> ParseExportFormat(std::string_view name) {
  for (const auto& [n, f] : kFormats) {
    if (n == name) return f;
  }
  if (name == "nt") return ExportFormat::kNTriples;
  return std::nullopt;
}

std::vector<std::string> ExportFormatNames() {
  std::vector<std::string> names;
  for (const auto& [n, f] : kFormats) names.emplace_back(n);
  return names;
}

Result<ExportSummary> RunExport(storage::Store* store, query::Engine* engine,
                                const ExportRequest& request) {
  // On a terminal, say what is happening: a large graph takes seconds at each step. The
  // status line is wiped however the export ends.
  struct StatusLine {
    std::ostream* out;
    void Show(const std::string& text) {
      if (out != nullptr) *out << "\r\x1b[K" << text << std::flush;
    }
    ~StatusLine() { Show(""); }
  } status{request.progress};
  status.Show(request.query.empty() ? "reading the graph…" : "running the query…");
  auto selection = SelectionFor(engine, request);
  if (!selection.ok()) return selection.status();
  auto reader = store->Snapshot();
  auto view = graph::BuildView(*reader, *selection);
  if (!view.ok()) return view.status();
  ExportSummary summary{view->node_count(), view->edge_count()};
  status.Show("writing " + std::to_string(summary.nodes) + " nodes and " +
              std::to_string(summary.relationships) + " relationships…");

  if (request.format == ExportFormat::kCsv) {
    if (request.output.empty() || request.output == "-") {
      return Status::InvalidArgument("csv export needs a folder for nodes.csv and relationships.csv");
    }
    std::error_code ec;
    std::filesystem::create_directories(request.output, ec);
    if (ec) return Status::IOError("cannot make folder '" + request.output + "': " + ec.message());
    AtomicFile nodes(request.output + "/nodes.csv"), edges(request.output + "/relationships.csv");
    if (!nodes.ok()) return Status::IOError("cannot write '" + nodes.target() + "'");
    if (!edges.ok()) return Status::IOError("cannot write '" + edges.target() + "'");
    KG_RETURN_IF_ERROR(graph::WriteCsv(*view, nodes.stream(), edges.stream()));
    KG_RETURN_IF_ERROR(nodes.Commit());
    KG_RETURN_IF_ERROR(edges.Commit());
    return summary;
  }
  if (request.output.empty() || request.output == "-") {
    KG_RETURN_IF_ERROR(WriteOne(*view, request.format, std::cout));
    std::cout.flush();
    return summary;
  }
  AtomicFile file(request.output);
  if (!file.ok()) {
    return Status::IOError("cannot write '" + request.output + "': " + std::strerror(errno));
  }
  KG_RETURN_IF_ERROR(WriteOne(*view, request.format, file.stream()));
  KG_RETURN_IF_ERROR(file.Commit());
  return summary;
}

}  // namespace kg::repl
