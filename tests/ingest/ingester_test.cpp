#include "ingest/ingester.h"

#include <sys/stat.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <set>

#include "tests/ingest/test_util.h"

using namespace kg;
using namespace kg::ingest;
using namespace kg::ingest::testing;

namespace {

IngestOptions Scripted(int threads = 2) {
  IngestOptions options;
  options.threads = threads;
  options.extract = ScriptedExtract;
  return options;
}

std::vector<storage::AdjacentEdge> Out(const storage::GraphReader& reader, NodeId node,
                                       const std::string& type) {
  std::vector<storage::AdjacentEdge> edges;
  REQUIRE(reader.ScanAdjacent(node, Direction::kOutgoing, {type}, [&](const storage::AdjacentEdge& e) {
    edges.push_back(e);
    return true;
  }).ok());
  return edges;
}

const char kGaza[] =
    "Leavitt backs the plan\n"
    "E|Person|Karoline Leavitt|Leavitt,Ms Leavitt|press secretary|3\n"
    "E|Organization|White House|||1\n"
    "E|Organization|White House|||1\n"
    "E|Work|28-point peace plan|plan,proposal||2\n"
    "T|Person|Karoline Leavitt|spokesperson-for|Organization|White House|0.9|"
    "White House press secretary Karoline Leavitt said.|press secretary\n"
    "T|Person|Karoline Leavitt|supports|Work|28-point peace plan|0.8|She called it a good plan.|a good plan\n"
    "Q|Person|Karoline Leavitt|good plan for both Russia and Ukraine|0.7\n";

}  // namespace

TEST_CASE("Ingest: folders expand, articles become nodes, a second ingest changes nothing",
          "[ingest]") {
  TempDir tmp;
  tmp.Write("news/a.txt", kGaza);
  tmp.Write("news/sub/b.txt",
            "Kyiv talks\n"
            "E|Place|Kyiv|||2\n"
            "E|Person|Volodymyr Zelenskyy|Zelenskyy|president|4\n"
            "T|Person|Volodymyr Zelenskyy|visited|Place|Kyiv|0.6|Zelenskyy arrived in Kyiv.|arrived in\n");
  tmp.Write("news/.hidden.txt", "E|Person|Hidden Person|||1\n");
  tmp.Write("news/.git/x.txt", "E|Person|Git Person|||1\n");
  auto store = OpenStore(tmp.Sub("store"));

  std::vector<std::pair<size_t, size_t>> progress;
  auto report = Must(IngestPaths(store.get(), {tmp.Sub("news")}, Scripted(),
                                 [&](size_t done, size_t total) { progress.emplace_back(done, total); }));
  REQUIRE(report.files.size() == 2);
  CHECK(report.files[0].path == tmp.Sub("news/a.txt"));
  CHECK(report.files[1].path == tmp.Sub("news/sub/b.txt"));
  CHECK(report.added == 2);
  CHECK(report.skipped == 0);
  CHECK(report.failed == 0);
  CHECK(report.files[0].entities == 4);
  CHECK(report.files[0].triples == 3);
  CHECK(report.triples == 4);
  CHECK(progress == std::vector<std::pair<size_t, size_t>>{{1, 2}, {2, 2}});

  auto snap = store->Snapshot();
  auto counts = Must(snap->Counts());
  CHECK(counts.nodes_by_label["Article"] == 2);
  CHECK(counts.nodes_by_label["Person"] == 2);
  CHECK(counts.nodes_by_label["Organization"] == 1);  // "White House" twice in one article
  CHECK(counts.nodes_by_label["Quote"] == 1);
  CHECK(counts.nodes_by_label.count("Hidden") == 0);
  CHECK(Named(*snap, "Hidden Person").empty());

  auto articles = NodesWithLabel(*snap, "Article");
  CHECK(articles[0].properties.at("title") == Value("Leavitt backs the plan"));
  CHECK(articles[0].properties.at("path") == Value(tmp.Sub("news/a.txt")));
  CHECK(articles[0].properties.at("sha256").as_string().size() == 64);
  CHECK(articles[0].properties.count("ingested_at") == 1);
  CHECK(Must(snap->FindArticle(articles[0].properties.at("sha256").as_string())) ==
        std::optional<NodeId>(articles[0].id));

  NodeId leavitt = Named(*snap, "Karoline Leavitt").at(0);
  auto person = Must(snap->GetNode(leavitt));
  CHECK(person.labels == std::vector<std::string>{"Person"});
  CHECK(person.properties.at("aliases") == Value(ValueList{Value("Leavitt"), Value("Ms Leavitt")}));
  CHECK(person.properties.at("titles") == Value(ValueList{Value("press secretary")}));
  CHECK(person.properties.at("mentions") == Value(3));
  CHECK(person.properties.count("first_seen") == 1);

  auto mentions = Out(*snap, articles[0].id, "MENTIONS");
  CHECK(mentions.size() == 3);
  auto said = Out(*snap, leavitt, "said");
  REQUIRE(said.size() == 1);
  auto quote = Must(snap->GetNode(said[0].other));
  CHECK(quote.labels == std::vector<std::string>{"Quote"});
  CHECK(quote.properties.at("text") == Value("good plan for both Russia and Ukraine"));

  auto role = Out(*snap, leavitt, "spokesperson_for");
  REQUIRE(role.size() == 1);
  auto edge = Must(snap->GetEdge(role[0].edge));
  CHECK(edge.properties.at("confidence") == Value(0.9));
  const auto& evidence = edge.properties.at("evidence").as_list();
  REQUIRE(evidence.size() == 1);
  CHECK(evidence[0].as_map().at("article") == Value(static_cast<int64_t>(articles[0].id)));
  CHECK(evidence[0].as_map().at("phrase") == Value("press secretary"));
  CHECK(evidence[0].as_map().at("text") == Value("White House press secretary Karoline Leavitt said."));
  CHECK(evidence[0].as_map().at("sentence") == Value(0));

  // Again, by file and by folder, with one copy under another name: all skipped.
  tmp.Write("copy.txt", kGaza);
  auto again = Must(IngestPaths(store.get(), {tmp.Sub("news"), tmp.Sub("copy.txt")}, Scripted(1), {}));
  CHECK(again.added == 0);
  CHECK(again.skipped == 3);
  CHECK(again.files[2].kind == FileOutcome::Kind::kSkipped);
  CHECK_THAT(again.files[2].message, Catch::Contains("a.txt"));
  auto after = Must(store->Snapshot()->Counts());
  CHECK(after.nodes == counts.nodes);
  CHECK(after.edges == counts.edges);
  CHECK(after.nodes_by_label == counts.nodes_by_label);
  CHECK(after.edges_by_type == counts.edges_by_type);
}

TEST_CASE("Ingest: the same person across articles is one node; namesakes stay apart", "[ingest]") {
  TempDir tmp;
  tmp.Write("1.txt",
            "one\n"
            "E|Person|Volodymyr Zelenskyy|Zelenskyy|president|4\n"
            "E|Person|Joe Biden|Biden||2\n"
            "E|Place|Russia|||1\n"
            "T|Person|Volodymyr Zelenskyy|opposes|Place|Russia|0.8|He opposes Russia.|opposes\n"
            "T|Person|Joe Biden|met-with|Person|Volodymyr Zelenskyy|0.5|They met.|met\n");
  tmp.Write("2.txt",
            "two\n"
            "E|Person|Zelensky|||2\n"
            "E|Person|Hunter Biden|Biden||1\n"
            "E|Place|Russia|||1\n"
            "T|Person|Zelensky|opposes|Place|Russia|0.5|Zelensky rejected Russia's demands.|rejected\n"
            "T|Person|Zelensky|met-with|Person|Joe Biden|0.5|Zelensky met Joe Biden.|met\n");
  tmp.Write("3.txt",
            "three\n"
            "E|Person|Volodymyr Zelensky|Mr Zelensky||1\n"
            "E|Person|Biden|||1\n");
  auto store = OpenStore(tmp.Sub("store"));
  auto report = Must(IngestPaths(store.get(), {tmp.path() + "/1.txt", tmp.path() + "/2.txt",
                                               tmp.path() + "/3.txt"},
                                 Scripted(), {}));
  CHECK(report.added == 3);
  auto snap = store->Snapshot();
  auto people = NodesWithLabel(*snap, "Person");
  std::set<std::string> names;
  for (const auto& p : people) names.insert(p.properties.at("name").as_string());
  // "Biden" alone fits two people, so it is not merged into either.
  CHECK(names == std::set<std::string>{"Volodymyr Zelenskyy", "Joe Biden", "Hunter Biden", "Biden"});

  NodeId zelenskyy = Named(*snap, "Volodymyr Zelenskyy").at(0);
  auto z = Must(snap->GetNode(zelenskyy));
  CHECK(z.properties.at("mentions") == Value(4 + 2 + 1));
  const auto& aliases = z.properties.at("aliases").as_list();
  for (const char* alias : {"Zelenskyy", "Zelensky", "Volodymyr Zelensky", "Mr Zelensky"}) {
    CHECK(std::find(aliases.begin(), aliases.end(), Value(alias)) != aliases.end());
  }
  // Aliases are indexed: the surname finds the person.
  std::vector<NodeId> by_alias;
  REQUIRE(snap->LookupNodes("aliases", Value("Zelensky"), [&](NodeId id) {
    by_alias.push_back(id);
    return true;
  }).ok());
  CHECK(by_alias == std::vector<NodeId>{zelenskyy});

  // One fact from two articles: one edge, two evidence entries, confidence 1-(1-.8)(1-.5).
  auto opposes = Out(*snap, zelenskyy, "opposes");
  REQUIRE(opposes.size() == 1);
  auto edge = Must(snap->GetEdge(opposes[0].edge));
  CHECK(edge.properties.at("evidence").as_list().size() == 2);
  CHECK(edge.properties.at("confidence").as_float() == Approx(0.9));
  CHECK(Must(snap->Counts()).nodes_by_label["Place"] == 1);

  // met-with is symmetric: Biden->Zelenskyy and Zelensky->Biden are one edge.
  auto counts = Must(snap->Counts());
  CHECK(counts.edges_by_type["met-with"] == 1);
}

TEST_CASE("Ingest: a fuller name later becomes the canonical name", "[ingest]") {
  TempDir tmp;
  tmp.Write("in/1.txt", "one\nE|Person|Peskov|||1\n");
  tmp.Write("in/2.txt", "two\nE|Person|Dmitry Peskov|Peskov|spokesman|2\n");
  auto store = OpenStore(tmp.Sub("store"));
  auto report = Must(IngestPaths(store.get(), {tmp.Sub("in")}, Scripted(), {}));
  CHECK(report.added == 2);
  auto snap = store->Snapshot();
  auto people = NodesWithLabel(*snap, "Person");
  REQUIRE(people.size() == 1);
  CHECK(people[0].properties.at("name") == Value("Dmitry Peskov"));
  CHECK(people[0].properties.at("aliases") == Value(ValueList{Value("Peskov")}));
  CHECK(Named(*snap, "Peskov").empty());
  CHECK(Named(*snap, "Dmitry Peskov") == std::vector<NodeId>{people[0].id});
}

TEST_CASE("Ingest: unreadable and failing files are reported, the rest goes on", "[ingest]") {
  TempDir tmp;
  tmp.Write("a.txt", "fine\nE|Place|Kyiv|||1\n");
  tmp.Write("b.txt", "broken\nFAIL|invalid UTF-8 at byte 7\n");
  std::string locked = tmp.Write("c.txt", "locked\n");
  chmod(locked.c_str(), 0);
  bool can_read_anyway = geteuid() == 0;  // root reads mode-0 files
  tmp.Write("d.txt", "also fine\nE|Place|Moscow|||1\n");
  auto store = OpenStore(tmp.Sub("store"));
  auto report = Must(IngestPaths(store.get(), {tmp.path() + "/a.txt", tmp.path() + "/b.txt",
                                               tmp.path() + "/c.txt", tmp.path() + "/missing.txt",
                                               tmp.path() + "/d.txt"},
                                 Scripted(3), {}));
  REQUIRE(report.files.size() == 5);
  CHECK(report.files[0].kind == FileOutcome::Kind::kAdded);
  CHECK(report.files[1].kind == FileOutcome::Kind::kFailed);
  CHECK(report.files[1].message == "article '" + tmp.path() + "/b.txt': invalid UTF-8 at byte 7");
  if (!can_read_anyway) {
    CHECK(report.files[2].kind == FileOutcome::Kind::kFailed);
    CHECK_THAT(report.files[2].message, Catch::Contains("c.txt"));
  }
  CHECK(report.files[3].kind == FileOutcome::Kind::kFailed);
  CHECK_THAT(report.files[3].message, Catch::StartsWith("cannot read '" + tmp.path() + "/missing.txt'"));
  CHECK(report.files[4].kind == FileOutcome::Kind::kAdded);
  CHECK(report.failed == (can_read_anyway ? 2 : 3));
  auto snap = store->Snapshot();
  CHECK(Named(*snap, "Kyiv").size() == 1);
  CHECK(Named(*snap, "Moscow").size() == 1);
}

TEST_CASE("Ingest: many articles on several workers keep file order", "[ingest]") {
  TempDir tmp;
  const char* first_names[] = {"Anna", "Boris", "Carl", "Dmitry", "Elena", "Fatima", "Gustav"};
  for (int i = 0; i < 60; ++i) {
    std::string person = std::string(first_names[i % 7]) + " Smith";
    char name[32];
    std::snprintf(name, sizeof name, "many/%03d.txt", i);
    tmp.Write(name, Cat("article ", i) + "\nE|Person|" + person +
                        "|||1\nE|Place|Kyiv|||1\nT|Person|" + person + "|visited|Place|Kyiv|0.1|s" +
                        std::to_string(i) + "|visited\n");
  }
  auto store = OpenStore(tmp.Sub("store"));
  size_t last = 0;
  auto report = Must(IngestPaths(store.get(), {tmp.Sub("many")}, Scripted(4), [&](size_t done, size_t total) {
    CHECK(done == last + 1);
    CHECK(total == 60);
    last = done;
  }));
  CHECK(report.added == 60);
  for (size_t i = 1; i < report.files.size(); ++i) CHECK(report.files[i - 1].path < report.files[i].path);
  auto snap = store->Snapshot();
  auto counts = Must(snap->Counts());
  CHECK(counts.nodes_by_label["Person"] == 7);
  CHECK(counts.nodes_by_label["Place"] == 1);
  CHECK(counts.edges_by_type["visited"] == 7);
  NodeId kyiv = Named(*snap, "Kyiv").at(0);
  size_t evidence = 0;
  REQUIRE(snap->ScanAdjacent(kyiv, Direction::kIncoming, {"visited"}, [&](const storage::AdjacentEdge& e) {
    evidence += Must(snap->GetEdge(e.edge)).properties.at("evidence").as_list().size();
    return true;
  }).ok());
  CHECK(evidence == 60);
}

TEST_CASE("Ingest: SHA-256 is the standard digest", "[ingest]") {
  CHECK(Sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(Sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

// The real extractor over a folder of news (by default shared/corpus/wikinews); prints the
// time. Hidden: it depends on the extractor's speed and output.
//   KG_INGEST_DIR=... ingest_test "[corpus]"
TEST_CASE("Ingest: a corpus with the real extractor", "[.][corpus]") {
  const char* dir = std::getenv("KG_INGEST_DIR");
  std::string corpus = dir != nullptr ? dir : std::string(KG_SHARED_DIR) + "/corpus/wikinews";
  TempDir tmp;
  auto store = OpenStore(tmp.Sub("store"));
  auto report = Must(IngestPaths(store.get(), {corpus}, IngestOptions{}, {}));
  WARN(report.added << " added, " << report.failed << " failed, " << report.entities
                    << " entities, " << report.triples << " triples in " << report.seconds << " s");
  for (const auto& file : report.files) {
    if (file.kind == FileOutcome::Kind::kFailed) WARN(file.message);
  }
  CHECK(report.added + report.failed == static_cast<int>(report.files.size()));
  auto counts = Must(store->Snapshot()->Counts());
  auto again = Must(IngestPaths(store.get(), {corpus}, IngestOptions{}, {}));
  CHECK(again.added == 0);
  CHECK(again.skipped == report.added);
  auto after = Must(store->Snapshot()->Counts());
  CHECK(after.nodes == counts.nodes);
  CHECK(after.edges == counts.edges);
  WARN(counts.nodes << " nodes, " << counts.edges << " edges; second pass " << again.seconds << " s");
}

TEST_CASE("Ingest: an untyped imported node takes the type of an article's entity", "[ingest]") {
  TempDir tmp;
  std::string tsv = tmp.Write("t.tsv", "Vladimir Putin\tmet-with\tXi Jinping\n");
  tmp.Write("in/a.txt", "a\nE|Person|Vladimir Putin|Putin||2\nE|Person|Xi Jinping|||1\n"
                        "T|Person|Vladimir Putin|met-with|Person|Xi Jinping|0.5|They met.|met\n");
  auto store = OpenStore(tmp.Sub("store"));
  Must(ImportTriples(store.get(), tsv));
  Must(IngestPaths(store.get(), {tmp.Sub("in")}, Scripted(), {}));
  auto snap = store->Snapshot();
  auto counts = Must(snap->Counts());
  CHECK(counts.nodes_by_label["Person"] == 2);
  CHECK(counts.nodes_by_label.count("Entity") == 0);
  CHECK(counts.edges_by_type["met-with"] == 1);  // the imported edge got the evidence
  NodeId putin = Named(*snap, "Vladimir Putin").at(0);
  auto node = Must(snap->GetNode(putin));
  CHECK(node.labels == std::vector<std::string>{"Person"});
  CHECK(node.properties.at("aliases") == Value(ValueList{Value("Putin")}));
  auto met = Out(*snap, putin, "met-with");
  REQUIRE(met.size() == 1);
  auto edge = Must(snap->GetEdge(met[0].edge));
  CHECK(edge.properties.at("evidence").as_list().size() == 1);
  CHECK(edge.properties.at("confidence").as_float() == Approx(1.0));
}

TEST_CASE("Ingest: copies within one run are extracted once and skipped", "[ingest]") {
  TempDir tmp;
  const std::string kyiv = "fine\nE|Place|Kyiv|||1\n";
  const std::string broken = "broken\nFAIL|invalid UTF-8 at byte 7\n";
  std::vector<std::string> paths;
  for (int copy = 0; copy < 12; ++copy) {
    paths.push_back(tmp.Write("k" + std::to_string(copy) + ".txt", kyiv));
  }
  paths.push_back(tmp.Write("b1.txt", broken));
  paths.push_back(tmp.Write("b2.txt", broken));
  std::atomic<int> calls{0};
  IngestOptions options = Scripted(3);
  options.extract = [&](std::string_view text, std::string_view path) {
    ++calls;
    return ScriptedExtract(text, path);
  };
  auto store = OpenStore(tmp.Sub("store"));
  auto report = Must(IngestPaths(store.get(), paths, options, {}));
  REQUIRE(report.files.size() == 14);
  CHECK(report.added == 1);
  CHECK(report.skipped == 11);
  CHECK(report.failed == 2);
  CHECK(report.files[0].kind == FileOutcome::Kind::kAdded);  // the first in file order wins
  CHECK_THAT(report.files[5].message, Catch::Contains("same content as '" + paths[0] + "'"));
  CHECK(report.files[12].message == "article '" + paths[12] + "': invalid UTF-8 at byte 7");
  // The later copy of a failing file fails too: as a copy, or on its own when its worker
  // hashed it before the first copy's worker did (then both were extracted).
  CHECK((report.files[13].message ==
             "same content as '" + paths[12] + "', which was not ingested" ||
         report.files[13].message == "article '" + paths[13] + "': invalid UTF-8 at byte 7"));
  // Workers may race a later copy ahead of an earlier one, but never extract all of them.
  CHECK(calls.load() <= 2 + 2 * 3);
  CHECK(Named(*store->Snapshot(), "Kyiv").size() == 1);
}
