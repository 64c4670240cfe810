// What Tab offers at a point in the line: keywords, dot-commands, labels after '(x:',
// relationship types after '[r:', property keys after 'x.', file names after '.read'.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kg::repl {

struct CompletionVocabulary {
  std::vector<std::string> keywords;  // upper case
  std::vector<std::string> commands;  // without their leading '.'
  std::vector<std::string> colon_commands;  // without their leading ':'
  std::vector<std::string> labels;
  std::vector<std::string> relationship_types;
  std::vector<std::string> property_keys;
  std::vector<std::string> entity_names;  // completed inside a string after `name:`/`name =`
};

struct Completion {
  size_t start = 0;                     // where the word being completed begins
  std::vector<std::string> candidates;  // replacements for line[start, point); folders end in '/'
  bool in_string = false;               // the word is inside quotes: add no space after it
};

// Characters that end a word for completion; the line editor must use the same set.
inline constexpr const char* kCompletionWordBreaks = " \t\n()[]{},;=<>+-*/%^|:.";

// File names come from the file system, relative to the working folder.
Completion Complete(std::string_view line, size_t point, const CompletionVocabulary& vocabulary);

}  // namespace kg::repl
