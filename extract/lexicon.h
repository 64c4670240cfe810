// General-knowledge word lists compiled into the binary: countries and their demonyms,
// capitals and major cities, regions, international organisations, title words, and the
// function words that keep a capitalised sentence opener out of a name. Nothing here is
// taken from any particular article.
#pragma once

#include <optional>
#include <string_view>

#include "core/schema.h"

namespace kg::extract {

enum class PlaceKind { kCountry, kRegion, kCity, kState };

struct KnownPlace {
  std::string_view name;  // canonical ("France")
  PlaceKind kind;
};

// "France", "U.S.", "Britain" -> the canonical place; nullopt if unknown.
std::optional<KnownPlace> LookupPlace(std::string_view name);
// "French", "Ukrainians", "Cypriot" -> the country ("France"); nullopt if not a demonym.
std::optional<KnownPlace> LookupDemonym(std::string_view word);

struct KnownOrganization {
  std::string_view name;  // canonical ("European Union")
  bool government;        // a state body or intergovernmental organisation
};
// "EU", "European Union", "NATO", "Reuters" -> the organisation; nullopt if unknown.
std::optional<KnownOrganization> LookupOrganization(std::string_view name);
// "Republican", "Democrats", "Labour" -> the party's name.
std::optional<std::string_view> LookupPartyLabel(std::string_view word);

enum class RoleKind { kNone, kLeader, kOfficial, kSpokesperson, kEmployee, kMember };

// Classifies one lower-case title word ("minister", "spokesman", "ceo"); kNone if it is not
// a title word. Multi-word titles are classified by their last word, with the exceptions
// of RoleForTitle.
RoleKind LookupTitleWord(std::string_view lower_word);
// The role a whole lower-case title names ("prime minister" -> leader, "press secretary"
// -> spokesperson, "deputy director" -> official).
RoleKind RoleForTitle(std::string_view lower_title);
// Words that qualify a title without being one: "foreign", "press", "deputy", "former".
bool IsTitleModifier(std::string_view lower_word);
// Honorifics that are never part of a name: Mr, Ms, Dr, Sir ...
bool IsHonorific(std::string_view word);

// Common given names across languages ("Karoline", "Nikos", "Mohammad"): a capitalised
// pair starting with one is a person.
bool IsGivenName(std::string_view word);
// Upper-case abbreviations of common nouns that are not organisations ("LGBT", "GDP").
bool IsCommonAcronym(std::string_view word);

// Capitalised words that are not names on their own: days, months, pronouns, sentence
// openers ("However", "According").
bool IsCommonCapitalized(std::string_view word);
// Closed-class words (determiners, prepositions, pronouns, auxiliaries, conjunctions).
bool IsFunctionWord(std::string_view lower_word);

// Last words that make a capitalised name an organisation ("Council", "Ministry") or a
// place ("Island", "Airport", "Hall").
bool IsOrganizationHead(std::string_view word);
bool IsPlaceHead(std::string_view word);
// Words inside an organisation's name that mark it as a government body.
bool IsGovernmentWord(std::string_view word);

}  // namespace kg::extract
