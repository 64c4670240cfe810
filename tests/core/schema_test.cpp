#include "core/schema.h"

#include <catch2/catch.hpp>

TEST_CASE("Schema: predicates parse with hyphens or underscores", "[core]") {
  auto p = kg::ParsePredicate("spokesperson_for");
  REQUIRE(p.has_value());
  CHECK(*p == kg::Predicate::kSpokespersonFor);
  CHECK(kg::PredicateName(*p) == "spokesperson-for");
  CHECK_FALSE(kg::ParsePredicate("likes").has_value());
  CHECK(kg::IsSymmetric(kg::Predicate::kMetWith));
  CHECK_FALSE(kg::IsSymmetric(kg::Predicate::kOpposes));
}

TEST_CASE("Schema: entity type names round-trip", "[core]") {
  for (auto t : {kg::EntityType::kPerson, kg::EntityType::kOrganization, kg::EntityType::kPlace,
                 kg::EntityType::kWork, kg::EntityType::kEvent}) {
    CHECK(kg::ParseEntityType(kg::EntityTypeName(t)) == t);
  }
  CHECK_FALSE(kg::ParseEntityType("person").has_value());
}
