#include <catch2/catch.hpp>
#include <string>

#include "extract/extractor.h"

using kg::ExtractedArticle;
using kg::Predicate;

namespace {

ExtractedArticle Extract(const std::string& body) {
  auto result = kg::extract::ExtractArticle("Headline\n\n" + body, "test.txt");
  REQUIRE(result.ok());
  return *result;
}

bool Has(const ExtractedArticle& a, const std::string& s, Predicate p, const std::string& o) {
  for (const auto& t : a.triples) {
    if (t.subject == s && t.predicate == p && t.object == o) return true;
  }
  return false;
}

const kg::ExtractedTriple* Said(const ExtractedArticle& a, const std::string& s) {
  for (const auto& t : a.triples) {
    if (t.subject == s && t.predicate == Predicate::kSaid) return &t;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("Relations: roles from titles before a name", "[extract]") {
  ExtractedArticle a = Extract(
      "White House press secretary Karoline Leavitt spoke. US Army Secretary Dan Driscoll "
      "arrived. Greek prime minister Kyriakos Mitsotakis left.");
  CHECK(Has(a, "Karoline Leavitt", Predicate::kSpokespersonFor, "White House"));
  CHECK(Has(a, "Dan Driscoll", Predicate::kOfficialOf, "US Army"));
  CHECK(Has(a, "Kyriakos Mitsotakis", Predicate::kLeaderOf, "Greece"));
}

TEST_CASE("Relations: a title naming nothing gives no role", "[extract]") {
  ExtractedArticle a = Extract("Special envoy Steve Witkoff arrived.");
  for (const auto& t : a.triples) CHECK(t.predicate != Predicate::kOfficialOf);
}

TEST_CASE("Relations: roles from appositions", "[extract]") {
  ExtractedArticle a = Extract(
      "Kaja Kallas, the European Union's foreign policy chief, spoke. The retailer Tesco sold "
      "stores. Dave Lewis, CEO of Tesco, stated they would stay.");
  CHECK(Has(a, "Kaja Kallas", Predicate::kOfficialOf, "European Union"));
  CHECK(Has(a, "Dave Lewis", Predicate::kLeaderOf, "Tesco"));
}

TEST_CASE("Relations: said for direct and reported speech", "[extract]") {
  ExtractedArticle a = Extract(
      "Ms Karoline Leavitt said: \xE2\x80\x9CWe spoke with him, he is very optimistic.\xE2\x80\x9D "
      "Minister Jean Barrot said that Europe wants peace.");
  const kg::ExtractedTriple* leavitt = Said(a, "Karoline Leavitt");
  REQUIRE(leavitt);
  CHECK(leavitt->object == "We spoke with him, he is very optimistic.");
  CHECK(leavitt->object_is_quote);
  const kg::ExtractedTriple* barrot = Said(a, "Jean Barrot");
  REQUIRE(barrot);
  CHECK(barrot->object == "Europe wants peace");
}

TEST_CASE("Relations: a pronoun speaker across sentences", "[extract]") {
  ExtractedArticle a = Extract(
      "Minister Anna Kowalska arrived in Warsaw. She added: \"The deal is done and signed.\"");
  const kg::ExtractedTriple* t = Said(a, "Anna Kowalska");
  REQUIRE(t);
  CHECK(t->object == "The deal is done and signed.");
}

TEST_CASE("Relations: located-in from a comma pair and from -based", "[extract]") {
  ExtractedArticle a = Extract(
      "The pipeline ends in Otranto, Italy. The UK-based retailer Tesco sold stores.");
  CHECK(Has(a, "Otranto", Predicate::kLocatedIn, "Italy"));
  CHECK(Has(a, "Tesco", Predicate::kLocatedIn, "United Kingdom"));
}

TEST_CASE("Relations: meetings are symmetric and coordinated", "[extract]") {
  ExtractedArticle a = Extract("President Anna Kowalska met with Tom Berg and John Smith.");
  bool berg = Has(a, "Anna Kowalska", Predicate::kMetWith, "Tom Berg") ||
              Has(a, "Tom Berg", Predicate::kMetWith, "Anna Kowalska");
  bool smith = Has(a, "Anna Kowalska", Predicate::kMetWith, "John Smith") ||
               Has(a, "John Smith", Predicate::kMetWith, "Anna Kowalska");
  CHECK(berg);
  CHECK(smith);
}

TEST_CASE("Relations: stances reach works through descriptions", "[extract]") {
  ExtractedArticle a = Extract(
      "The new 28-point plan was published. European officials have reportedly pushed back "
      "against the proposal.");
  CHECK(Has(a, "Europe", Predicate::kOpposes, "28-point plan"));
}

TEST_CASE("Relations: evidence points at the stating phrase", "[extract]") {
  std::string text = "Headline\n\nWhite House press secretary Karoline Leavitt spoke.";
  auto result = kg::extract::ExtractArticle(text, "a.txt");
  REQUIRE(result.ok());
  REQUIRE_FALSE(result->triples.empty());
  const kg::Evidence& ev = result->triples[0].evidence;
  CHECK(ev.article == "a.txt");
  CHECK(ev.sentence_index == 1);
  CHECK(text.substr(ev.begin, ev.end - ev.begin) == ev.phrase);
  CHECK(result->triples[0].confidence > 0.0);
  CHECK(result->triples[0].confidence <= 1.0);
}

TEST_CASE("Relations: attacks and visits stated by nouns", "[extract]") {
  ExtractedArticle a = Extract(
      "The brutal Russian invasion of Ukraine continued. The Taliban claimed responsibility for "
      "the attack on Kabul. President Emmanuel Macron's visit to China ended.");
  CHECK(Has(a, "Russia", Predicate::kAttacked, "Ukraine"));
  CHECK(Has(a, "Taliban", Predicate::kAttacked, "Kabul"));
  CHECK(Has(a, "Emmanuel Macron", Predicate::kVisited, "China"));
}

TEST_CASE("Relations: counterparts respectively and party lists", "[extract]") {
  ExtractedArticle a = Extract(
      "Egyptian foreign minister Sameer Adel and his Greek and French counterparts, Nikos Pappas "
      "and Jean Morel, respectively, gathered in Cairo. It was backed by Senators Tom Berg of "
      "Florida and Anna Lind of Utah, all Republicans.");
  CHECK(Has(a, "Nikos Pappas", Predicate::kOfficialOf, "Greece"));
  CHECK(Has(a, "Jean Morel", Predicate::kOfficialOf, "France"));
  CHECK(Has(a, "Anna Lind", Predicate::kMemberOf, "Republican Party"));
  CHECK(Has(a, "Anna Lind", Predicate::kOfficialOf, "Utah"));
}

TEST_CASE("Relations: located-in from possessives and city-of phrases", "[extract]") {
  ExtractedArticle a = Extract(
      "A bomb hit Afghanistan's Maidan Wardak province. The race was held in the United "
      "States city of Chicago.");
  CHECK(Has(a, "Maidan Wardak", Predicate::kLocatedIn, "Afghanistan"));
  CHECK(Has(a, "Chicago", Predicate::kLocatedIn, "United States"));
}

TEST_CASE("Relations: judgements of a work are stances", "[extract]") {
  ExtractedArticle a = Extract(
      "Minister Anna Kowalska commented on the maritime border agreement, calling it \"null and "
      "void\".");
  CHECK(Has(a, "Anna Kowalska", Predicate::kOpposes, "maritime border agreement"));
}

TEST_CASE("Relations: negated stances are not stances", "[extract]") {
  ExtractedArticle a = Extract("President Tom Berg will not approve the new budget plan.");
  for (const auto& t : a.triples) CHECK(t.predicate != Predicate::kSupports);
}
