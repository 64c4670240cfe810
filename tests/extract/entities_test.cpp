#include "extract/entities.h"

#include <catch2/catch.hpp>
#include <string>

#include "extract/text.h"

using kg::EntityType;
using kg::extract::FindMentions;
using kg::extract::Mention;
using kg::extract::MentionKind;
using kg::extract::Segment;

namespace {

const Mention* Find(const std::vector<Mention>& mentions, const std::string& surface) {
  for (const Mention& m : mentions) {
    if (m.surface == surface) return &m;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("Entities: a title between an organisation and a person is split off", "[extract]") {
  std::string text = "Headline\n\nZelensky met US Army Secretary Dan Driscoll on Thursday.";
  kg::extract::Document doc = Segment(text);
  std::vector<Mention> mentions = FindMentions(doc);
  const Mention* army = Find(mentions, "US Army");
  const Mention* driscoll = Find(mentions, "Dan Driscoll");
  REQUIRE(army);
  REQUIRE(driscoll);
  CHECK(army->type == EntityType::kOrganization);
  CHECK(driscoll->type == EntityType::kPerson);
  CHECK(driscoll->title == "secretary");
  REQUIRE(driscoll->title_owner >= 0);
  CHECK(mentions[driscoll->title_owner].surface == "US Army");
  CHECK_FALSE(Find(mentions, "Thursday"));
}

TEST_CASE("Entities: demonyms stand for their places", "[extract]") {
  std::string text = "Headline\n\nFrench Foreign Minister Jean-Noel Barrot spoke.";
  std::vector<Mention> mentions = FindMentions(Segment(text));
  const Mention* french = Find(mentions, "French");
  REQUIRE(french);
  CHECK(french->kind == MentionKind::kDemonym);
  CHECK(french->canonical == "France");
  const Mention* barrot = Find(mentions, "Jean-Noel Barrot");
  REQUIRE(barrot);
  CHECK(barrot->title == "foreign minister");
}

TEST_CASE("Entities: honorifics and sentence openers are not names", "[extract]") {
  std::string text = "Headline\n\nHowever, Ms Leavitt said the plan was good. Reports say it was.";
  std::vector<Mention> mentions = FindMentions(Segment(text));
  CHECK(Find(mentions, "Leavitt"));
  CHECK_FALSE(Find(mentions, "Ms Leavitt"));
  CHECK_FALSE(Find(mentions, "However"));
}

TEST_CASE("Entities: head words type organisations and places", "[extract]") {
  std::string text =
      "Headline\n\nThe Atlantic Council met at the Zappeion Hall near the UK-based Energy Forum.";
  std::vector<Mention> mentions = FindMentions(Segment(text));
  REQUIRE(Find(mentions, "Atlantic Council"));
  CHECK(Find(mentions, "Atlantic Council")->type == EntityType::kOrganization);
  REQUIRE(Find(mentions, "Zappeion Hall"));
  CHECK(Find(mentions, "Zappeion Hall")->type == EntityType::kPlace);
  REQUIRE(Find(mentions, "UK"));
  CHECK(Find(mentions, "UK")->suffix == "based");
}

TEST_CASE("Entities: coordinated title modifiers stay in the title", "[extract]") {
  std::string text = "Headline\n\nEU trade and energy commissioner Anna Lind spoke on Friday.";
  kg::extract::Document doc = Segment(text);
  std::vector<Mention> mentions = FindMentions(doc);
  const Mention* lind = Find(mentions, "Anna Lind");
  REQUIRE(lind);
  CHECK(lind->title == "trade and energy commissioner");
  REQUIRE(lind->title_owner >= 0);
  CHECK(mentions[lind->title_owner].surface == "EU");
}

TEST_CASE("Entities: a known name joins through of without a head word", "[extract]") {
  std::string text = "Headline\n\nThe House of Representatives voted on Friday.";
  kg::extract::Document doc = Segment(text);
  std::vector<Mention> mentions = FindMentions(doc);
  const Mention* house = Find(mentions, "House of Representatives");
  REQUIRE(house);
  CHECK(house->type == EntityType::kOrganization);
}

TEST_CASE("Entities: pronouns, contractions and transcript speaker tags are not names",
          "[extract]") {
  std::string text =
      "Interview with an astronomer\n\n"
      "Maria Lopez works at the University of Chile. When I was a kid I read a lot. And I'm "
      "glad. I've seen it, and I'd do it again.\n"
      "((WN))  When I asked about the black hole, you did not answer.\n"
      "MS We did not expect that. The results suggest more work.\n"
      "MS The data came from Ana Silva.\n"
      "Historians of World War I met Beto O'Rourke and Francis D'Souza in C and J.";
  kg::extract::Document doc = Segment(text);
  std::vector<Mention> mentions = FindMentions(doc);
  for (const Mention& m : mentions) {
    INFO(m.surface);
    CHECK(m.surface.find("I'") == std::string::npos);
    CHECK(m.surface != "I");
    CHECK(m.surface.rfind("When", 0) == std::string::npos);
    CHECK(m.surface.rfind("And", 0) == std::string::npos);
    CHECK(m.surface.rfind("MS", 0) == std::string::npos);
    CHECK(m.surface.size() > 1);  // no lone letters ("C", "J")
  }
  CHECK(Find(mentions, "Maria Lopez"));
  CHECK(Find(mentions, "Ana Silva"));
  CHECK(Find(mentions, "Beto O'Rourke"));
  CHECK(Find(mentions, "Francis D'Souza"));
  CHECK(Find(mentions, "World War I"));
}
