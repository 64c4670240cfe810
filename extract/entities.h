// Entity mentions: capitalised spans found in the tokens, with titles and honorifics split
// off ("US Army Secretary Dan Driscoll" -> organisation, title, person), demonyms mapped to
// their places ("French" -> France), and a type for each (Person, Organization, Place,
// Work, Event). Mentions are per occurrence; coref.h groups them into entities.
#pragma once

#include <string>
#include <vector>

#include "core/schema.h"
#include "extract/text.h"

namespace kg::extract {

enum class MentionKind {
  kName,     // a proper name as written ("Karoline Leavitt", "Leavitt")
  kDemonym,  // "French" standing for France
  kParty,    // "Republican" standing for the Republican Party
};

enum class TypeEvidence {
  kUnknown,     // a lone capitalised word with nothing to say what it is
  kGuess,       // a multi-word name typed by default
  kContext,     // typed by its context (a title before it, "in X")
  kLexicon,     // a head word ("Council", "Airport") or the gazetteer
};

struct Mention {
  int token_begin = 0;  // [token_begin, token_end) in Document::tokens
  int token_end = 0;
  size_t begin = 0;  // byte span of the name in the article (inside a token for "UK-based")
  size_t end = 0;
  int sentence = 0;
  std::string surface;    // as written, without titles, honorifics or a leading "the"
  std::string canonical;  // gazetteer name when known ("France" for "French"), else surface
  EntityType type = EntityType::kPerson;
  TypeEvidence evidence = TypeEvidence::kUnknown;
  MentionKind kind = MentionKind::kName;
  bool government = false;  // a state body (for roles: official-of, not employee-of)
  bool country = false;     // a country or US state from the gazetteer
  char gender = 0;          // 'm' or 'f' when an honorific or title says so
  std::string suffix;       // lower-case part after a hyphen: "based" in "Berlin-based"
  // A title right before the name ("press secretary", "Foreign Minister"), lower case,
  // with its first token, and the mention naming the title's organisation or place
  // ("White House" in "White House press secretary Karoline Leavitt"), or -1.
  std::string title;
  int title_begin = -1;
  int title_owner = -1;
  int entity = -1;  // set by coref
};

// Finds the mentions of every sentence, in document order. Headline mentions are kept only
// when the body or the gazetteer confirms them.
std::vector<Mention> FindMentions(const Document& doc);

}  // namespace kg::extract
