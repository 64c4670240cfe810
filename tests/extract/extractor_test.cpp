#include "extract/extractor.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "extract/jsonl.h"

namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace

TEST_CASE("Extractor: the Leavitt dev article names her White House role", "[extract]") {
  std::string path = std::string(KG_SHARED_DIR) + "/eval/dev/00_leavitt_peace_plan.txt";
  std::string text = ReadFile(path);
  REQUIRE_FALSE(text.empty());
  auto result = kg::extract::ExtractArticle(text, path);
  REQUIRE(result.ok());
  bool found = false;
  for (const auto& t : result->triples) {
    if (t.subject == "Karoline Leavitt" && t.subject_type == kg::EntityType::kPerson &&
        t.predicate == kg::Predicate::kSpokespersonFor && t.object == "White House" &&
        t.object_type == kg::EntityType::kOrganization) {
      found = true;
    }
  }
  CHECK(found);
  CHECK(result->title == "White House Karoline Leavitt breaks silence on Ukraine secret peace talks");
}

TEST_CASE("Extractor: JSON lines carry the fields the scorer reads", "[extract]") {
  auto result = kg::extract::ExtractArticle(
      "Headline\n\nWhite House press secretary Karoline Leavitt said: \"It is a good plan.\"", "x.txt");
  REQUIRE(result.ok());
  std::string lines = kg::extract::ToJsonLines(*result);
  std::istringstream in(lines);
  std::string line;
  int entities = 0, triples = 0;
  bool saw_quote = false;
  while (std::getline(in, line)) {
    nlohmann::json j = nlohmann::json::parse(line);
    if (j.contains("entity")) {
      ++entities;
      CHECK(j.contains("type"));
      CHECK(j["aliases"].is_array());
      CHECK(j["titles"].is_array());
      CHECK(j["mentions"].is_number_integer());
      CHECK(triples == 0);  // entities come first
      continue;
    }
    ++triples;
    for (const char* key : {"subject", "subject_type", "predicate", "object", "object_type", "confidence"}) {
      CHECK(j.contains(key));
    }
    for (const char* key : {"article", "sentence", "begin", "end", "text", "phrase"}) {
      CHECK(j["evidence"].contains(key));
    }
    if (j["predicate"] == "said") {
      CHECK(j["object_type"] == "Quote");
      saw_quote = true;
    }
  }
  CHECK(entities >= 2);
  CHECK(triples >= 2);
  CHECK(saw_quote);
}

TEST_CASE("Extractor: dev articles all extract without error", "[extract]") {
  for (const char* name : {"01_eastmed_pipeline", "03_pelosi_speaker", "08_gdansk_mayor_stabbed",
                           "13_khashoggi_fiancee_un"}) {
    std::string path = std::string(KG_SHARED_DIR) + "/eval/dev/" + name + ".txt";
    auto result = kg::extract::ExtractArticle(ReadFile(path), path);
    REQUIRE(result.ok());
    CHECK_FALSE(result->entities.empty());
    for (const auto& t : result->triples) {
      CHECK(t.confidence >= 0.0);
      CHECK(t.confidence <= 1.0);
      CHECK_FALSE(t.subject.empty());
      CHECK_FALSE(t.object.empty());
    }
  }
}
