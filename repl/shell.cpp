#include "repl/shell.h"

#include <editline/readline.h>
#include <fcntl.h>
#include <langinfo.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <clocale>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iomanip>
#include <set>
#include <sstream>

#include "core/file.h"
#include "ingest/ingester.h"
#include "repl/completion.h"
#include "repl/describe.h"
#include "repl/error_format.h"
#include "repl/export_command.h"
#include "repl/graph_commands.h"
#include "storage/store.h"

namespace kg::repl {

namespace {

bool ParseOnOff(const std::string& word, bool* value) {
  if (word == "on" || word == "true" || word == "1") {
    *value = true;
    return true;
  }
  if (word == "off" || word == "false" || word == "0") {
    *value = false;
    return true;
  }
  return false;
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// Levenshtein distance, for "did you mean" on mistyped commands.
size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1])});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

// The text after the first `count` words of `line`, verbatim (quotes kept).
std::string RestAfterWords(std::string_view line, size_t count) {
  size_t i = 0;
  for (size_t word = 0; word < count; ++word) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    char quote = 0;
    while (i < line.size() && (quote || (line[i] != ' ' && line[i] != '\t'))) {
      if (quote && line[i] == quote) quote = 0;
      else if (!quote && (line[i] == '\'' || line[i] == '"')) quote = line[i];
      ++i;
    }
  }
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  std::string rest(line.substr(i));
  while (!rest.empty() && (rest.back() == ' ' || rest.back() == ';')) rest.pop_back();
  return rest;
}

}  // namespace

std::vector<std::string> SplitCommandWords(std::string_view line) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  char quote = 0;
  for (char c : line) {
    if (quote) {
      if (c == quote) quote = 0;
      else word += c;
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
      in_word = true;
    } else if (c == ' ' || c == '\t') {
      if (in_word) words.push_back(word);
      word.clear();
      in_word = false;
    } else {
      word += c;
      in_word = true;
    }
  }
  if (in_word) words.push_back(word);
  return words;
}

Shell::Shell(storage::Store* store, std::ostream& out, std::ostream& err, ShellOptions options)
    : store_(store), engine_(store), out_(out), err_(err), options_(std::move(options)) {
  RegisterCommands();
}

Shell::~Shell() = default;

std::ostream& Shell::Out() { return redirect_ ? static_cast<std::ostream&>(*redirect_) : out_; }

void Shell::EndOnce() {
  if (once_) {
    redirect_.reset();
    once_ = false;
  }
}

Status Shell::SetParameter(const std::string& name, const std::string& literal) {
  if (name.empty()) return Status::InvalidArgument("parameter name missing");
  std::string text = name;
  if (text[0] == '$') text.erase(0, 1);
  // The engine parses the literal, so parameters accept exactly Cypher's literal syntax.
  auto result = engine_.Execute("RETURN " + literal + " AS value");
  if (!result.ok()) {
    return Status::InvalidArgument("parameter '" + text + "': '" + literal +
                                   "' is not a value: " + result.status().message());
  }
  if (result->rows.size() != 1 || result->rows[0].size() != 1 ||
      result->rows[0][0].kind() != query::ResultValue::Kind::kValue) {
    return Status::InvalidArgument("parameter '" + text + "': '" + literal + "' is not a value");
  }
  parameters_[text] = result->rows[0][0].value();
  return Status::OK();
}

void Shell::RegisterCommands() {
  commands_.push_back({".help", "[COMMAND]", "show the commands, or one command's help",
                       [this](const std::vector<std::string>& args) {
                         for (const auto& c : commands_) {
                           if (!args.empty() && c.name != args[0] && c.name != "." + args[0]) {
                             continue;
                           }
                           std::string head = c.name + (c.usage.empty() ? "" : " " + c.usage);
                           Out() << std::left << std::setw(30) << head << c.help << "\n";
                         }
                         if (args.empty()) {
                           Out() << "\nStatements end with ';'. Colon forms work too: :help "
                                    ":quit :param :params :source.\n";
                         }
                         return Status::OK();
                       }});
  auto quit = [this](const std::vector<std::string>&) {
    quit_ = true;
    return Status::OK();
  };
  commands_.push_back({".quit", "", "leave the shell", quit});
  commands_.push_back({".exit", "", "leave the shell", quit});
  commands_.push_back(
      {".mode", "MODE", "output mode: box table csv tsv json jsonl markdown line",
       [this](const std::vector<std::string>& args) {
         if (args.empty()) {
           Out() << "current output mode: " << OutputModeName(options_.render.mode) << "\n";
           return Status::OK();
         }
         auto mode = ParseOutputMode(args[0]);
         if (!mode) {
           return Status::InvalidArgument("unknown mode '" + args[0] +
                                          "'; modes: box table csv tsv json jsonl markdown line");
         }
         options_.render.mode = *mode;
         return Status::OK();
       }});
  commands_.push_back({".output", "[FILE]", "send results to FILE, or back to the screen",
                       [this](const std::vector<std::string>& args) {
                         redirect_.reset();
                         once_ = false;
                         if (args.empty() || args[0] == "stdout") return Status::OK();
                         auto file = std::make_unique<std::ofstream>(args[0], std::ios::binary);
                         if (!*file) return Status::IOError("cannot write '" + args[0] + "'");
                         redirect_ = std::move(file);
                         return Status::OK();
                       }});
  commands_.push_back({".once", "FILE", "send the next result to FILE",
                       [this](const std::vector<std::string>& args) {
                         if (args.empty()) return Status::InvalidArgument("usage: .once FILE");
                         auto file = std::make_unique<std::ofstream>(args[0], std::ios::binary);
                         if (!*file) return Status::IOError("cannot write '" + args[0] + "'");
                         redirect_ = std::move(file);
                         once_ = true;
                         return Status::OK();
                       }});
  auto read = [this](const std::vector<std::string>& args) {
    if (args.empty()) return Status::InvalidArgument("usage: .read FILE");
    if (read_depth_ > 16) return Status::InvalidArgument(".read nested too deeply");
    auto text = ReadFileToString(args[0]);
    if (!text.ok()) return text.status();
    ++read_depth_;
    // A script read from the prompt stops at its first error, like DuckDB's .read.
    bool saved_bail = options_.bail;
    options_.bail = true;
    bool ok = RunScript(*text, args[0]);
    options_.bail = saved_bail;
    --read_depth_;
    // The error itself was already reported with its position.
    return ok ? Status::OK() : Status::InvalidArgument("").WithKind("reported");
  };
  commands_.push_back({".read", "FILE", "run the statements in FILE (stops at the first error)",
                       read});
  commands_.push_back({".timer", "on|off", "show how long each statement takes",
                       [this](const std::vector<std::string>& args) {
                         if (args.empty() || !ParseOnOff(args[0], &options_.timer)) {
                           return Status::InvalidArgument("usage: .timer on|off");
                         }
                         return Status::OK();
                       }});
  commands_.push_back({".echo", "on|off", "print each statement before running it",
                       [this](const std::vector<std::string>& args) {
                         if (args.empty() || !ParseOnOff(args[0], &options_.echo)) {
                           return Status::InvalidArgument("usage: .echo on|off");
                         }
                         return Status::OK();
                       }});
  commands_.push_back({".bail", "on|off", "stop a script at its first error",
                       [this](const std::vector<std::string>& args) {
                         if (args.empty() || !ParseOnOff(args[0], &options_.bail)) {
                           return Status::InvalidArgument("usage: .bail on|off");
                         }
                         return Status::OK();
                       }});
  commands_.push_back(
      {".maxrows", "N", "box mode: show at most N rows (0 = all)",
       [this](const std::vector<std::string>& args) {
         if (args.empty()) return Status::InvalidArgument("usage: .maxrows N");
         try {
           options_.render.max_rows = std::stoul(args[0]);
         } catch (const std::exception&) {
           return Status::InvalidArgument("'" + args[0] + "' is not a number");
         }
         return Status::OK();
       }});
  commands_.push_back(
      {".maxwidth", "N", "box mode: cut cells wider than N columns (0 = never)",
       [this](const std::vector<std::string>& args) {
         if (args.empty()) return Status::InvalidArgument("usage: .maxwidth N");
         try {
           options_.render.max_cell_width = std::stoul(args[0]);
         } catch (const std::exception&) {
           return Status::InvalidArgument("'" + args[0] + "' is not a number");
         }
         return Status::OK();
       }});
  commands_.push_back(
      {".param", "set NAME VALUE | list | unset NAME | clear", "query parameters ($NAME)",
       [this](const std::vector<std::string>& args) {
         std::string sub = args.empty() ? "list" : args[0];
         if (sub == "list") {
           for (const auto& [k, v] : parameters_) Out() << "$" << k << " = " << v.ToCypher() << "\n";
           return Status::OK();
         }
         if (sub == "clear") {
           parameters_.clear();
           return Status::OK();
         }
         if (sub == "unset" && args.size() == 2) {
           parameters_.erase(args[1][0] == '$' ? args[1].substr(1) : args[1]);
           return Status::OK();
         }
         if (sub == "set" && args.size() >= 3) {
           // The value is Cypher literal text: take it verbatim, quotes and all.
           return SetParameter(args[1], RestAfterWords(current_line_, 3));
         }
         return Status::InvalidArgument("usage: .param set NAME VALUE | list | unset NAME | clear");
       }});
  commands_.push_back(
      {".ingest", "FILE|DIR...", "extract articles and add them to the store",
       [this](const std::vector<std::string>& args) {
         if (args.empty()) return Status::InvalidArgument("usage: .ingest FILE|DIR...");
         if (store_->read_only()) {
           return Status::InvalidArgument("the store is open read-only");
         }
         auto report = ingest::IngestPaths(store_, args, {}, nullptr);
         if (!report.ok()) return report.status();
         vocabulary_stale_ = true;
         for (const auto& f : report->files) {
           if (f.kind == ingest::FileOutcome::Kind::kFailed) {
             err_ << f.message << "\n";  // the message names the file
           }
         }
         Out() << "ingested " << report->added << (report->added == 1 ? " article" : " articles")
               << " (" << report->entities << " entities, " << report->triples << " triples), "
               << report->skipped << " skipped, " << report->failed << " failed\n";
         if (report->failed > 0) {
           return Status::InvalidArgument(std::to_string(report->failed) + " file(s) failed");
         }
         return Status::OK();
       }});
  commands_.push_back(
      {".export", "graphml|dot|ntriples|csv FILE [QUERY]",
       "write the graph, or what QUERY returns, to FILE (csv: a folder)",
       [this](const std::vector<std::string>& args) {
         if (args.size() < 2) {
           return Status::InvalidArgument("usage: .export graphml|dot|ntriples|csv FILE [QUERY]");
         }
         auto format = ParseExportFormat(args[0]);
         if (!format) {
           return Status::InvalidArgument("unknown export format '" + args[0] +
                                          "'; formats: graphml dot ntriples csv");
         }
         ExportRequest request;
         request.format = *format;
         request.output = args[1];
         request.query = RestAfterWords(current_line_, 3);
         if (options_.interactive) request.progress = &err_;
         auto summary = RunExport(store_, &engine_, request);
         if (!summary.ok()) return summary.status();
         if (options_.interactive) {
           err_ << "exported " << summary->nodes << " nodes and " << summary->relationships
                << " relationships to " << args[1] << "\n";
         }
         return Status::OK();
       }});
  auto render = [this](Result<query::QueryResult> result) {
    if (!result.ok()) return result.status();
    Render(*result, options_.render, Out());
    EndOnce();
    return Status::OK();
  };
  auto count_arg = [](const std::vector<std::string>& args, size_t at, size_t fallback,
                      size_t* value) {
    if (args.size() <= at) {
      *value = fallback;
      return Status::OK();
    }
    try {
      *value = std::stoul(args[at]);
    } catch (const std::exception&) {
      return Status::InvalidArgument("'" + args[at] + "' is not a number");
    }
    return Status::OK();
  };
  commands_.push_back({".central", "[N]", "the N most central entities (PageRank over facts)",
                       [this, render, count_arg](const std::vector<std::string>& args) {
                         size_t n = 0;
                         KG_RETURN_IF_ERROR(count_arg(args, 0, 10, &n));
                         return render(CentralEntities(*store_->Snapshot(), n));
                       }});
  commands_.push_back({".groups", "[N]", "the N largest groups of entities joined by facts",
                       [this, render, count_arg](const std::vector<std::string>& args) {
                         size_t n = 0;
                         KG_RETURN_IF_ERROR(count_arg(args, 0, 10, &n));
                         return render(EntityGroups(*store_->Snapshot(), n));
                       }});
  commands_.push_back(
      {".neighbours", "NAME [HOPS]", "the entities within HOPS facts of NAME (default 1)",
       [this, render](const std::vector<std::string>& args) {
         if (args.empty()) return Status::InvalidArgument("usage: .neighbours NAME [HOPS]");
         // A trailing number is the hop count; the words before it are the name, quoted or not.
         std::vector<std::string> words = args;
         size_t hops = 1;
         if (words.size() > 1 && !words.back().empty() &&
             std::all_of(words.back().begin(), words.back().end(), ::isdigit)) {
           hops = std::stoul(words.back());
           words.pop_back();
         }
         std::string name;
         for (const auto& w : words) name += (name.empty() ? "" : " ") + w;
         auto ids = FindEntities(engine_, name);
         if (!ids.ok()) return ids.status();
         return render(Neighbours(*store_->Snapshot(), static_cast<NodeId>((*ids)[0]),
                                  static_cast<int>(hops)));
       }});
  commands_.push_back({".describe", "NAME", "an entity card: type, aliases, titles, articles, "
                       "relationships with their evidence",
                       [this](const std::vector<std::string>& args) {
                         if (args.empty()) return Status::InvalidArgument("usage: .describe NAME");
                         std::string name = RestAfterWords(current_line_, 1);
                         if (name.size() >= 2 && (name[0] == '\'' || name[0] == '"') &&
                             name.back() == name[0]) {
                           name = name.substr(1, name.size() - 2);
                         }
                         return Describe(engine_, name, Out());
                       }});
  commands_.push_back({".path", "NAME NAME", "the shortest chain of facts between two entities, "
                       "with evidence per hop",
                       [this](const std::vector<std::string>& args) {
                         if (args.size() != 2) {
                           return Status::InvalidArgument(
                               "usage: .path NAME NAME (quote names with spaces)");
                         }
                         return DescribePath(engine_, *store_->Snapshot(), args[0], args[1],
                                             Out());
                       }});
  commands_.push_back(
      {".schema", "", "labels and relationship types with their counts, and property keys",
       [this](const std::vector<std::string>&) {
         auto reader = store_->Snapshot();
         auto counts = reader->Counts();
         if (!counts.ok()) return counts.status();
         // Labels and types the dictionary knows but no element carries any more show 0.
         auto print = [this](const char* what, const std::vector<std::string>& names,
                             const std::map<std::string, uint64_t>& numbers, const char* prefix) {
           Out() << what << ":\n";
           for (const auto& name : names) {
             auto n = numbers.find(name);
             Out() << "  " << prefix << name << " (" << (n == numbers.end() ? 0 : n->second)
                   << ")\n";
           }
         };
         print("node labels", reader->Labels(), counts->nodes_by_label, ":");
         print("relationship types", reader->RelationshipTypes(), counts->edges_by_type, ":");
         Out() << "property keys:";
         for (const auto& key : reader->PropertyKeys()) Out() << " " << key;
         Out() << "\n";
         return Status::OK();
       }});
  commands_.push_back({".stats", "", "counts of nodes by label and relationships by type",
                       [this](const std::vector<std::string>&) {
                         auto counts = store_->Snapshot()->Counts();
                         if (!counts.ok()) return counts.status();
                         Out() << "nodes: " << counts->nodes << "\n";
                         for (const auto& [l, n] : counts->nodes_by_label) {
                           Out() << "  :" << l << " " << n << "\n";
                         }
                         Out() << "relationships: " << counts->edges << "\n";
                         for (const auto& [t, n] : counts->edges_by_type) {
                           Out() << "  :" << t << " " << n << "\n";
                         }
                         return Status::OK();
                       }});
}

Status Shell::RunCommand(const std::string& line) {
  std::vector<std::string> words = SplitCommandWords(line);
  if (words.empty()) return Status::OK();
  current_line_ = line;
  std::string name = Lower(words[0]);
  std::vector<std::string> args(words.begin() + 1, words.end());
  // Colon forms that Cypher users type (cypher-shell, Kùzu).
  if (name[0] == ':') {
    if (name == ":source") name = ".read";
    else if (name == ":params") name = ".param", args.insert(args.begin(), "list");
    else if (name == ":param") {
      // ":param name => value" as in cypher-shell.
      std::string rest = line.substr(line.find(words[0]) + words[0].size());
      size_t arrow = rest.find("=>");
      if (arrow == std::string::npos) {
        return Status::InvalidArgument("usage: :param NAME => VALUE");
      }
      auto trim = [](std::string s) {
        s.erase(0, s.find_first_not_of(" \t"));
        s.erase(s.find_last_not_of(" \t;") + 1);
        return s;
      };
      return SetParameter(trim(rest.substr(0, arrow)), trim(rest.substr(arrow + 2)));
    } else {
      name[0] = '.';
    }
  }
  for (const auto& c : commands_) {
    if (c.name == name) return c.run(args);
  }
  std::string best;
  size_t best_distance = 3;
  for (const auto& c : commands_) {
    size_t d = EditDistance(name, c.name);
    if (d < best_distance) best_distance = d, best = c.name;
  }
  std::string message = "unknown command '" + words[0] + "'";
  message += best.empty() ? "; .help lists the commands" : "; did you mean '" + best + "'?";
  return Status::InvalidArgument(message);
}

Status Shell::RunStatement(const std::string& text) {
  auto start = std::chrono::steady_clock::now();
  auto result = engine_.Execute(text, parameters_);
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                  .count();
  if (!result.ok()) return result.status();
  if (result->counts.any()) vocabulary_stale_ = true;
  std::ostream& out = Out();
  for (const auto& line : result->plan) out << line << "\n";
  Render(*result, options_.render, out);
  out.flush();
  EndOnce();
  if (options_.interactive) {
    std::ostringstream footer;
    if (!result->columns.empty()) {
      footer << result->rows.size() << (result->rows.size() == 1 ? " row" : " rows");
    }
    std::string counts = result->counts.ToString();
    if (!counts.empty()) footer << (footer.tellp() > 0 ? ", " : "") << counts;
    footer << (footer.tellp() > 0 ? " " : "") << "(" << std::fixed << std::setprecision(1) << ms
           << " ms)";
    err_ << footer.str() << "\n";
  } else if (options_.timer) {
    err_ << "Run Time: " << std::fixed << std::setprecision(3) << ms / 1000.0 << " s\n";
  }
  return Status::OK();
}

bool Shell::RunPiece(const Piece& piece, std::string_view source, std::string_view source_name) {
  if (options_.echo) out_ << piece.text << (piece.kind == Piece::Kind::kStatement ? ";\n" : "\n");
  Status status = piece.kind == Piece::Kind::kCommand ? RunCommand(piece.text)
                                                      : RunStatement(piece.text);
  if (status.ok()) return true;
  if (status.kind() == "reported") return false;
  if (options_.interactive && status.kind() == "Interrupted") err_ << "\n";  // after the ^C
  OutputMode mode = options_.render.mode;
  if (mode == OutputMode::kJson || mode == OutputMode::kJsonLines) {
    // Machine-readable modes get machine-readable errors, on the same stream as before.
    err_ << FormatErrorJson(status, source_name, piece.line, piece.column) << "\n";
    return false;
  }
  std::string text = FormatError(status, source_name, source, piece.line, piece.column);
  if (options_.color_errors) {
    size_t end = text.find('\n');
    text = "\x1b[31m" + text.substr(0, end) + "\x1b[0m" + text.substr(end);
  }
  err_ << text;
  return false;
}

bool Shell::RunScript(std::string_view text, std::string_view source_name) {
  StatementSplitter splitter;
  splitter.Feed(text);
  std::vector<Piece> pieces = splitter.Finish();
  bool all_ok = true;
  for (const auto& piece : pieces) {
    if (!RunPiece(piece, text, source_name)) {
      all_ok = false;
      if (options_.bail) break;
    }
    if (quit_) break;
  }
  return all_ok;
}

CompletionVocabulary Shell::Vocabulary() {
  CompletionVocabulary vocabulary;
  for (const auto& c : commands_) vocabulary.commands.push_back(c.name.substr(1));
  vocabulary.colon_commands = {"help", "quit", "exit", "param", "params", "source"};
  vocabulary.keywords = query::Engine::Keywords();
  auto reader = store_->Snapshot();
  vocabulary.labels = reader->Labels();
  // Types complete in their underscore form, which matches the same and needs no backticks.
  for (std::string type : reader->RelationshipTypes()) {
    std::replace(type.begin(), type.end(), '-', '_');
    vocabulary.relationship_types.push_back(type);
  }
  vocabulary.property_keys = reader->PropertyKeys();
  // Bounded, so a huge store keeps the prompt quick.
  auto names = engine_.Execute(
      "MATCH (n) WHERE n.name IS NOT NULL AND NOT n:Article RETURN DISTINCT n.name LIMIT 200000");
  if (names.ok()) {
    for (const auto& row : names->rows) {
      if (row[0].kind() == query::ResultValue::Kind::kValue && row[0].value().is_string()) {
        vocabulary.entity_names.push_back(row[0].value().as_string());
      }
    }
  }
  return vocabulary;
}

namespace {

// libedit's completion callbacks are plain C functions: they read from here.
CompletionVocabulary g_vocabulary;
std::vector<std::string> g_candidates;

char* CandidateGenerator(const char*, int state) {
  static size_t index;
  if (state == 0) index = 0;
  return index < g_candidates.size() ? strdup(g_candidates[index++].c_str()) : nullptr;
}

volatile sig_atomic_t g_interrupted = 0;
int g_interrupt_pipe[2] = {-1, -1};  // the handler writes a byte here to wake ReadKey's poll

query::Engine* g_running_engine = nullptr;  // Ctrl-C during a statement interrupts it

void OnInterrupt(int) {
  g_interrupted = 1;
  if (g_running_engine != nullptr) g_running_engine->Interrupt();  // an atomic store
  if (g_interrupt_pipe[1] >= 0) {
    char byte = 0;
    [[maybe_unused]] ssize_t n = write(g_interrupt_pipe[1], &byte, 1);
  }
}

// libedit's key reader, replaced so that Ctrl-C ends the line at once: libedit itself retries
// a read interrupted by a signal and would wait for the next key. Returns one character as a
// Unicode code point (libedit works in wide characters), or -1 at end of input or on Ctrl-C.
void DrainInterruptPipe() {
  char drain[16];
  while (g_interrupt_pipe[0] >= 0 && read(g_interrupt_pipe[0], drain, sizeof drain) > 0) {
  }
}

int ReadKey(FILE* in) {
  int fd = fileno(in);
  unsigned char bytes[4];
  size_t have = 0, need = 1;
  while (have < need) {
    struct pollfd fds[2] = {{fd, POLLIN, 0}, {g_interrupt_pipe[0], POLLIN, 0}};
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR && !g_interrupted) continue;
      DrainInterruptPipe();  // the byte the handler wrote must not end the next line too
      return -1;
    }
    if (fds[1].revents & POLLIN) {
      DrainInterruptPipe();
      return -1;
    }
    if (!(fds[0].revents & (POLLIN | POLLHUP | POLLERR))) continue;
    ssize_t n = read(fd, &bytes[have], 1);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return -1;
    if (have == 0) {
      unsigned char lead = bytes[0];
      need = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3
                                               : (lead >> 3) == 0x1E ? 4 : 1;
    } else if ((bytes[have] & 0xC0) != 0x80) {
      return 0xFFFD;  // a broken sequence: one replacement character
    }
    ++have;
  }
  if (need == 1) return bytes[0] < 0x80 ? bytes[0] : 0xFFFD;
  int code = bytes[0] & (0x7F >> need);
  for (size_t i = 1; i < need; ++i) code = (code << 6) | (bytes[i] & 0x3F);
  return code;
}

char** CompleteLine(const char* text, int start, int end) {
  rl_attempted_completion_over = 1;  // never fall back to libedit's own file names
  std::string_view line(rl_line_buffer, static_cast<size_t>(rl_end));
  Completion completion = Complete(line, static_cast<size_t>(end), g_vocabulary);
  // libedit replaces line[start, end); our word may begin earlier (a path with '/' or '.').
  size_t lib_start = static_cast<size_t>(start);
  g_candidates.clear();
  for (const auto& c : completion.candidates) {
    if (completion.start > lib_start) {
      // libedit's word began earlier (at an opening quote): keep what lies between.
      g_candidates.push_back(std::string(line.substr(lib_start, completion.start - lib_start)) + c);
      continue;
    }
    std::string_view typed = line.substr(completion.start, lib_start - completion.start);
    if (c.compare(0, typed.size(), typed) == 0) g_candidates.push_back(c.substr(typed.size()));
  }
  bool folder = g_candidates.size() == 1 && g_candidates[0].back() == '/';
  rl_completion_append_character = folder || completion.in_string ? '\0' : ' ';
  if (g_candidates.empty()) return nullptr;
  return rl_completion_matches(text, CandidateGenerator);
}

}  // namespace

void Shell::RunInteractive() {
  // libedit turns keys into text through the C library's locale: make it UTF-8 even where
  // the environment names none (containers, CI), or every non-ASCII letter would be lost.
  setlocale(LC_CTYPE, "");
  if (std::string(nl_langinfo(CODESET)) != "UTF-8") setlocale(LC_CTYPE, "C.UTF-8");
  if (pipe2(g_interrupt_pipe, O_CLOEXEC | O_NONBLOCK) != 0) {
    g_interrupt_pipe[0] = g_interrupt_pipe[1] = -1;
  } else {
    rl_getc_function = ReadKey;  // before libedit initialises (read_history does)
  }
  g_vocabulary = Vocabulary();
  rl_attempted_completion_function = CompleteLine;
  static std::string word_breaks = kCompletionWordBreaks;
  rl_completer_word_break_characters = word_breaks.data();
  rl_basic_word_break_characters = word_breaks.data();
  if (!options_.history_path.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(
        std::filesystem::path(options_.history_path).parent_path(), ec);
    read_history(options_.history_path.c_str());
  }
  stifle_history(5000);

  // Ctrl-C cancels the statement being typed, not the shell: ReadKey sees the flag and ends
  // the line, and readline returns with the flag set.
  struct sigaction action = {}, previous = {};
  action.sa_handler = OnInterrupt;
  sigemptyset(&action.sa_mask);
  g_running_engine = &engine_;
  sigaction(SIGINT, &action, &previous);
  rl_catch_signals = 0;  // libedit's own handler re-raises the signal and races with ours

  StatementSplitter splitter;
  std::string statement_text;  // the lines of the pending statement, for one history entry
  int line_number = 0, first_line = 1;
  int splitter_base = 1;  // the session line the splitter counts as its line 1
  while (!quit_) {
    const char* prompt = splitter.pending() ? "   ...> " : "kg> ";
    if (vocabulary_stale_) {
      g_vocabulary = Vocabulary();  // new labels, types and keys complete at once
      vocabulary_stale_ = false;
    }
    g_interrupted = 0;
    DrainInterruptPipe();
    char* raw = readline(prompt);
    if (g_interrupted) {
      free(raw);
      out_ << "^C\n";
      out_.flush();
      splitter = StatementSplitter();
      splitter_base = line_number + 1;
      statement_text.clear();
      continue;
    }
    if (raw == nullptr) {  // end of input (Ctrl-D)
      out_ << "\n";
      break;
    }
    std::string line = raw;
    free(raw);
    ++line_number;
    if (statement_text.empty()) first_line = line_number;
    statement_text += (statement_text.empty() ? "" : "\n") + line;
    splitter.Feed(line + "\n");
    auto pieces = splitter.Take();
    if (pieces.empty()) {
      if (!splitter.pending()) statement_text.clear();  // blank line or comment only
      continue;
    }
    add_history(statement_text.c_str());
    for (const auto& piece : pieces) {
      // Positions are reported relative to what the user typed for this statement.
      Piece local = piece;
      local.line = piece.line + splitter_base - first_line;
      RunPiece(local, statement_text, "<stdin>");
      if (quit_) break;
    }
    statement_text.clear();
    if (splitter.pending()) {
      statement_text = line;
      first_line = line_number;
    }
  }
  sigaction(SIGINT, &previous, nullptr);
  g_running_engine = nullptr;
  for (int& end : g_interrupt_pipe) {
    if (end >= 0) close(end);
    end = -1;
  }
  if (!options_.history_path.empty()) {
    write_history(options_.history_path.c_str());
  }
}

}  // namespace kg::repl
