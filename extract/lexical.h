// The lexical layer: lemmas and light word classes, so "met", "meets" and "meeting" reach
// one rule and a capitalised sentence opener can be told from a name.
#pragma once

#include <string>
#include <string_view>

namespace kg::extract {

// Lower-case lemma of an English word form: irregular verbs from a table ("met" -> "meet",
// "said" -> "say"), then suffix rules ("backs" -> "back", "rejected" -> "reject",
// "opposing" -> "oppose", "criticises" -> "criticise").
std::string Lemma(std::string_view word);

enum class WordClass {
  kOther,
  kDeterminer,   // the, a, this, his ...
  kPreposition,
  kPronoun,      // he, she, they, it ...
  kAuxiliary,    // is, was, has, will ...
  kConjunction,  // and, or, but
  kAdverb,       // also, previously, reportedly: skipped between subject and verb
};

WordClass ClassifyWord(std::string_view lower_word);

std::string ToLower(std::string_view word);

}  // namespace kg::extract
