#include "extract/coref.h"

#include <catch2/catch.hpp>
#include <string>

#include "extract/entities.h"
#include "extract/text.h"

using kg::EntityType;
using kg::extract::Coreference;
using kg::extract::Entity;

namespace {

struct Resolved {
  kg::extract::Document doc;
  std::vector<kg::extract::Mention> mentions;
  Coreference coref;
};

Resolved Resolve(const std::string& text) {
  Resolved r;
  r.doc = kg::extract::Segment(text);
  r.mentions = kg::extract::FindMentions(r.doc);
  r.coref = kg::extract::ResolveCoreference(r.doc, &r.mentions);
  return r;
}

const Entity* Named(const Coreference& c, const std::string& name) {
  for (const Entity& e : c.entities) {
    if (!e.dropped && e.name == name) return &e;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("Coref: surnames and honorific forms join the full name", "[extract]") {
  static const std::string text =
      "Headline\n\nPress secretary Karoline Leavitt spoke. Ms Leavitt said it was good. "
      "Leavitt left.";
  Resolved r = Resolve(text);
  const Entity* leavitt = Named(r.coref, "Karoline Leavitt");
  REQUIRE(leavitt);
  CHECK(leavitt->type == EntityType::kPerson);
  CHECK(leavitt->mentions == 3);
  CHECK(leavitt->gender == 'f');
  CHECK_FALSE(Named(r.coref, "Leavitt"));
}

TEST_CASE("Coref: spelling variants are one person", "[extract]") {
  static const std::string text =
      "Headline\n\nPresident Volodymyr Zelensky spoke. Later Volodymyr Zelenskyy met him.";
  Resolved r = Resolve(text);
  const Entity* z = Named(r.coref, "Volodymyr Zelenskyy");
  REQUIRE(z);
  CHECK(z->mentions == 2);
  CHECK_FALSE(Named(r.coref, "Volodymyr Zelensky"));
}

TEST_CASE("Coref: pronouns go to the recent subject across sentences", "[extract]") {
  static const std::string text =
      "Headline\n\nMinister Anna Kowalska met Tom Berg. She added that talks went well.";
  Resolved r = Resolve(text);
  int she = -1;
  for (size_t t = 0; t < r.doc.tokens.size(); ++t) {
    if (r.doc.tokens[t].text == "She") she = static_cast<int>(t);
  }
  REQUIRE(she >= 0);
  int referent = r.coref.token_referent[she];
  REQUIRE(referent >= 0);
  CHECK(r.coref.entities[referent].name == "Anna Kowalska");
}

TEST_CASE("Coref: an acronym in brackets is an alias", "[extract]") {
  static const std::string text =
      "Headline\n\nAccording to Deutsche Welle (DW), sales fell. DW reported it again.";
  Resolved r = Resolve(text);
  const Entity* dw = Named(r.coref, "Deutsche Welle");
  REQUIRE(dw);
  CHECK(dw->type == EntityType::kOrganization);
  CHECK(dw->mentions == 3);
}
