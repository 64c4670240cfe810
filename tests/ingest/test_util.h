// Helpers shared by the ingest tests: temporary folders and a scripted extractor.
#pragma once

#include <unistd.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "core/extraction.h"
#include "core/schema.h"
#include "storage/store.h"

namespace kg::ingest::testing {

// "prefix" + std::to_string(n) without GCC 12's false -Wrestrict warning (bug 105329).
inline std::string Cat(std::string_view prefix, long long n) {
  std::string s(prefix);
  s += std::to_string(n);
  return s;
}

class TempDir {
 public:
  TempDir() {
    char pattern[] = "/tmp/kg-ingest-test-XXXXXX";
    path_ = mkdtemp(pattern);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }
  std::string Sub(const std::string& name) const { return path_ + "/" + name; }
  std::string Write(const std::string& name, const std::string& text) const {
    std::string file = Sub(name);
    std::filesystem::create_directories(std::filesystem::path(file).parent_path());
    std::ofstream(file, std::ios::binary) << text;
    return file;
  }

 private:
  std::string path_;
};

inline std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream in(s);
  while (std::getline(in, part, sep)) parts.push_back(part);
  if (!s.empty() && s.back() == sep) parts.push_back("");
  return parts;
}

// An extractor driven by the article text, so that tests say exactly what is "found":
//   first line              the title
//   E|Type|Name|alias,alias|title,title|mentions
//   T|SType|Subject|predicate|OType|Object|confidence|sentence|phrase
//   Q|SType|Subject|quote text|confidence
//   FAIL|message
inline Result<ExtractedArticle> ScriptedExtract(std::string_view text, std::string_view path) {
  ExtractedArticle article;
  article.path = std::string(path);
  std::istringstream in{std::string(text)};
  std::string line;
  bool first = true;
  int sentence = 0;
  while (std::getline(in, line)) {
    if (first) {
      article.title = line;
      first = false;
      continue;
    }
    std::vector<std::string> f = Split(line, '|');
    if (f.empty()) continue;
    if (f[0] == "FAIL") return Status::InvalidArgument(f.size() > 1 ? f[1] : "failed");
    if (f[0] == "E" && f.size() >= 6) {
      ExtractedEntity e;
      e.type = *ParseEntityType(f[1]);
      e.name = f[2];
      if (!f[3].empty()) e.aliases = Split(f[3], ',');
      if (!f[4].empty()) e.titles = Split(f[4], ',');
      e.mentions = std::stoi(f[5]);
      article.entities.push_back(e);
    } else if (f[0] == "T" && f.size() >= 9) {
      ExtractedTriple t;
      t.subject_type = *ParseEntityType(f[1]);
      t.subject = f[2];
      t.predicate = *ParsePredicate(f[3]);
      t.object_type = *ParseEntityType(f[4]);
      t.object = f[5];
      t.confidence = std::stod(f[6]);
      t.evidence = {std::string(path), sentence++, 0, f[8].size(), f[7], f[8]};
      article.triples.push_back(t);
    } else if (f[0] == "Q" && f.size() >= 5) {
      ExtractedTriple t;
      t.subject_type = *ParseEntityType(f[1]);
      t.subject = f[2];
      t.predicate = Predicate::kSaid;
      t.object = f[3];
      t.object_is_quote = true;
      t.confidence = std::stod(f[4]);
      t.evidence = {std::string(path), sentence++, 0, 4, f[3], "said"};
      article.triples.push_back(t);
    }
  }
  return article;
}

inline std::unique_ptr<storage::Store> OpenStore(const std::string& dir) {
  auto store = storage::Store::Open(dir, storage::OpenOptions{});
  INFO(store.status().message());
  REQUIRE(store.ok());
  return std::move(store).value();
}

template <typename T>
T Must(Result<T> result) {
  INFO(result.status().message());
  REQUIRE(result.ok());
  return std::move(result).value();
}

inline std::vector<Node> NodesWithLabel(const storage::GraphReader& reader, const std::string& label) {
  std::vector<NodeId> ids;
  REQUIRE(reader.ScanNodesWithLabel(label, [&](NodeId id) {
    ids.push_back(id);
    return true;
  }).ok());
  std::vector<Node> nodes;
  for (NodeId id : ids) nodes.push_back(Must(reader.GetNode(id)));
  return nodes;
}

inline std::vector<NodeId> Named(const storage::GraphReader& reader, const std::string& name) {
  std::vector<NodeId> ids;
  REQUIRE(reader.LookupNodes("name", Value(name), [&](NodeId id) {
    ids.push_back(id);
    return true;
  }).ok());
  return ids;
}

}  // namespace kg::ingest::testing
