// Hidden crash tests: a child process ingests or imports and is SIGKILLed at a random moment;
// the store must then hold whole articles (or the whole import) only, with consistent indexes.
//   ingest_test "[crash]"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <random>
#include <set>

#include "ingest/ingester.h"
#include "tests/ingest/test_util.h"

using namespace kg;
using namespace kg::ingest;
using namespace kg::ingest::testing;

namespace {

// Every index agrees with the records, and the counters with the scans.
void CheckConsistent(const storage::GraphReader& reader) {
  auto counts = Must(reader.Counts());
  std::vector<NodeId> nodes;
  REQUIRE(reader.ScanNodes([&](NodeId id) {
    nodes.push_back(id);
    return true;
  }).ok());
  CHECK(nodes.size() == counts.nodes);
  std::map<std::string, uint64_t> by_label;
  for (NodeId id : nodes) {
    Node node = Must(reader.GetNode(id));
    for (const auto& label : node.labels) ++by_label[label];
  }
  CHECK(by_label == counts.nodes_by_label);
  for (const auto& [label, n] : by_label) {
    uint64_t indexed = 0;
    REQUIRE(reader.ScanNodesWithLabel(label, [&](NodeId) { return ++indexed, true; }).ok());
    CHECK(indexed == n);
  }
  uint64_t edges = 0;
  std::map<std::string, uint64_t> by_type;
  REQUIRE(reader.ScanEdges([&](EdgeId id) {
    Edge edge = Must(reader.GetEdge(id));
    ++edges;
    ++by_type[edge.type];
    CHECK(reader.GetNode(edge.source).ok());
    CHECK(reader.GetNode(edge.target).ok());
    bool found = false;
    REQUIRE(reader.ScanAdjacent(edge.source, Direction::kOutgoing, {edge.type},
                                [&](const storage::AdjacentEdge& e) {
                                  found = found || e.edge == id;
                                  return true;
                                }).ok());
    CHECK(found);
    return true;
  }).ok());
  CHECK(edges == counts.edges);
  CHECK(by_type == counts.edges_by_type);
}

std::string Article(int i) {
  std::string text = Cat("article ", i) + "\n";
  for (int e = 0; e < 5; ++e) {
    text += Cat("E|Person|Person", (i * 5 + e) % 97) + " Surname" +
            std::to_string((i + e) % 13) + "|||1\n";
  }
  text += Cat("E|Place|Place", i % 11) + "|||1\n";
  for (int e = 0; e < 5; ++e) {
    text += Cat("T|Person|Person", (i * 5 + e) % 97) + " Surname" +
            std::to_string((i + e) % 13) + Cat("|visited|Place|Place", i % 11) +
            "|0.5|sentence|visited\n";
  }
  return text;
}

}  // namespace

TEST_CASE("Ingest: a killed ingest leaves whole articles only", "[.][crash]") {
  TempDir tmp;
  const int kArticles = 300;
  for (int i = 0; i < kArticles; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "in/%04d.txt", i);
    tmp.Write(name, Article(i));
  }
  std::mt19937 random(12345);
  for (int round = 0; round < 6; ++round) {
    pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
      auto store = storage::Store::Open(tmp.Sub("store"), storage::OpenOptions{});
      if (!store.ok()) _exit(1);
      IngestOptions options;
      options.threads = 2;
      options.extract = ScriptedExtract;
      auto report = IngestPaths(store->get(), {tmp.Sub("in")}, options, {});
      _exit(report.ok() ? 0 : 2);
    }
    usleep(std::uniform_int_distribution<int>(20000, 400000)(random));
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);

    auto store = OpenStore(tmp.Sub("store"));
    auto snap = store->Snapshot();
    CheckConsistent(*snap);
    // Each stored article has all its MENTIONS edges (6 distinct entities each).
    for (const Node& article : NodesWithLabel(*snap, "Article")) {
      size_t mentions = 0;
      REQUIRE(snap->ScanAdjacent(article.id, Direction::kOutgoing, {"MENTIONS"},
                                 [&](const storage::AdjacentEdge&) { return ++mentions, true; }).ok());
      CHECK(mentions == 6);
    }
    INFO("round " << round << ": " << NodesWithLabel(*snap, "Article").size() << " articles");
  }
  // Finishing the ingest afterwards gives every article exactly once.
  auto store = OpenStore(tmp.Sub("store"));
  IngestOptions options;
  options.extract = ScriptedExtract;
  Must(IngestPaths(store.get(), {tmp.Sub("in")}, options, {}));
  auto snap = store->Snapshot();
  CheckConsistent(*snap);
  CHECK(Must(snap->Counts()).nodes_by_label["Article"] == kArticles);
  CHECK(Must(snap->Counts()).edges_by_type["MENTIONS"] == kArticles * 6);
}

TEST_CASE("Import: a killed import adds everything or nothing", "[.][crash]") {
  TempDir tmp;
  std::string tsv;
  for (int i = 0; i < 200000; ++i) {
    tsv += Cat("N", i % 5000) + Cat("\tsupports\tM", (i * 7) % 9000) + "\n";
  }
  std::string file = tmp.Write("t.tsv", tsv);
  std::mt19937 random(4321);
  for (int round = 0; round < 6; ++round) {
    std::string dir = tmp.Sub(Cat("store", round));
    pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
      auto store = storage::Store::Open(dir, storage::OpenOptions{});
      if (!store.ok()) _exit(1);
      _exit(ImportTriples(store->get(), file).ok() ? 0 : 2);
    }
    usleep(std::uniform_int_distribution<int>(10000, 600000)(random));
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    auto opened = storage::Store::Open(dir, storage::OpenOptions{});
    if (!opened.ok()) {
      // Killed before the store was made.
      INFO(opened.status().message());
      CHECK(opened.status().code() != StatusCode::kCorruption);
      continue;
    }
    auto snap = (*opened)->Snapshot();
    auto counts = Must(snap->Counts());
    INFO("round " << round << ": " << counts.edges << " edges");
    CHECK((counts.edges == 0 || counts.edges == 45000));  // 45000 distinct triples
    CHECK((counts.nodes == 0 || counts.nodes == 14000));
    CheckConsistent(*snap);
  }
}
