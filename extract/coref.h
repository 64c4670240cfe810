// Coreference: groups mentions into entities (one per real-world thing), picks canonical
// names and aliases ("Ms Leavitt", "Leavitt" -> "Karoline Leavitt"; "Zelensky" ->
// "Zelenskyy"; "DW" -> "Deutsche Welle"), settles each entity's type, and resolves personal
// pronouns and title descriptions ("she", "the press secretary") to people.
#pragma once

#include <string>
#include <vector>

#include "core/schema.h"
#include "extract/entities.h"
#include "extract/text.h"

namespace kg::extract {

struct Entity {
  std::string name;  // canonical: the longest proper name used, or the gazetteer name
  EntityType type = EntityType::kPerson;
  std::vector<std::string> aliases;
  std::vector<std::string> titles;
  int mentions = 0;
  bool government = false;  // a state body, or a place (whose officials serve a state)
  bool country = false;
  char gender = 0;
  bool dropped = false;     // too little evidence to report it
};

struct Coreference {
  std::vector<Entity> entities;
  // Per token: the mention covering it, or -1.
  std::vector<int> token_mention;
  // Per token: the entity a pronoun or description starting there refers to, or -1.
  std::vector<int> token_referent;
  // Per token: the length in tokens of a description resolved at that token.
  std::vector<int> referent_length;
};

// Assigns Mention::entity for every kept mention (-1 for dropped ones).
Coreference ResolveCoreference(const Document& doc, std::vector<Mention>* mentions);

}  // namespace kg::extract
