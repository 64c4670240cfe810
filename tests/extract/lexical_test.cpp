#include "extract/lexical.h"

#include <catch2/catch.hpp>

#include "extract/lexicon.h"

using kg::extract::Lemma;

TEST_CASE("Lexical: inflections reach one lemma", "[extract]") {
  CHECK(Lemma("met") == "meet");
  CHECK(Lemma("meets") == "meet");
  CHECK(Lemma("meeting") == "meet");
  CHECK(Lemma("said") == "say");
  CHECK(Lemma("says") == "say");
  CHECK(Lemma("opposed") == "oppose");
  CHECK(Lemma("opposes") == "oppose");
  CHECK(Lemma("opposing") == "oppose");
  CHECK(Lemma("backs") == "back");
  CHECK(Lemma("rejected") == "reject");
  CHECK(Lemma("criticises") == "criticise");
  CHECK(Lemma("stabbed") == "stab");
  CHECK(Lemma("Accused") == "accuse");
  CHECK(Lemma("expelled") == "expel");
  CHECK(Lemma("invited") == "invite");
  CHECK(Lemma("ascribed") == "ascribe");
  CHECK(Lemma("boycotted") == "boycott");
  CHECK(Lemma("called") == "call");
  CHECK(Lemma("putting") == "put");
}

TEST_CASE("Lexicon: demonyms point at places", "[extract]") {
  auto french = kg::extract::LookupDemonym("French");
  REQUIRE(french);
  CHECK(french->name == "France");
  CHECK(kg::extract::LookupDemonym("Ukrainians")->name == "Ukraine");
  CHECK(kg::extract::LookupPlace("U.S.")->name == "United States");
  CHECK_FALSE(kg::extract::LookupDemonym("Smith"));
}

TEST_CASE("Lexicon: titles name their roles", "[extract]") {
  using kg::extract::RoleForTitle;
  using kg::extract::RoleKind;
  CHECK(RoleForTitle("press secretary") == RoleKind::kSpokesperson);
  CHECK(RoleForTitle("prime minister") == RoleKind::kLeader);
  CHECK(RoleForTitle("foreign minister") == RoleKind::kOfficial);
  CHECK(RoleForTitle("deputy director") == RoleKind::kOfficial);
  CHECK(RoleForTitle("chief executive") == RoleKind::kLeader);
  CHECK(RoleForTitle("journalist") == RoleKind::kEmployee);
  CHECK(RoleForTitle("fiancee") == RoleKind::kNone);
}
