// kg: the command tree. Each command opens the store it needs, does its job and maps the
// outcome to an exit code: 0 ok, 1 a statement or input failed, 2 usage, 70 internal error.
#include <sys/ioctl.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <thread>

#include "core/file.h"
#include "core/status.h"
#include "extract/extractor.h"
#include "extract/jsonl.h"
#include "ingest/ingester.h"
#include "repl/export_command.h"
#include "repl/shell.h"
#include "storage/store.h"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;
constexpr int kExitInternal = 70;

int Fail(const std::string& message) {
  std::cerr << "kg: " << message << "\n";
  return kExitFailed;
}

int Fail(const kg::Status& status) { return Fail(status.message()); }

kg::Result<std::unique_ptr<kg::storage::Store>> OpenStore(const std::string& db, bool read_only) {
  kg::storage::OpenOptions options;
  options.read_only = read_only;
  options.create_if_missing = !read_only;
  return kg::storage::Store::Open(db, options);
}

// For commands that may write but mostly read (query, run, repl): the writer's lock when it
// is free, else a read-only view, so questions can be asked while an ingest runs. Writing
// statements then fail with the store's read-only error.
kg::Result<std::unique_ptr<kg::storage::Store>> OpenStoreForStatements(const std::string& db,
                                                                      bool* fell_back) {
  auto store = OpenStore(db, false);
  *fell_back = false;
  if (store.ok() || store.status().code() != kg::StatusCode::kBusy) return store;
  auto reader = OpenStore(db, true);
  if (!reader.ok()) return store.status();
  *fell_back = true;
  return reader;
}

std::string HistoryPath() {
  if (const char* p = std::getenv("KG_HISTORY"); p && *p) return p;
  if (const char* p = std::getenv("XDG_STATE_HOME"); p && *p) return std::string(p) + "/kg/history";
  if (const char* p = std::getenv("HOME"); p && *p) return std::string(p) + "/.local/state/kg/history";
  return "";
}

// Shared by `kg query` and `kg repl`: output mode, parameters, scripts.
struct ShellFlags {
  std::string mode;
  std::vector<std::string> params;
  std::vector<std::string> files;
  std::string command;
  bool keep_going = false;
  bool echo = false;
};

void AddShellFlags(CLI::App* cmd, ShellFlags* flags) {
  cmd->add_option("-m,--mode", flags->mode,
                  "output mode: box table csv tsv json jsonl markdown line (default: box on a "
                  "terminal, csv otherwise)")
      ->check(CLI::IsMember(kg::repl::OutputModeNames()));
  cmd->add_option("-p,--param", flags->params, "query parameter NAME=VALUE (VALUE is Cypher)");
  cmd->add_option("-f,--file", flags->files, "run the statements in FILE")->check(CLI::ExistingFile);
  cmd->add_flag("--continue", flags->keep_going, "run on after a failed statement (exit 1 at end)");
  cmd->add_flag("--echo", flags->echo, "print each statement before its result");
}

kg::repl::ShellOptions MakeShellOptions(const ShellFlags& flags, bool interactive) {
  kg::repl::ShellOptions options;
  bool tty = isatty(STDOUT_FILENO);
  options.render.mode = tty ? kg::repl::OutputMode::kBox : kg::repl::OutputMode::kCsv;
  if (!flags.mode.empty()) options.render.mode = *kg::repl::ParseOutputMode(flags.mode);
  if (tty) {
    options.render.max_rows = 40;
    options.render.max_cell_width = 80;
    struct winsize size = {};
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) {
      options.render.max_table_width = size.ws_col;
    }
    const char* no_color = std::getenv("NO_COLOR");
    options.render.color = no_color == nullptr || *no_color == '\0';
  }
  options.color_errors = isatty(STDERR_FILENO) && options.render.color;
  options.interactive = interactive;
  options.bail = !flags.keep_going;
  options.echo = flags.echo;
  return options;
}

// Runs -c text, -f files and then, if asked, stdin. Returns the exit code.
int RunNonInteractive(kg::repl::Shell& shell, const ShellFlags& flags, bool read_stdin) {
  for (const auto& p : flags.params) {
    size_t eq = p.find('=');
    if (eq == std::string::npos) return Fail("--param '" + p + "': expected NAME=VALUE");
    kg::Status s = shell.SetParameter(p.substr(0, eq), p.substr(eq + 1));
    if (!s.ok()) return Fail(s);
  }
  bool ok = true;
  if (!flags.command.empty()) {
    ok = shell.RunScript(flags.command, "<command>") && ok;
    if (!ok && shell.options().bail) return kExitFailed;
  }
  for (const auto& file : flags.files) {
    auto text = kg::ReadFileToString(file);
    if (!text.ok()) return Fail(text.status());
    ok = shell.RunScript(*text, file) && ok;
    if ((!ok && shell.options().bail) || shell.quit_requested()) break;
  }
  if (read_stdin && (ok || !shell.options().bail) && !shell.quit_requested()) {
    std::ostringstream buffer;
    buffer << std::cin.rdbuf();
    ok = shell.RunScript(buffer.str(), "<stdin>") && ok;
  }
  return ok ? kExitOk : kExitFailed;
}

void PrintProgress(size_t done, size_t total, double seconds) {
  constexpr int kWidth = 30;
  int filled = total ? static_cast<int>(kWidth * done / total) : kWidth;
  double rate = seconds > 0 ? done / seconds : 0;
  std::cerr << "\r[" << std::string(filled, '=') << std::string(kWidth - filled, ' ') << "] "
            << done << "/" << total << " articles, " << std::fixed << std::setprecision(1)
            << rate << " articles/s" << std::flush;
}

int RunIngest(const std::string& db, const std::vector<std::string>& paths,
              const std::vector<std::string>& triples, const std::string& entities, int threads) {
  if (!entities.empty() && triples.empty())
    return Fail("ingest: --entities goes with --triples FILE");
  if (paths.empty() && triples.empty()) return Fail("ingest: give files or folders, or --triples FILE");
  auto store = OpenStore(db, false);
  if (!store.ok()) return Fail(store.status());
  bool failed = false;
  for (const auto& file : triples) {
    kg::ingest::ImportOptions import_options;
    import_options.entities_path = entities;
    auto report = kg::ingest::ImportTriples(store->get(), file, import_options);
    if (!report.ok()) {
      std::cerr << "kg: ingest: " << report.status().message() << "\n";
      failed = true;
      continue;
    }
    std::cout << "imported " << report->triples << " triples, " << report->entities
              << " entities from " << file << " in " << std::fixed << std::setprecision(2)
              << report->seconds << " s\n";
  }
  if (paths.empty()) return failed ? kExitFailed : kExitOk;

  bool tty = isatty(STDERR_FILENO);
  auto start = std::chrono::steady_clock::now();
  kg::ingest::IngestOptions options;
  options.threads = threads;
  auto report = kg::ingest::IngestPaths(
      store->get(), paths, options, [&](size_t done, size_t total) {
        if (!tty) return;
        double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        PrintProgress(done, total, s);
      });
  if (tty) std::cerr << "\n";
  if (!report.ok()) return Fail(report.status());
  for (const auto& f : report->files) {
    if (f.kind == kg::ingest::FileOutcome::Kind::kFailed) {
      std::cerr << "kg: ingest: " << f.message << "\n";  // the message names the file
    } else if (f.kind == kg::ingest::FileOutcome::Kind::kSkipped) {
      std::cerr << "kg: ingest: " << f.path << ": skipped, " << f.message << "\n";
    }
  }
  std::cout << "ingested " << report->added << (report->added == 1 ? " article" : " articles")
            << " (" << report->entities << " entities, " << report->triples << " triples), "
            << report->skipped << " skipped, " << report->failed << " failed in " << std::fixed
            << std::setprecision(2) << report->seconds << " s\n";
  return failed || report->failed > 0 ? kExitFailed : kExitOk;
}

int RunExtract(const std::vector<std::string>& files) {
  bool failed = false;
  for (const auto& file : files) {
    auto text = kg::ReadFileToString(file);
    if (!text.ok()) {
      std::cerr << "kg: extract: " << text.status().message() << "\n";
      failed = true;
      continue;
    }
    auto article = kg::extract::ExtractArticle(*text, file);
    if (!article.ok()) {
      std::cerr << "kg: extract: " << file << ": " << article.status().message() << "\n";
      failed = true;
      continue;
    }
    std::cout << kg::extract::ToJsonLines(*article);
  }
  std::cout.flush();
  return failed ? kExitFailed : kExitOk;
}

int RunStats(const std::string& db) {
  auto store = OpenStore(db, true);
  if (!store.ok()) return Fail(store.status());
  auto reader = (*store)->Snapshot();
  auto counts = reader->Counts();
  if (!counts.ok()) return Fail(counts.status());
  auto articles = counts->nodes_by_label.find("Article");
  std::cout << "store: " << db << "\n";
  std::cout << "articles: " << (articles == counts->nodes_by_label.end() ? 0 : articles->second)
            << "\n";
  std::cout << "nodes: " << counts->nodes << "\n";
  for (const auto& [label, n] : counts->nodes_by_label) std::cout << "  :" << label << " " << n << "\n";
  std::cout << "relationships: " << counts->edges << "\n";
  for (const auto& [type, n] : counts->edges_by_type) std::cout << "  :" << type << " " << n << "\n";
  return kExitOk;
}

int RunExport(const std::string& db, kg::repl::ExportRequest request) {
  auto store = OpenStore(db, true);
  if (!store.ok()) return Fail(store.status());
  kg::query::Engine engine(store->get());
  if (isatty(STDERR_FILENO)) request.progress = &std::cerr;
  auto summary = kg::repl::RunExport(store->get(), &engine, request);
  if (!summary.ok()) return Fail("export: " + summary.status().message());
  if (!request.output.empty() && request.output != "-") {
    std::cerr << "exported " << summary->nodes << " nodes and " << summary->relationships
              << " relationships to " << request.output << "\n";
  }
  return kExitOk;
}

int Main(int argc, char** argv) {
  CLI::App app{"kg: a knowledge graph of news articles, queried with openCypher", "kg"};
  app.set_version_flag("--version", "kg 0.1.0");
  app.require_subcommand(1);
  app.fallthrough();
  app.footer(
      "Exit codes: 0 ok, 1 a statement, file or the store failed, 2 usage error, 70 internal "
      "error.\nDocumentation: docs/cli.md (commands and shell), docs/query.md (query language).");
  std::string db = "./kg-data";
  app.add_option("--db", db, "store folder")->capture_default_str();

  auto* extract = app.add_subcommand("extract", "print the entities and triples of articles (no store)");
  std::vector<std::string> extract_files;
  std::string extract_format = "jsonl";
  extract->add_option("files", extract_files, "article files")->required();
  extract->add_option("--format", extract_format, "output format")
      ->check(CLI::IsMember({"jsonl"}))
      ->capture_default_str();

  auto* ingest = app.add_subcommand("ingest", "extract articles and store them");
  std::vector<std::string> ingest_paths, triple_files;
  std::string entities_file;
  int threads = 0;
  ingest->add_option("paths", ingest_paths, "article files or folders (recursed)");
  ingest->add_option("--triples", triple_files,
                     "import triples: TSV subject<TAB>predicate<TAB>object, or kg extract's JSON lines");
  ingest->add_option("--entities", entities_file,
                     "with --triples: a CSV of entities (header with name and type columns) giving "
                     "the types of the names in the triples");
  ingest->add_option("-j,--threads", threads, "extraction threads (0 = all cores)");

  auto* query = app.add_subcommand("query", "run openCypher statements and print the results");
  ShellFlags query_flags;
  query->add_option("statement", query_flags.command, "the statement(s); ';' between several");
  query->add_option("-c,--command", query_flags.command, "the statement(s), as a flag");
  AddShellFlags(query, &query_flags);

  auto* run = app.add_subcommand("run", "run script files, stopping at the first error");
  ShellFlags run_flags;
  run->add_option("scripts", run_flags.files, "script files")->required()->check(CLI::ExistingFile);
  run->add_option("-m,--mode", run_flags.mode, "output mode")
      ->check(CLI::IsMember(kg::repl::OutputModeNames()));
  run->add_option("-p,--param", run_flags.params, "query parameter NAME=VALUE (VALUE is Cypher)");
  run->add_flag("--continue", run_flags.keep_going, "run on after a failed statement (exit 1 at end)");
  run->add_flag("--echo", run_flags.echo, "print each statement before its result");

  auto* repl = app.add_subcommand("repl", "the interactive shell");
  ShellFlags repl_flags;
  bool read_only = false, no_history = false;
  repl->add_option("-c,--command", repl_flags.command, "run STATEMENT and exit");
  repl->add_flag("--read-only", read_only, "open the store for reading only");
  repl->add_flag("--no-history", no_history, "keep no history file");
  AddShellFlags(repl, &repl_flags);

  auto* exporter = app.add_subcommand(
      "export", "write the graph, a filtered part of it, or a query's subgraph to a file");
  std::string export_format = "graphml";
  kg::repl::ExportRequest export_request;
  exporter->add_option("--format", export_format, "graphml, dot, ntriples or csv")
      ->check(CLI::IsMember(kg::repl::ExportFormatNames()))
      ->capture_default_str();
  exporter->add_option("output", export_request.output,
                       "output file ('-' or none: standard output); for csv a folder");
  exporter->add_option("-o,--output", export_request.output, "output file");
  exporter->add_option("-q,--query", export_request.query,
                       "export only the nodes, relationships and paths this query returns");
  exporter->add_option("--label", export_request.filter.labels, "keep nodes with this label");
  exporter->add_option("--exclude-label", export_request.filter.exclude_labels,
                       "drop nodes with this label (e.g. Article, Quote)");
  exporter->add_option("--type", export_request.filter.types, "keep relationships of this type");
  exporter->add_option("--exclude-type", export_request.filter.exclude_types,
                       "drop relationships of this type (e.g. MENTIONS)");
  exporter->add_option("--min-confidence", export_request.filter.min_confidence,
                       "drop relationships less sure than this");

  auto* stats = app.add_subcommand("stats", "counts of articles, nodes by label, relationships by type");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }

  if (*extract) return RunExtract(extract_files);
  if (*ingest) return RunIngest(db, ingest_paths, triple_files, entities_file, threads);
  if (*stats) return RunStats(db);
  if (*exporter) {
    export_request.format = *kg::repl::ParseExportFormat(export_format);
    return RunExport(db, export_request);
  }
  if (*query) {
    if (query_flags.command.empty() && query_flags.files.empty() && isatty(STDIN_FILENO)) {
      std::cerr << "kg: query: give a statement, -f FILE, or statements on standard input\n";
      return kExitUsage;
    }
    bool read_only_fallback = false;
    auto store = OpenStoreForStatements(db, &read_only_fallback);
    if (!store.ok()) return Fail(store.status());
    kg::repl::Shell shell(store->get(), std::cout, std::cerr, MakeShellOptions(query_flags, false));
    bool use_stdin = query_flags.command.empty() && query_flags.files.empty();
    return RunNonInteractive(shell, query_flags, use_stdin);
  }
  if (*run) {
    bool read_only_fallback = false;
    auto store = OpenStoreForStatements(db, &read_only_fallback);
    if (!store.ok()) return Fail(store.status());
    kg::repl::Shell shell(store->get(), std::cout, std::cerr, MakeShellOptions(run_flags, false));
    return RunNonInteractive(shell, run_flags, false);
  }
  if (*repl) {
    bool read_only_fallback = false;
    auto store = read_only ? OpenStore(db, true) : OpenStoreForStatements(db, &read_only_fallback);
    if (!store.ok()) return Fail(store.status());
    read_only = read_only || read_only_fallback;
    bool interactive = isatty(STDIN_FILENO) && repl_flags.command.empty() && repl_flags.files.empty();
    kg::repl::ShellOptions options = MakeShellOptions(repl_flags, interactive);
    if (interactive && !no_history) options.history_path = HistoryPath();
    kg::repl::Shell shell(store->get(), std::cout, std::cerr, options);
    if (!interactive) {
      bool use_stdin = repl_flags.command.empty() && repl_flags.files.empty();
      return RunNonInteractive(shell, repl_flags, use_stdin);
    }
    int code = RunNonInteractive(shell, repl_flags, false);  // parameters
    if (code != kExitOk) return code;
    if (read_only_fallback) {
      std::cerr << "note: another process is writing to " << db
                << "; this shell reads a snapshot of it\n";
    }
    std::cerr << "kg 0.1.0, store " << db << (read_only ? " (read-only)" : "")
              << ". Statements end with ';'. .help for commands, .quit to leave.\n";
    // A person takes seconds to type the first statement: build the read caches meanwhile,
    // so that the first queries on a large store already run from memory. (jthread joins
    // before the store closes.)
    std::jthread warm([s = store->get()] { (void)s->WarmTopology(); });
    shell.RunInteractive();
    return kExitOk;
  }
  return kExitUsage;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return Main(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "kg: internal error: " << e.what() << "\n";
  } catch (...) {
    std::cerr << "kg: internal error: unknown exception\n";
  }
  return kExitInternal;
}
