#include <catch2/catch.hpp>

#include <cstdlib>
#include <map>
#include <set>
#include <tuple>

#include "ingest/ingester.h"
#include "tests/ingest/test_util.h"

using namespace kg;
using namespace kg::ingest;
using namespace kg::ingest::testing;

namespace {

std::vector<storage::AdjacentEdge> Adjacent(const storage::GraphReader& reader, NodeId node,
                                            Direction direction, std::vector<std::string> types = {}) {
  std::vector<storage::AdjacentEdge> edges;
  REQUIRE(reader.ScanAdjacent(node, direction, types, [&](const storage::AdjacentEdge& e) {
    edges.push_back(e);
    return true;
  }).ok());
  return edges;
}

}  // namespace

TEST_CASE("Import: TSV triples, with and without types", "[ingest]") {
  TempDir tmp;
  std::string file = tmp.Write("t.tsv",
                               "# a comment\n"
                               "Vladimir Putin\tmet-with\tXi Jinping\n"
                               "\n"
                               "Vladimir Putin\tPerson\tleader_of\tRussia\tPlace\n"
                               "Kremlin\tOrganization\tlocated-in\tMoscow\tPlace\r\n"
                               "Vladimir Putin\tmet-with\tXi Jinping\n");
  auto store = OpenStore(tmp.Sub("store"));
  auto report = Must(ImportTriples(store.get(), file));
  REQUIRE(report.files.size() == 1);
  CHECK(report.files[0].kind == FileOutcome::Kind::kAdded);
  CHECK(report.triples == 3);
  CHECK(report.entities == 6);
  CHECK_THAT(report.files[0].message, Catch::Contains("1 repeated"));

  auto snap = store->Snapshot();
  auto counts = Must(snap->Counts());
  CHECK(counts.edges == 3);
  CHECK(counts.nodes_by_label["Entity"] == 2);  // untyped: Vladimir Putin, Xi Jinping
  CHECK(counts.nodes_by_label["Person"] == 1);
  CHECK(counts.nodes_by_label["Place"] == 2);
  CHECK(counts.edges_by_type["leader-of"] == 1);
  NodeId putin = Must(snap->GetNode(Named(*snap, "Russia").at(0))).id;
  auto in = Adjacent(*snap, putin, Direction::kIncoming, {"leader-of"});
  REQUIRE(in.size() == 1);
  CHECK(Must(snap->GetNode(in[0].other)).labels == std::vector<std::string>{"Person"});
  auto edge = Must(snap->GetEdge(in[0].edge));
  CHECK(edge.properties.at("confidence") == Value(1.0));

  // A second import of the same file finds every node and every triple already there.
  auto again = Must(ImportTriples(store.get(), file));
  CHECK(again.triples == 0);
  CHECK(again.entities == 0);
  auto after = Must(store->Snapshot()->Counts());
  CHECK(after.nodes == counts.nodes);
  CHECK(after.edges == counts.edges);

  // New triples between known names reuse their nodes.
  std::string more = tmp.Write("more.tsv", "Vladimir Putin\tvisited\tXi Jinping\n");
  CHECK(Must(ImportTriples(store.get(), more)).triples == 1);
  CHECK(Must(store->Snapshot()->Counts()).nodes == counts.nodes);
}

TEST_CASE("Import: a malformed line is reported as FILE:LINE and nothing is written", "[ingest]") {
  TempDir tmp;
  auto store = OpenStore(tmp.Sub("store"));
  std::string bad = tmp.Write("bad.tsv", "A\tsupports\tB\n# fine\nA\tsupports\n");
  auto result = ImportTriples(store.get(), bad);
  REQUIRE(!result.ok());
  CHECK(result.status().code() == StatusCode::kInvalidArgument);
  CHECK(result.status().message() == bad + ":3: expected 3 or 5 tab-separated fields, found 2");
  CHECK(Must(store->Snapshot()->Counts()).nodes == 0);

  std::string bad_type = tmp.Write("type.tsv", "A\tPerson\tsupports\tB\tPlanet\n");
  CHECK(ImportTriples(store.get(), bad_type).status().message() ==
        bad_type + ":1: unknown entity type 'Planet' (expected Person, Organization, Place, Work or Event)");
  std::string bad_json = tmp.Write("bad.jsonl", "{\"subject\":\"A\",\"predicate\":\"supports\",\"object\":\"B\"}\n{oops\n");
  CHECK(ImportTriples(store.get(), bad_json).status().message() == bad_json + ":2: not a JSON object");
  CHECK(ImportTriples(store.get(), tmp.Sub("missing.tsv")).status().code() == StatusCode::kNotFound);
  CHECK(Must(store->Snapshot()->Counts()).nodes == 0);
}

TEST_CASE("Import: JSON lines of kg extract", "[ingest]") {
  TempDir tmp;
  std::string file = tmp.Write(
      "x.jsonl",
      "{\"entity\":\"Karoline Leavitt\",\"type\":\"Person\",\"aliases\":[\"Leavitt\"],\"mentions\":3}\n"
      "{\"entity\":\"White House\",\"type\":\"Organization\"}\n"
      "{\"subject\":\"Karoline Leavitt\",\"subject_type\":\"Person\",\"predicate\":\"spokesperson-for\","
      "\"object\":\"White House\",\"object_type\":\"Organization\",\"confidence\":0.8,"
      "\"evidence\":{\"article\":\"a.txt\",\"sentence\":2,\"begin\":10,\"end\":25,\"text\":\"...\",\"phrase\":\"press secretary\"}}\n"
      "{\"subject\":\"Karoline Leavitt\",\"subject_type\":\"Person\",\"predicate\":\"spokesperson-for\","
      "\"object\":\"White House\",\"object_type\":\"Organization\",\"confidence\":0.5}\n"
      "{\"subject\":\"Karoline Leavitt\",\"subject_type\":\"Person\",\"predicate\":\"said\","
      "\"object\":\"a good plan\",\"object_type\":\"\"}\n");
  auto store = OpenStore(tmp.Sub("store"));
  auto report = Must(ImportTriples(store.get(), file));
  CHECK(report.triples == 2);
  auto snap = store->Snapshot();
  NodeId leavitt = Named(*snap, "Karoline Leavitt").at(0);
  auto node = Must(snap->GetNode(leavitt));
  CHECK(node.labels == std::vector<std::string>{"Person"});
  CHECK(node.properties.at("aliases") == Value(ValueList{Value("Leavitt")}));
  CHECK(node.properties.at("mentions") == Value(3));
  auto role = Adjacent(*snap, leavitt, Direction::kOutgoing, {"spokesperson-for"});
  REQUIRE(role.size() == 1);
  auto edge = Must(snap->GetEdge(role[0].edge));
  CHECK(edge.properties.at("confidence").as_float() == Approx(0.9));
  REQUIRE(edge.properties.at("evidence").as_list().size() == 1);
  CHECK(edge.properties.at("evidence").as_list()[0].as_map().at("phrase") == Value("press secretary"));
  auto said = Adjacent(*snap, leavitt, Direction::kOutgoing, {"said"});
  REQUIRE(said.size() == 1);
  auto quote = Must(snap->GetNode(said[0].other));
  CHECK(quote.labels == std::vector<std::string>{"Quote"});
  CHECK(quote.properties.at("text") == Value("a good plan"));
}

TEST_CASE("Import: an entities file gives the triples' names their types", "[ingest]") {
  TempDir tmp;
  std::string entities = tmp.Write("entities.csv",
                                   "id,Name,type\n"
                                   "0,Vladimir Putin,Person\n"
                                   "1,\"Moscow, Russia\",Place\r\n"
                                   "2,\"The \"\"Kremlin\"\"\",Organization\n"
                                   "3,Lake Baikal,Place\n"  // in no triple: a node all the same
                                   "4,#hashtag,\n"          // no type; '#' is no comment here
                                   "0,Vladimir Putin,Person\n");  // the same again: one entity
  std::string triples = tmp.Write("t.tsv",
                                  "Vladimir Putin\tvisited\tMoscow, Russia\n"
                                  "The \"Kremlin\"\tlocated-in\tMoscow, Russia\n"
                                  "Vladimir Putin\tmentioned\t#hashtag\n"
                                  "Xi Jinping\tmet-with\tVladimir Putin\n"  // undeclared
                                  "Vladimir Putin\tPerson\tleader-of\tRussia\tPlace\n"  // typed
                                  "Moscow, Russia\tOrganization\tsupports\tLake Baikal\tPlace\n");
  auto store = OpenStore(tmp.Sub("store"));
  ImportOptions options;
  options.entities_path = entities;
  auto report = Must(ImportTriples(store.get(), triples, options));
  CHECK(report.triples == 6);
  CHECK(report.entities == 8);

  auto snap = store->Snapshot();
  auto counts = Must(snap->Counts());
  CHECK(counts.nodes == 8);
  CHECK(counts.nodes_by_label["Person"] == 1);
  CHECK(counts.nodes_by_label["Place"] == 3);         // Moscow, Russia; Lake Baikal; Russia
  CHECK(counts.nodes_by_label["Organization"] == 2);  // the Kremlin; Moscow, Russia as typed
  CHECK(counts.nodes_by_label["Entity"] == 2);        // #hashtag, Xi Jinping
  auto labels_of = [&](const std::string& name) {
    std::vector<std::vector<std::string>> labels;
    for (NodeId id : Named(*snap, name)) labels.push_back(Must(snap->GetNode(id)).labels);
    std::sort(labels.begin(), labels.end());
    return labels;
  };
  using Labels = std::vector<std::vector<std::string>>;
  CHECK(labels_of("Vladimir Putin") == Labels{{"Person"}});
  CHECK(labels_of("Moscow, Russia") == Labels{{"Organization"}, {"Place"}});
  CHECK(labels_of("The \"Kremlin\"") == Labels{{"Organization"}});
  CHECK(labels_of("Lake Baikal") == Labels{{"Place"}});
  CHECK(labels_of("#hashtag") == Labels{{"Entity"}});
  NodeId putin = Named(*snap, "Vladimir Putin").at(0);
  CHECK(Adjacent(*snap, putin, Direction::kOutgoing).size() == 3);
  CHECK(Adjacent(*snap, putin, Direction::kIncoming, {"met-with"}).size() == 1);

  // Importing again finds every declared entity in the store.
  auto again = Must(ImportTriples(store.get(), triples, options));
  CHECK(again.entities == 0);
  CHECK(again.triples == 0);
  CHECK(Must(store->Snapshot()->Counts()).nodes == 8);

  // JSON lines take the declared types too; a header may start with a BOM and pad its names.
  TempDir other;
  ImportOptions bom;
  bom.entities_path = other.Write("e.csv", "\xEF\xBB\xBF Name , type\nKaroline Leavitt,Person\n");
  std::string json = other.Write(
      "t.jsonl",
      "{\"subject\":\"Karoline Leavitt\",\"predicate\":\"visited\",\"object\":\"Kyiv\"}\n");
  auto fresh = OpenStore(other.Sub("store"));
  CHECK(Must(ImportTriples(fresh.get(), json, bom)).entities == 2);
  auto fresh_counts = Must(fresh->Snapshot()->Counts());
  CHECK(fresh_counts.nodes_by_label["Person"] == 1);
  CHECK(fresh_counts.nodes_by_label["Entity"] == 1);  // Kyiv
}

TEST_CASE("Import: many lines, declared and undeclared names, resolve as one pass would", "[ingest]") {
  TempDir tmp;
  std::string csv = "name,type\n";
  for (int i = 0; i < 3000; ++i) csv += Cat("P", i) + (i % 2 ? ",Person\n" : ",Place\n");
  std::string tsv;
  std::set<std::pair<int, int>> distinct;
  std::map<int, int> out_degree;
  for (int i = 0; i < 60000; ++i) {
    int p = (i * 31) % 3000, q = (i * 7) % 5000;
    tsv += Cat("P", p) + Cat("\tknows\tQ", q) + "\n";
    if (distinct.insert({p, q}).second) ++out_degree[p];
  }
  ImportOptions options;
  options.entities_path = tmp.Write("e.csv", csv);
  auto store = OpenStore(tmp.Sub("store"));
  auto report = Must(ImportTriples(store.get(), tmp.Write("t.tsv", tsv), options));
  CHECK(report.triples == static_cast<int64_t>(distinct.size()));
  auto snap = store->Snapshot();
  auto counts = Must(snap->Counts());
  CHECK(counts.nodes_by_label["Person"] == 1500);
  CHECK(counts.nodes_by_label["Place"] == 1500);
  CHECK(counts.nodes_by_label["Entity"] == 5000);
  for (int p : {0, 1, 31, 2999}) {
    std::vector<NodeId> named = Named(*snap, Cat("P", p));
    REQUIRE(named.size() == 1);
    CHECK(Must(snap->GetNode(named[0])).labels ==
          std::vector<std::string>{p % 2 ? "Person" : "Place"});
    CHECK(Adjacent(*snap, named[0], Direction::kOutgoing).size() ==
          static_cast<size_t>(out_degree[p]));
  }
  CHECK(Named(*snap, "Q4999").size() == 1);
}

TEST_CASE("Import: a bad entities file is named with its line and nothing is written", "[ingest]") {
  TempDir tmp;
  auto store = OpenStore(tmp.Sub("store"));
  std::string triples = tmp.Write("t.tsv", "A\tsupports\tB\n");
  auto error = [&](const std::string& csv) {
    ImportOptions options;
    options.entities_path = tmp.Write("e.csv", csv);
    auto result = ImportTriples(store.get(), triples, options);
    REQUIRE(!result.ok());
    CHECK(result.status().code() == StatusCode::kInvalidArgument);
    return result.status().message();
  };
  std::string file = tmp.Sub("e.csv");
  CHECK(error("id,label\n1,A\n") ==
        file + ":1: the header names no \"name\" column (expected e.g. id,name,type)");
  CHECK(error("name,type\nA,Person\nB\n") ==
        file + ":3: expected 2 comma-separated fields, found 1");
  CHECK(error("name,type\nA,Planet\n") == file +
                                              ":2: unknown entity type 'Planet' (expected Person, "
                                              "Organization, Place, Work or Event, or nothing)");
  CHECK(error("name,type\n\"A,Person\n") ==
        file + ":2: malformed quotes (a quoted field is \"...\", with \"\" for a quote)");
  CHECK(error("name,type\n,Person\n") == file + ":2: the name is empty");
  CHECK(error("name,type\nA,Person\n\nA,Place\n") ==
        file + ":4: 'A' has Place here and Person on an earlier line");
  CHECK(error("name,type\nA,\nA,Place\n") ==
        file + ":3: 'A' has Place here and no type on an earlier line");
  ImportOptions missing;
  missing.entities_path = tmp.Sub("missing.csv");
  CHECK(ImportTriples(store.get(), triples, missing).status().code() == StatusCode::kNotFound);
  CHECK(Must(store->Snapshot()->Counts()).nodes == 0);
}

// Throughput of ImportTriples on a generated file (shared/bench/gen.py), into a fresh store:
//   KG_IMPORT_FILE=/tmp/kg-bench/data/1m/triples.tsv
//   KG_IMPORT_ENTITIES=/tmp/kg-bench/data/1m/entities.csv   (both in one command line)
//   ingest_test "[bench]"
TEST_CASE("Import: throughput on a generated file", "[.][bench]") {
  const char* file = std::getenv("KG_IMPORT_FILE");
  if (file == nullptr) return;
  TempDir tmp;
  const char* keep = std::getenv("KG_IMPORT_STORE");  // keep the store there, for `du`
  auto store = OpenStore(keep != nullptr ? std::string(keep) : tmp.Sub("store"));
  ImportOptions options;
  if (const char* entities = std::getenv("KG_IMPORT_ENTITIES")) options.entities_path = entities;
  auto report = Must(ImportTriples(store.get(), file, options));
  double seconds = report.seconds;
  WARN("imported " << report.triples << " triples, " << report.entities << " entities in "
                   << seconds << " s: " << static_cast<int64_t>(report.triples / seconds)
                   << " triples/s");
  auto counts = Must(store->Snapshot()->Counts());
  CHECK(static_cast<int64_t>(counts.edges) == report.triples);
}

TEST_CASE("Import: a larger TSV resolves every name to one node", "[ingest]") {
  TempDir tmp;
  std::string tsv;
  std::set<std::tuple<int, int, int>> distinct;
  for (int i = 0; i < 30000; ++i) {
    int s = (i * 7919) % 3000, o = static_cast<int>((i * int64_t{104729} + 17) % 3001), p = i % 5;
    if (i % 10 == 0) {
      tsv += Cat("Name ", s) + Cat("\tPerson\tp", p) + "\tName " +
             std::to_string(o) + "\tPlace\n";
      distinct.insert({s + 10000, p, o + 20000});
    } else {
      tsv += Cat("Name ", s) + Cat("\tp", p) + Cat("\tName ", o) + "\n";
      distinct.insert({s, p, o});
    }
  }
  std::string file = tmp.Write("big.tsv", tsv);
  auto store = OpenStore(tmp.Sub("store"));
  auto report = Must(ImportTriples(store.get(), file));
  CHECK(report.triples == static_cast<int64_t>(distinct.size()));
  auto snap = store->Snapshot();
  auto counts = Must(snap->Counts());
  CHECK(counts.edges == distinct.size());
  CHECK(counts.nodes == static_cast<uint64_t>(report.entities));
  for (int n : {0, 1, 999, 2999, 3000}) {
    auto nodes = Named(*snap, Cat("Name ", n));
    size_t untyped = 0;
    for (NodeId id : nodes) untyped += Must(snap->GetNode(id)).HasLabel("Entity") ? 1 : 0;
    CHECK(untyped == 1);
  }
}
