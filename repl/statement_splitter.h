// Splits shell input into statements: a ';' ends one unless it is inside a string, a
// backtick-quoted name or a comment. Dot-commands (".mode csv") are one line each.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kg::repl {

struct Piece {
  enum class Kind { kStatement, kCommand } kind = Kind::kStatement;
  std::string text;   // the statement without its ';' (comments kept), or the command line
  int line = 1;       // where the piece starts in the input, 1-based
  int column = 1;
};

class StatementSplitter {
 public:
  // Feeds more input (a line with its '\n', or a whole file).
  void Feed(std::string_view text);
  // Complete pieces found so far; they are removed from the splitter.
  std::vector<Piece> Take();
  // True while a statement has begun and not ended (the shell shows its continuation prompt).
  bool pending() const;
  // The unterminated rest at end of input, as a statement if it holds anything but blanks and
  // comments (piped input without a final ';' still runs).
  std::vector<Piece> Finish();

 private:
  enum class State { kCode, kSingle, kDouble, kBacktick, kLineComment, kBlockComment };

  void Emit(Piece::Kind kind);

  State state_ = State::kCode;
  std::string current_;
  int current_line_ = 1, current_column_ = 1;
  int line_ = 1, column_ = 1;  // position of the next character fed
  bool at_statement_start_ = true;
  bool escape_ = false;
  bool has_code_ = false;
  bool command_pending_ = false;
  std::vector<Piece> done_;
};

// True if `text` holds nothing but blanks and comments.
bool IsBlank(std::string_view text);

}  // namespace kg::repl
