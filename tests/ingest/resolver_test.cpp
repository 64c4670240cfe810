#include "ingest/resolver.h"

#include <catch2/catch.hpp>

using namespace kg;
using namespace kg::ingest;

TEST_CASE("Resolver: names are normalized before comparing", "[ingest]") {
  CHECK(NormalizeName("The White House") == "white house");
  CHECK(NormalizeName("U.S. Army") == "us army");
  CHECK(NormalizeName("Zelenskyy's") == "zelenskyy");
  CHECK(NormalizeName("Zelenskyy\xE2\x80\x99s") == "zelenskyy");
  CHECK(NormalizeName("spokesperson-for") == "spokesperson for");
  CHECK(NormalizeName("Erdo\xC4\x9F" "an") == "erdogan");
  CHECK(NormalizeName("Fran\xC3\xA7ois  Hollande") == "francois hollande");
  CHECK(NormalizePersonName("Ms Leavitt") == "leavitt");
  CHECK(NormalizePersonName("President Volodymyr Zelensky") == "volodymyr zelensky");
}

TEST_CASE("Resolver: person name compatibility", "[ingest]") {
  CHECK(WithinOneEdit("zelensky", "zelenskyy"));
  CHECK(WithinOneEdit("zelenskiy", "zelenskyy"));
  CHECK_FALSE(WithinOneEdit("zelensky", "zelenskiyy"));
  CHECK(PersonNamesCompatible("Zelensky", "Volodymyr Zelenskyy"));
  CHECK(PersonNamesCompatible("Volodymyr Zelensky", "Volodymyr Zelenskyy"));
  CHECK(PersonNamesCompatible("V. Zelensky", "Volodymyr Zelensky"));
  CHECK(PersonNamesCompatible("Ms Leavitt", "Karoline Leavitt"));
  CHECK_FALSE(PersonNamesCompatible("Hunter Biden", "Joe Biden"));
  CHECK_FALSE(PersonNamesCompatible("John Smith", "Joan Smith"));
  CHECK_FALSE(PersonNamesCompatible("Ivan Lee", "Ivan Leo"));   // short surnames: exact only
  CHECK_FALSE(PersonNamesCompatible("Dmitry Peskov", "Dmitry Medvedev"));
}

TEST_CASE("Resolver: alias matches need compatible full names", "[ingest]") {
  Resolver resolver;
  size_t joe = resolver.Add({1, EntityType::kPerson, "Joe Biden", {"Biden"}, {}, 5});
  size_t eu = resolver.Add({2, EntityType::kOrganization, "European Union", {"EU", "the bloc"}, {}, 3});
  resolver.Add({3, EntityType::kWork, "28-point peace plan", {"plan"}, {}, 1});

  auto resolve = [&](EntityType type, std::string name, std::vector<std::string> aliases = {}) {
    ExtractedEntity e;
    e.type = type;
    e.name = std::move(name);
    e.aliases = std::move(aliases);
    return resolver.Resolve(e);
  };
  CHECK(resolve(EntityType::kPerson, "Joe Biden") == joe);
  CHECK(resolve(EntityType::kPerson, "Biden") == joe);
  CHECK(resolve(EntityType::kPerson, "Mr Biden") == joe);
  CHECK(resolve(EntityType::kPerson, "Hunter Biden", {"Biden"}) == std::nullopt);
  CHECK(resolve(EntityType::kOrganization, "EU") == eu);
  CHECK(resolve(EntityType::kOrganization, "the European Union") == eu);
  CHECK(resolve(EntityType::kPlace, "European Union") == std::nullopt);  // type must agree
  // A lower-case alias never joins two things.
  CHECK(resolve(EntityType::kWork, "Gaza ceasefire plan", {"plan"}) == std::nullopt);
  CHECK(resolve(EntityType::kOrganization, "Council of Europe", {"the bloc"}) == std::nullopt);
}
