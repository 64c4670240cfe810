// The knowledge-graph vocabulary of shared/SCHEMA.md: entity types and the closed predicate set.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kg {

enum class EntityType { kPerson, kOrganization, kPlace, kWork, kEvent };

std::string_view EntityTypeName(EntityType type);  // "Person", "Organization", ...
std::optional<EntityType> ParseEntityType(std::string_view name);

enum class Predicate {
  kSpokespersonFor,
  kLeaderOf,
  kOfficialOf,
  kMemberOf,
  kEmployeeOf,
  kLocatedIn,
  kMetWith,
  kTalkedWith,
  kSupports,
  kOpposes,
  kProposed,
  kWorksOn,
  kAttacked,
  kVisited,
  kAccused,
  kSaid,
};

inline constexpr int kPredicateCount = 16;

std::string_view PredicateName(Predicate predicate);  // "spokesperson-for", ...
// Accepts the hyphenated form and the underscore form ("spokesperson_for").
std::optional<Predicate> ParsePredicate(std::string_view name);
bool IsSymmetric(Predicate predicate);

// Relationship types compare with '-' and '_' read alike: "spokesperson_for" finds
// "spokesperson-for". Returns the canonical spelling (hyphens) used in the store.
std::string CanonicalRelationshipType(std::string_view type);

}  // namespace kg
