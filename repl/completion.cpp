#include "repl/completion.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>

namespace kg::repl {

namespace {

bool StartsWithIgnoringCase(std::string_view word, std::string_view prefix) {
  if (prefix.size() > word.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(word[i])) !=
        std::tolower(static_cast<unsigned char>(prefix[i]))) {
      return false;
    }
  }
  return true;
}

void AddMatches(const std::vector<std::string>& words, std::string_view prefix, bool ignore_case,
                std::vector<std::string>* out) {
  for (const auto& w : words) {
    bool match = ignore_case ? StartsWithIgnoringCase(w, prefix) : w.rfind(prefix, 0) == 0;
    if (match) out->push_back(w);
  }
}

bool OnlyBlanks(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\t'; });
}

// Where the quoted string or name that `point` is inside opens, or npos when it is in none.
size_t OpenQuote(std::string_view line, size_t point) {
  char quote = 0;
  size_t opened = std::string_view::npos;
  for (size_t i = 0; i < point && i < line.size(); ++i) {
    char c = line[i];
    if (quote) {
      if (c == '\\') ++i;
      else if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"' || c == '`') {
      quote = c;
      opened = i;
    }
  }
  return quote ? opened : std::string_view::npos;
}

// Whether the text before a string is `name:` or `name =` (a property map or a comparison).
bool AfterNameKey(std::string_view before) {
  while (!before.empty() && (before.back() == ' ' || before.back() == '\t')) before.remove_suffix(1);
  if (before.empty() || (before.back() != ':' && before.back() != '=')) return false;
  before.remove_suffix(1);
  while (!before.empty() && (before.back() == ' ' || before.back() == '\t')) before.remove_suffix(1);
  return before.size() >= 4 && before.substr(before.size() - 4) == "name";
}

// The innermost bracket open at `pos`: '(' for a node pattern, '[' for a relationship.
char OpenBracket(std::string_view line, size_t pos) {
  int depth_round = 0, depth_square = 0;
  for (size_t i = pos; i-- > 0;) {
    char c = line[i];
    if (c == ')') ++depth_round;
    else if (c == ']') ++depth_square;
    else if (c == '(') {
      if (depth_round == 0) return '(';
      --depth_round;
    } else if (c == '[') {
      if (depth_square == 0) return '[';
      --depth_square;
    }
  }
  return 0;
}

// Entries of the folder named by `prefix` (up to its last '/') whose names continue it.
std::vector<std::string> FileCandidates(std::string_view prefix) {
  std::vector<std::string> out;
  size_t slash = prefix.rfind('/');
  std::string folder = slash == std::string_view::npos ? "" : std::string(prefix.substr(0, slash + 1));
  std::string base(slash == std::string_view::npos ? prefix : prefix.substr(slash + 1));
  std::error_code ec;
  std::filesystem::directory_iterator it(folder.empty() ? "." : folder, ec);
  if (ec) return out;
  for (const auto& entry : it) {
    std::string name = entry.path().filename().string();
    if (name.rfind(base, 0) != 0) continue;
    if (name[0] == '.' && (base.empty() || base[0] != '.')) continue;  // hidden unless asked
    std::error_code dir_ec;
    out.push_back(folder + name + (entry.is_directory(dir_ec) ? "/" : ""));
  }
  return out;
}

}  // namespace

Completion Complete(std::string_view line, size_t point, const CompletionVocabulary& vocabulary) {
  Completion result;
  point = std::min(point, line.size());
  size_t start = point;
  while (start > 0 && std::strchr(kCompletionWordBreaks, line[start - 1]) == nullptr) --start;
  result.start = start;
  std::string_view prefix = line.substr(start, point - start);

  // File names after the commands that take one.
  std::string_view trimmed = line.substr(std::min(line.find_first_not_of(" \t"), line.size()));
  for (const char* command : {".read ", ".output ", ".once ", ".ingest ", ".export graphml ",
                              ":source "}) {
    size_t length = std::strlen(command);
    if (trimmed.rfind(command, 0) == 0 && point >= line.size() - trimmed.size() + length) {
      // The whole rest is a path: '/' and '.' are part of it.
      result.start = line.size() - trimmed.size() + length;
      result.candidates = FileCandidates(line.substr(result.start, point - result.start));
      std::sort(result.candidates.begin(), result.candidates.end());
      return result;
    }
  }
  if (size_t quote = OpenQuote(line, point); quote != std::string_view::npos) {
    // Inside a string: only entity names, and only where a name is expected.
    if (line[quote] != '`' && AfterNameKey(line.substr(0, quote))) {
      result.start = quote + 1;
      result.in_string = true;
      AddMatches(vocabulary.entity_names, line.substr(quote + 1, point - quote - 1), false,
                 &result.candidates);
      std::sort(result.candidates.begin(), result.candidates.end());
    }
    return result;
  }

  char before = start > 0 ? line[start - 1] : '\0';
  std::string_view head = start > 0 ? line.substr(0, start - 1) : std::string_view();
  if (before == '.' && OnlyBlanks(head)) {
    AddMatches(vocabulary.commands, prefix, true, &result.candidates);
  } else if (before == ':' && OnlyBlanks(head)) {
    AddMatches(vocabulary.colon_commands, prefix, true, &result.candidates);
  } else if (before == ':') {
    const auto& names = OpenBracket(line, start - 1) == '[' ? vocabulary.relationship_types
                                                             : vocabulary.labels;
    AddMatches(names, prefix, false, &result.candidates);
  } else if (before == '.') {
    AddMatches(vocabulary.property_keys, prefix, false, &result.candidates);
  } else if (!prefix.empty()) {
    AddMatches(vocabulary.keywords, prefix, true, &result.candidates);
  }
  std::sort(result.candidates.begin(), result.candidates.end());
  result.candidates.erase(std::unique(result.candidates.begin(), result.candidates.end()),
                          result.candidates.end());
  return result;
}

}  // namespace kg::repl
