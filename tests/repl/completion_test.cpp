#include "repl/completion.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

using kg::repl::Complete;
using kg::repl::CompletionVocabulary;

namespace {

CompletionVocabulary Vocabulary() {
  CompletionVocabulary v;
  v.keywords = {"MATCH", "MERGE", "RETURN", "UNWIND"};
  v.commands = {"mode", "maxrows", "read"};
  v.colon_commands = {"param", "params", "quit"};
  v.labels = {"Person", "Place"};
  v.relationship_types = {"spokesperson-for", "spokesperson_for", "supports"};
  v.property_keys = {"name", "aliases"};
  v.entity_names = {"Karoline Leavitt", "Kaja Kallas", "Kyiv"};
  return v;
}

std::vector<std::string> At(const std::string& line) {
  return Complete(line, line.size(), Vocabulary()).candidates;
}

}  // namespace

TEST_CASE("Complete: keywords whatever the case typed", "[repl]") {
  CHECK(At("ma") == std::vector<std::string>{"MATCH"});
  CHECK(At("MATCH (n) RE") == std::vector<std::string>{"RETURN"});
  CHECK(At("M") == std::vector<std::string>{"MATCH", "MERGE"});
}

TEST_CASE("Complete: labels after a node's colon and types after a relationship's colon", "[repl]") {
  CHECK(At("MATCH (p:P") == std::vector<std::string>{"Person", "Place"});
  CHECK(At("MATCH (p)-[r:sp") ==
        std::vector<std::string>{"spokesperson-for", "spokesperson_for"});
  CHECK(At("MATCH (p)-[:su") == std::vector<std::string>{"supports"});
  CHECK(At("MATCH (a)-[r]->(b:Pe") == std::vector<std::string>{"Person"});
}

TEST_CASE("Complete: property keys after 'x.' and commands at the line start", "[repl]") {
  CHECK(At("MATCH (p) RETURN p.na") == std::vector<std::string>{"name"});
  CHECK(At(".m") == std::vector<std::string>{"maxrows", "mode"});
  CHECK(At(":par") == std::vector<std::string>{"param", "params"});
  auto c = Complete(".mo", 3, Vocabulary());
  CHECK(c.start == 1);
}

TEST_CASE("Complete: entity names inside a string after name: or name =", "[repl]") {
  CHECK(At("MATCH (p {name: 'Ka") == std::vector<std::string>{"Kaja Kallas", "Karoline Leavitt"});
  CHECK(At("MATCH (p) WHERE p.name = \"Karoline L") == std::vector<std::string>{"Karoline Leavitt"});
  std::string line = "MATCH (p {name: 'Ky";
  auto c = Complete(line, line.size(), Vocabulary());
  CHECK(c.start == line.find('\'') + 1);
  CHECK(c.candidates == std::vector<std::string>{"Kyiv"});
}

TEST_CASE("Complete: nothing inside other strings", "[repl]") {
  CHECK(At("RETURN 'Ka").empty());
  CHECK(At("MATCH (p {title: 'Ka").empty());
  CHECK(At("MATCH (`Ka").empty());
}

TEST_CASE("Complete: file names after .read", "[repl]") {
  auto dir = std::filesystem::temp_directory_path() / "kg-completion-test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "queries");
  std::ofstream(dir / "script.kgq") << "RETURN 1;";
  std::string base = dir.string() + "/";
  auto c = Complete(".read " + base + "s", 7 + base.size(), Vocabulary());
  CHECK(c.start == 6);
  CHECK(c.candidates == std::vector<std::string>{base + "script.kgq"});
  auto folders = Complete(".read " + base + "q", 7 + base.size(), Vocabulary());
  CHECK(folders.candidates == std::vector<std::string>{base + "queries/"});
  std::filesystem::remove_all(dir);
}
