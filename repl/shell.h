// The kg shell: runs statements and dot-commands from the prompt, a script file, `-c` text or
// piped input, and renders results. Exit behaviour follows sqlite3 and DuckDB (see docs/cli.md).
#pragma once

#include <chrono>
#include <fstream>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/value.h"
#include "query/engine.h"
#include "repl/completion.h"
#include "repl/render.h"
#include "repl/statement_splitter.h"

namespace kg::storage {
class Store;
}

namespace kg::repl {

struct ShellOptions {
  RenderOptions render;
  bool interactive = false;  // a person at a terminal: footers, timings, no bail
  bool bail = true;          // scripts stop at the first error
  bool echo = false;         // print each statement before running it
  bool timer = false;
  bool color_errors = false;  // red error lines (a terminal without NO_COLOR)
  std::string history_path;  // empty: no history
};

class Shell {
 public:
  // `store` must outlive the shell. Results go to `out`, errors and notes to `err`.
  Shell(storage::Store* store, std::ostream& out, std::ostream& err, ShellOptions options);
  ~Shell();

  // Runs every statement and command in `text`, which came from `source_name` ("<stdin>",
  // "<command>", a file path). Stops at the first error when bail is on. Returns false if
  // any statement or command failed.
  bool RunScript(std::string_view text, std::string_view source_name);

  // The interactive loop on the terminal, with line editing, history and completion.
  // Returns when the user quits or at end of input; never on a failed statement.
  void RunInteractive();

  // Sets a query parameter from Cypher literal text ("'Kyiv'", "42", "[1, 2]").
  Status SetParameter(const std::string& name, const std::string& literal);

  bool quit_requested() const { return quit_; }
  const ShellOptions& options() const { return options_; }

  // For completion: dot-commands, keywords, labels, types, property keys.
  CompletionVocabulary Vocabulary();

 private:
  struct Command {
    std::string name;
    std::string usage;
    std::string help;
    std::function<Status(const std::vector<std::string>& args)> run;
  };

  bool RunPiece(const Piece& piece, std::string_view source, std::string_view source_name);
  Status RunStatement(const std::string& text);
  Status RunCommand(const std::string& line);
  void RegisterCommands();
  std::ostream& Out();
  void EndOnce();

  storage::Store* store_;
  query::Engine engine_;
  std::ostream& out_;
  std::ostream& err_;
  ShellOptions options_;
  ValueMap parameters_;
  std::vector<Command> commands_;
  std::unique_ptr<std::ofstream> redirect_;
  bool once_ = false;
  bool quit_ = false;
  bool vocabulary_stale_ = false;  // completion words need reading again
  int read_depth_ = 0;
  std::string current_line_;  // the dot-command being run, for handlers that need it verbatim
};

// Splits a dot-command line into words; 'single' and "double" quotes group words.
std::vector<std::string> SplitCommandWords(std::string_view line);

}  // namespace kg::repl
