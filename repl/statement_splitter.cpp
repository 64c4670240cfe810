#include "repl/statement_splitter.h"

#include <cctype>

namespace kg::repl {

namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

}  // namespace

void StatementSplitter::Emit(Piece::Kind kind) {
  Piece piece;
  piece.kind = kind;
  piece.text = current_;
  piece.line = current_line_;
  piece.column = current_column_;
  // Trim trailing blanks: they carry no meaning and would show in echoes.
  while (!piece.text.empty() && IsSpace(piece.text.back())) piece.text.pop_back();
  if (kind == Piece::Kind::kCommand || has_code_) done_.push_back(std::move(piece));
  current_.clear();
  has_code_ = false;
  at_statement_start_ = true;
}

void StatementSplitter::Feed(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    char next = i + 1 < text.size() ? text[i + 1] : '\0';
    int line = line_, column = column_;
    if (c == '\n') {
      ++line_;
      column_ = 1;
    } else {
      ++column_;
    }

    if (at_statement_start_) {
      if (IsSpace(c)) continue;  // leading blanks belong to no statement
      at_statement_start_ = false;
      current_line_ = line;
      current_column_ = column;
      if ((c == '.' || c == ':') && std::isalpha(static_cast<unsigned char>(next))) {
        // A dot-command: the rest of the line.
        size_t end = text.find('\n', i);
        if (end == std::string_view::npos) {
          // Incomplete line: keep it until its newline (or Finish) arrives.
          current_.append(text.substr(i));
          column_ += static_cast<int>(text.size() - i - 1);
          has_code_ = true;
          command_pending_ = true;
          return;
        }
        current_.append(text.substr(i, end - i));
        has_code_ = true;
        column_ = 1;
        ++line_;
        i = end;
        Emit(Piece::Kind::kCommand);
        continue;
      }
    }

    if (command_pending_) {
      // Continuation of a dot-command split across Feed calls.
      if (c == '\n') {
        command_pending_ = false;
        Emit(Piece::Kind::kCommand);
      } else {
        current_ += c;
      }
      continue;
    }

    switch (state_) {
      case State::kCode:
        if (c == ';') {
          Emit(Piece::Kind::kStatement);
          continue;
        }
        if (c == '\'') state_ = State::kSingle;
        else if (c == '"') state_ = State::kDouble;
        else if (c == '`') state_ = State::kBacktick;
        else if (c == '/' && next == '/') state_ = State::kLineComment;
        else if (c == '/' && next == '*') {
          state_ = State::kBlockComment;
          current_ += c;
          current_ += next;
          ++i;
          ++column_;
          continue;
        }
        if (state_ != State::kLineComment && state_ != State::kBlockComment && !IsSpace(c)) {
          has_code_ = true;
        }
        break;
      case State::kSingle:
      case State::kDouble:
        if (escape_) {
          escape_ = false;
        } else if (c == '\\') {
          escape_ = true;
        } else if ((c == '\'' && state_ == State::kSingle) ||
                   (c == '"' && state_ == State::kDouble)) {
          state_ = State::kCode;
        }
        break;
      case State::kBacktick:
        if (c == '`') state_ = State::kCode;
        break;
      case State::kLineComment:
        if (c == '\n') state_ = State::kCode;
        break;
      case State::kBlockComment:
        if (c == '*' && next == '/') {
          state_ = State::kCode;
          current_ += c;
          current_ += next;
          ++i;
          ++column_;
          continue;
        }
        break;
    }
    current_ += c;
  }
}

std::vector<Piece> StatementSplitter::Take() {
  std::vector<Piece> out;
  out.swap(done_);
  return out;
}

bool StatementSplitter::pending() const { return !at_statement_start_ && has_code_; }

std::vector<Piece> StatementSplitter::Finish() {
  if (command_pending_) {
    command_pending_ = false;
    Emit(Piece::Kind::kCommand);
  } else if (!at_statement_start_) {
    Emit(Piece::Kind::kStatement);
  }
  state_ = State::kCode;
  escape_ = false;
  return Take();
}

bool IsBlank(std::string_view text) {
  StatementSplitter splitter;
  splitter.Feed(text);
  return splitter.Finish().empty();
}

}  // namespace kg::repl
