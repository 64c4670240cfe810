#include "core/schema.h"

#include <array>

namespace kg {

namespace {

constexpr std::array<std::string_view, 5> kEntityTypeNames = {"Person", "Organization", "Place",
                                                              "Work", "Event"};

constexpr std::array<std::string_view, kPredicateCount> kPredicateNames = {
    "spokesperson-for", "leader-of", "official-of", "member-of", "employee-of", "located-in",
    "met-with",         "talked-with", "supports",  "opposes",   "proposed",    "works-on",
    "attacked",         "visited",   "accused",     "said",
};

}  // namespace

std::string_view EntityTypeName(EntityType type) {
  return kEntityTypeNames[static_cast<size_t>(type)];
}

std::optional<EntityType> ParseEntityType(std::string_view name) {
  for (size_t i = 0; i < kEntityTypeNames.size(); ++i) {
    if (kEntityTypeNames[i] == name) return static_cast<EntityType>(i);
  }
  return std::nullopt;
}

std::string_view PredicateName(Predicate predicate) {
  return kPredicateNames[static_cast<size_t>(predicate)];
}

std::optional<Predicate> ParsePredicate(std::string_view name) {
  std::string canonical = CanonicalRelationshipType(name);
  for (size_t i = 0; i < kPredicateNames.size(); ++i) {
    if (kPredicateNames[i] == canonical) return static_cast<Predicate>(i);
  }
  return std::nullopt;
}

bool IsSymmetric(Predicate predicate) {
  return predicate == Predicate::kMetWith || predicate == Predicate::kTalkedWith;
}

std::string CanonicalRelationshipType(std::string_view type) {
  std::string out(type);
  for (char& c : out) {
    if (c == '_') c = '-';
  }
  return out;
}

}  // namespace kg
