#include "storage/store.h"

#include <rocksdb/db.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>
#include <tuple>

#include "storage/coding.h"
#include "storage/store_internal.h"
#include "tests/storage/test_util.h"

namespace fs = std::filesystem;
using kg::Direction;
using kg::EdgeId;
using kg::NodeId;
using kg::StatusCode;
using kg::Value;
using kg::ValueList;
using kg::ValueMap;
using kg::storage::AdjacentEdge;
using kg::storage::GraphReader;
using kg::storage::OpenOptions;
using kg::storage::Store;
using kg::storage::Transaction;

using namespace kg::storage::testing;

namespace {

// "prefix" + std::to_string(n) without GCC 12's false -Wrestrict warning (bug 105329).
inline std::string Cat(std::string_view prefix, long long n) {
  std::string s(prefix);
  s += std::to_string(n);
  return s;
}

std::unique_ptr<Store> OpenWriter(const std::string& dir) {
  auto store = Store::Open(dir, OpenOptions{});
  INFO(store.status().message());
  REQUIRE(store.ok());
  return std::move(store).value();
}

std::unique_ptr<Store> OpenReader(const std::string& dir) {
  OpenOptions options;
  options.read_only = true;
  auto store = Store::Open(dir, options);
  INFO(store.status().message());
  REQUIRE(store.ok());
  return std::move(store).value();
}

std::vector<NodeId> WithLabel(const GraphReader& reader, const std::string& label) {
  std::vector<NodeId> ids;
  MustOk(reader.ScanNodesWithLabel(label, [&](NodeId id) {
    ids.push_back(id);
    return true;
  }));
  return ids;
}

std::vector<NodeId> Lookup(const GraphReader& reader, const std::string& key, const Value& value) {
  std::vector<NodeId> ids;
  MustOk(reader.LookupNodes(key, value, [&](NodeId id) {
    ids.push_back(id);
    return true;
  }));
  return ids;
}

std::vector<AdjacentEdge> Adjacent(const GraphReader& reader, NodeId node, Direction direction,
                                   const std::vector<std::string>& types = {}) {
  std::vector<AdjacentEdge> edges;
  MustOk(reader.ScanAdjacent(node, direction, types, [&](const AdjacentEdge& e) {
    edges.push_back(e);
    return true;
  }));
  return edges;
}

}  // namespace

TEST_CASE("Store: nodes keep labels and properties across reopen", "[storage]") {
  TempDir tmp;
  NodeId id;
  {
    auto store = OpenWriter(tmp.path());
    auto txn = Begin(store.get());
    id = Must(txn->CreateNode({"Person", "Entity", "Person"},
                              {{"name", Value("Karoline Leavitt")},
                               {"aliases", Value(ValueList{Value("Leavitt"), Value("Ms Leavitt")})},
                               {"mentions", Value(3)},
                               {"gone", Value()}}));
    MustOk(txn->Commit());
  }
  auto store = OpenWriter(tmp.path());
  auto node = Must(store->Snapshot()->GetNode(id));
  CHECK(node.labels == std::vector<std::string>{"Entity", "Person"});
  CHECK(node.properties.size() == 3);
  CHECK(node.properties.count("gone") == 0);
  CHECK(node.properties.at("name") == Value("Karoline Leavitt"));
  CHECK(node.properties.at("mentions") == Value(3));
  CHECK(store->Snapshot()->GetNode(id + 100).status().code() == StatusCode::kNotFound);
  auto labels = store->Snapshot()->Labels();
  CHECK(labels == std::vector<std::string>{"Entity", "Person"});
  auto keys = store->Snapshot()->PropertyKeys();
  CHECK(std::find(keys.begin(), keys.end(), "aliases") != keys.end());
  CHECK(std::find(keys.begin(), keys.end(), "gone") == keys.end());
  // Ids keep growing after a reopen.
  auto txn = Begin(store.get());
  NodeId next = Must(txn->CreateNode({}, {}));
  CHECK(next > id);
}

TEST_CASE("Store: label index and property index on name and aliases", "[storage]") {
  TempDir tmp;
  auto store = OpenWriter(tmp.path());
  auto txn = Begin(store.get());
  NodeId a = Must(txn->CreateNode({"Person"}, {{"name", Value("Volodymyr Zelenskyy")},
                                               {"aliases", Value(ValueList{Value("Zelensky"),
                                                                           Value("Zelenskyy"),
                                                                           Value("Zelensky")})}}));
  NodeId b = Must(txn->CreateNode({"Place"}, {{"name", Value("Kyiv")}}));
  NodeId c = Must(txn->CreateNode({"Person", "Official"}, {{"name", Value("Kyiv")}}));
  MustOk(txn->Commit());
  txn.reset();

  auto snap = store->Snapshot();
  CHECK(WithLabel(*snap, "Person") == std::vector<NodeId>{a, c});
  CHECK(WithLabel(*snap, "Place") == std::vector<NodeId>{b});
  CHECK(WithLabel(*snap, "Official") == std::vector<NodeId>{c});
  CHECK(WithLabel(*snap, "Nothing").empty());
  CHECK(Lookup(*snap, "name", Value("Kyiv")) == std::vector<NodeId>{b, c});
  CHECK(Lookup(*snap, "name", Value("Kyi")).empty());
  CHECK(Lookup(*snap, "aliases", Value("Zelensky")) == std::vector<NodeId>{a});
  CHECK(Lookup(*snap, "aliases", Value("Zelenskyy")) == std::vector<NodeId>{a});
  CHECK(snap->IsIndexed("name"));
  CHECK_FALSE(snap->IsIndexed("mentions"));
  CHECK(snap->LookupNodes("mentions", Value(1), [](NodeId) { return true; }).code() ==
        StatusCode::kInvalidArgument);

  // Changing a property moves its index entries; removing a label drops it from the index.
  txn = Begin(store.get());
  MustOk(txn->SetNodeProperty(a, "aliases", Value(ValueList{Value("Zelensky"), Value("Ze")})));
  MustOk(txn->SetNodeProperty(b, "name", Value()));
  MustOk(txn->RemoveLabels(c, {"Official"}));
  MustOk(txn->AddLabels(b, {"City", "Place"}));
  MustOk(txn->Commit());
  txn.reset();
  snap = store->Snapshot();
  CHECK(Lookup(*snap, "aliases", Value("Zelenskyy")).empty());
  CHECK(Lookup(*snap, "aliases", Value("Ze")) == std::vector<NodeId>{a});
  CHECK(Lookup(*snap, "name", Value("Kyiv")) == std::vector<NodeId>{c});
  CHECK(WithLabel(*snap, "Official").empty());
  CHECK(WithLabel(*snap, "City") == std::vector<NodeId>{b});
  CHECK(Must(snap->GetNode(b)).labels == std::vector<std::string>{"City", "Place"});
  CHECK(Must(snap->GetNode(b)).properties.count("name") == 0);
  auto counts = Must(snap->Counts());
  CHECK(counts.nodes == 3);
  CHECK(counts.nodes_by_label["Person"] == 2);
  CHECK(counts.nodes_by_label["Place"] == 1);
  CHECK(counts.nodes_by_label.count("Official") == 0);
}

TEST_CASE("Store: adjacency in both directions with a type filter", "[storage]") {
  TempDir tmp;
  auto store = OpenWriter(tmp.path());
  auto txn = Begin(store.get());
  NodeId leavitt = Must(txn->CreateNode({"Person"}, {{"name", Value("Karoline Leavitt")}}));
  NodeId house = Must(txn->CreateNode({"Organization"}, {{"name", Value("White House")}}));
  NodeId plan = Must(txn->CreateNode({"Work"}, {{"name", Value("peace plan")}}));
  EdgeId spokes = Must(txn->CreateEdge("spokesperson_for", leavitt, house,
                                       {{"confidence", Value(0.9)}}));
  EdgeId supports = Must(txn->CreateEdge("supports", leavitt, plan, {}));
  EdgeId loop = Must(txn->CreateEdge("met-with", leavitt, leavitt, {}));
  CHECK(txn->CreateEdge("supports", leavitt, 9999, {}).status().code() == StatusCode::kNotFound);
  MustOk(txn->Commit());
  txn.reset();

  auto snap = store->Snapshot();
  auto edge = Must(snap->GetEdge(spokes));
  CHECK(edge.type == "spokesperson-for");
  CHECK(edge.source == leavitt);
  CHECK(edge.target == house);
  CHECK(edge.properties.at("confidence") == Value(0.9));

  auto out = Adjacent(*snap, leavitt, Direction::kOutgoing);
  CHECK(out.size() == 3);
  auto only = Adjacent(*snap, leavitt, Direction::kOutgoing, {"spokesperson_for"});
  REQUIRE(only.size() == 1);
  CHECK(only[0].edge == spokes);
  CHECK(only[0].type == "spokesperson-for");
  CHECK(only[0].other == house);
  CHECK(only[0].direction == Direction::kOutgoing);
  CHECK(Adjacent(*snap, leavitt, Direction::kOutgoing, {"spokesperson-for"}).size() == 1);
  CHECK(Adjacent(*snap, leavitt, Direction::kOutgoing, {"supports", "spokesperson-for"}).size() == 2);
  CHECK(Adjacent(*snap, leavitt, Direction::kOutgoing, {"no-such-type"}).empty());

  auto in = Adjacent(*snap, house, Direction::kIncoming);
  REQUIRE(in.size() == 1);
  CHECK(in[0].edge == spokes);
  CHECK(in[0].other == leavitt);
  CHECK(in[0].direction == Direction::kIncoming);
  CHECK(Adjacent(*snap, house, Direction::kOutgoing).empty());

  // The self-loop: once per direction, once for kBoth.
  CHECK(Adjacent(*snap, leavitt, Direction::kIncoming).size() == 1);
  auto both = Adjacent(*snap, leavitt, Direction::kBoth);
  CHECK(both.size() == 3);
  CHECK(std::count_if(both.begin(), both.end(), [&](const AdjacentEdge& e) { return e.edge == loop; }) == 1);
  CHECK(Adjacent(*snap, plan, Direction::kBoth, {"supports"}).at(0).edge == supports);

  // Stopping early.
  int seen = 0;
  MustOk(snap->ScanAdjacent(leavitt, Direction::kBoth, {}, [&](const AdjacentEdge&) {
    ++seen;
    return false;
  }));
  CHECK(seen == 1);

  auto counts = Must(snap->Counts());
  CHECK(counts.edges == 3);
  CHECK(counts.edges_by_type["spokesperson-for"] == 1);
  CHECK(snap->RelationshipTypes() == std::vector<std::string>{"met-with", "spokesperson-for", "supports"});

  std::vector<EdgeId> all;
  MustOk(snap->ScanEdges([&](EdgeId id) {
    all.push_back(id);
    return true;
  }));
  CHECK(all == std::vector<EdgeId>{spokes, supports, loop});
  std::vector<std::string> types;
  MustOk(snap->ScanEdgeRecords([&](const kg::Edge& e) {
    types.push_back(e.type);
    CHECK(e.source == leavitt);
    return true;
  }));
  CHECK(types == std::vector<std::string>{"spokesperson-for", "supports", "met-with"});
  std::vector<std::string> names;
  MustOk(snap->ScanNodeRecords([&](const kg::Node& n) {
    names.push_back(n.properties.at("name").as_string());
    return names.size() < 2;  // stops early
  }));
  CHECK(names == std::vector<std::string>{"Karoline Leavitt", "White House"});
}

TEST_CASE("Store: a transaction sees its own writes and nothing leaks before commit", "[storage]") {
  TempDir tmp;
  auto store = OpenWriter(tmp.path());
  auto txn = Begin(store.get());
  NodeId a = Must(txn->CreateNode({"Person"}, {{"name", Value("Ann")}}));
  NodeId b = Must(txn->CreateNode({"NewLabel"}, {{"name", Value("Bob")}, {"aliases", Value(ValueList{Value("B")})}}));
  EdgeId e = Must(txn->CreateEdge("brand-new-type", a, b, {{"k", Value("v")}}));

  // Own writes, including dictionary entries that are not committed yet.
  CHECK(Must(txn->GetNode(b)).labels == std::vector<std::string>{"NewLabel"});
  CHECK(Must(txn->GetEdge(e)).type == "brand-new-type");
  CHECK(WithLabel(*txn, "NewLabel") == std::vector<NodeId>{b});
  CHECK(Lookup(*txn, "aliases", Value("B")) == std::vector<NodeId>{b});
  CHECK(Adjacent(*txn, a, Direction::kOutgoing, {"brand_new_type"}).size() == 1);
  CHECK(Must(txn->Counts()).nodes == 2);

  // Others see nothing yet.
  auto before = store->Snapshot();
  CHECK(before->GetNode(a).status().code() == StatusCode::kNotFound);
  CHECK(Must(before->Counts()).nodes == 0);
  // One transaction at a time.
  CHECK(store->Begin().status().code() == StatusCode::kBusy);

  MustOk(txn->Commit());
  CHECK(txn->CreateNode({}, {}).status().code() == StatusCode::kInvalidArgument);
  txn.reset();

  // The old snapshot still sees the old store; a new one sees everything at once.
  CHECK(before->GetNode(a).status().code() == StatusCode::kNotFound);
  auto after = store->Snapshot();
  CHECK(Must(after->GetNode(a)).properties.at("name") == Value("Ann"));
  CHECK(Adjacent(*after, b, Direction::kIncoming).size() == 1);
  CHECK(Must(after->Counts()).edges == 1);
}

TEST_CASE("Store: an uncommitted transaction rolls back", "[storage]") {
  TempDir tmp;
  NodeId kept;
  {
    auto store = OpenWriter(tmp.path());
    auto txn = Begin(store.get());
    kept = Must(txn->CreateNode({"Person"}, {{"name", Value("Kept")}}));
    MustOk(txn->Commit());
    txn = Begin(store.get());
    NodeId dropped = Must(txn->CreateNode({"Ghost"}, {{"name", Value("Dropped")}}));
    MustOk(txn->SetNodeProperty(kept, "name", Value("Changed")));
    Must(txn->CreateEdge("haunts", dropped, kept, {}));
    txn.reset();  // never committed

    auto snap = store->Snapshot();
    CHECK(Must(snap->GetNode(kept)).properties.at("name") == Value("Kept"));
    CHECK(WithLabel(*snap, "Ghost").empty());
    CHECK(Lookup(*snap, "name", Value("Dropped")).empty());
    CHECK(Lookup(*snap, "name", Value("Kept")) == std::vector<NodeId>{kept});
    CHECK(Adjacent(*snap, kept, Direction::kBoth).empty());
    CHECK(Must(snap->Counts()).nodes == 1);
  }
  auto store = OpenReader(tmp.path());
  auto snap = store->Snapshot();
  CHECK(Must(snap->Counts()).nodes == 1);
  CHECK(Must(snap->Counts()).edges == 0);
}

TEST_CASE("Store: deleting nodes and relationships", "[storage]") {
  TempDir tmp;
  auto store = OpenWriter(tmp.path());
  auto txn = Begin(store.get());
  NodeId a = Must(txn->CreateNode({"Person"}, {{"name", Value("A")}}));
  NodeId b = Must(txn->CreateNode({"Person"}, {{"name", Value("B")}}));
  EdgeId ab = Must(txn->CreateEdge("met-with", a, b, {}));
  Must(txn->CreateEdge("supports", b, a, {}));
  MustOk(txn->Commit());
  txn = Begin(store.get());
  auto refused = txn->DeleteNode(a, /*detach=*/false);
  CHECK(refused.code() == StatusCode::kInvalidArgument);
  CHECK(refused.kind() == "DeleteConnectedNode");
  MustOk(txn->DeleteEdge(ab));
  CHECK(txn->DeleteEdge(ab).code() == StatusCode::kNotFound);
  MustOk(txn->DeleteNode(a, /*detach=*/true));
  MustOk(txn->Commit());
  txn.reset();
  auto snap = store->Snapshot();
  CHECK(snap->GetNode(a).status().code() == StatusCode::kNotFound);
  CHECK(Adjacent(*snap, b, Direction::kBoth).empty());
  CHECK(Lookup(*snap, "name", Value("A")).empty());
  CHECK(WithLabel(*snap, "Person") == std::vector<NodeId>{b});
  auto counts = Must(snap->Counts());
  CHECK(counts.nodes == 1);
  CHECK(counts.edges == 0);
  CHECK(counts.edges_by_type.empty());
}

TEST_CASE("Store: article index", "[storage]") {
  TempDir tmp;
  auto store = OpenWriter(tmp.path());
  auto txn = Begin(store.get());
  std::string sha(64, 'a');
  NodeId article = Must(txn->CreateNode({"Article"}, {{"sha256", Value(sha)}}));
  MustOk(txn->PutArticle(sha, article));
  CHECK(Must(txn->FindArticle(sha)) == std::optional<NodeId>(article));
  MustOk(txn->Commit());
  txn.reset();
  CHECK(Must(store->Snapshot()->FindArticle(sha)) == std::optional<NodeId>(article));
  CHECK(!Must(store->Snapshot()->FindArticle(std::string(64, 'b'))).has_value());
  txn = Begin(store.get());
  MustOk(txn->DeleteNode(article, false));
  MustOk(txn->Commit());
  CHECK(!Must(store->Snapshot()->FindArticle(sha)).has_value());
}

TEST_CASE("Store: folders that are not a store are refused untouched", "[storage]") {
  TempDir tmp;
  std::string dir = tmp.Sub("notes");
  fs::create_directories(dir);
  std::ofstream(dir + "/shopping.txt") << "milk\n";
  auto writer = Store::Open(dir, OpenOptions{});
  REQUIRE(!writer.ok());
  CHECK(writer.status().code() == StatusCode::kInvalidArgument);
  CHECK(writer.status().message() == dir + " is not a kg store");
  CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 1);

  OpenOptions read_only;
  read_only.read_only = true;
  CHECK(Store::Open(dir, read_only).status().code() == StatusCode::kInvalidArgument);
  auto missing = Store::Open(tmp.Sub("missing"), read_only);
  CHECK(missing.status().code() == StatusCode::kNotFound);
  CHECK(missing.status().message() == "no kg store at " + tmp.Sub("missing"));
  CHECK(!fs::exists(tmp.Sub("missing")));
  OpenOptions no_create;
  no_create.create_if_missing = false;
  CHECK(Store::Open(tmp.Sub("missing"), no_create).status().code() == StatusCode::kNotFound);

  // An empty folder becomes a store.
  fs::create_directories(tmp.Sub("empty"));
  CHECK(Store::Open(tmp.Sub("empty"), OpenOptions{}).ok());
}

TEST_CASE("Store: another format version is a corruption error", "[storage]") {
  TempDir tmp;
  { OpenWriter(tmp.path()); }
  {
    // Rewrite the version as a future kg would.
    rocksdb::DBOptions options;
    std::vector<std::string> names;
    REQUIRE(rocksdb::DB::ListColumnFamilies(options, tmp.path() + "/db", &names).ok());
    std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
    for (const auto& name : names) descriptors.emplace_back(name, rocksdb::ColumnFamilyOptions());
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    rocksdb::DB* db = nullptr;
    REQUIRE(rocksdb::DB::Open(options, tmp.path() + "/db", descriptors, &handles, &db).ok());
    size_t meta = std::find(names.begin(), names.end(), "meta") - names.begin();
    std::string version;
    kg::storage::PutFixed64BE(&version, 99);
    REQUIRE(db->Put(rocksdb::WriteOptions(), handles[meta], "format_version", version).ok());
    for (auto* h : handles) REQUIRE(db->DestroyColumnFamilyHandle(h).ok());
    delete db;
  }
  auto store = Store::Open(tmp.path(), OpenOptions{});
  REQUIRE(!store.ok());
  CHECK(store.status().code() == StatusCode::kCorruption);
  CHECK_THAT(store.status().message(), Catch::Contains("format version 99"));
  OpenOptions read_only;
  read_only.read_only = true;
  CHECK(Store::Open(tmp.path(), read_only).status().code() == StatusCode::kCorruption);
}

TEST_CASE("Store: a second writer is told who holds the store", "[storage]") {
  TempDir tmp;
  auto first = OpenWriter(tmp.path());
  auto second = Store::Open(tmp.path(), OpenOptions{});
  REQUIRE(!second.ok());
  CHECK(second.status().code() == StatusCode::kBusy);
  CHECK(second.status().message() ==
        "store " + tmp.path() + Cat(" is in use by process ", getpid()));
  // A reader in the same process does not wait for the writer either.
  {
    auto txn = Begin(first.get());
    Must(txn->CreateNode({"Person"}, {{"name", Value("Committed")}}));
    MustOk(txn->Commit());
  }
  auto reader = OpenReader(tmp.path());
  CHECK(Lookup(*reader->Snapshot(), "name", Value("Committed")).size() == 1);
  first.reset();
  CHECK(Store::Open(tmp.path(), OpenOptions{}).ok());
}

TEST_CASE("Store: a writer in another process blocks writers, not readers", "[storage]") {
  TempDir tmp;
  {
    auto store = OpenWriter(tmp.path());
    auto txn = Begin(store.get());
    Must(txn->CreateNode({"Person"}, {{"name", Value("Before")}}));
    MustOk(txn->Commit());
  }
  int ready[2], release[2];
  REQUIRE(pipe(ready) == 0);
  REQUIRE(pipe(release) == 0);
  pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    auto store = Store::Open(tmp.path(), OpenOptions{});
    if (!store.ok()) _exit(1);
    auto txn = (*store)->Begin();
    if (!txn.ok()) _exit(2);
    if (!(*txn)->CreateNode({"Person"}, {{"name", Value("During")}}).ok()) _exit(3);
    if (!(*txn)->Commit().ok()) _exit(4);
    char c = 'r';
    if (write(ready[1], &c, 1) != 1) _exit(5);
    if (read(release[0], &c, 1) != 1) _exit(6);
    _exit(0);
  }
  char c;
  REQUIRE(read(ready[0], &c, 1) == 1);
  auto writer = Store::Open(tmp.path(), OpenOptions{});
  CHECK(writer.status().code() == StatusCode::kBusy);
  CHECK(writer.status().message() ==
        "store " + tmp.path() + Cat(" is in use by process ", child));
  {
    // The reader opens while the writer runs and sees what it committed.
    auto reader = OpenReader(tmp.path());
    CHECK(reader->read_only());
    CHECK(reader->Begin().status().code() == StatusCode::kInvalidArgument);
    auto snap = reader->Snapshot();
    CHECK(Lookup(*snap, "name", Value("Before")).size() == 1);
    CHECK(Lookup(*snap, "name", Value("During")).size() == 1);
    CHECK(Must(snap->Counts()).nodes == 2);
  }
  REQUIRE(write(release[1], "x", 1) == 1);
  int status = 0;
  REQUIRE(waitpid(child, &status, 0) == child);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(Store::Open(tmp.path(), OpenOptions{}).ok());
}

TEST_CASE("Store: bulk loading is all at once", "[storage]") {
  TempDir tmp;
  auto store = OpenWriter(tmp.path());
  NodeId existing;
  {
    auto txn = Begin(store.get());
    existing = Must(txn->CreateNode({"Place"}, {{"name", Value("Kyiv")}}));
    MustOk(txn->Commit());
  }
  auto loader = Must(store->BeginBulkLoad());
  CHECK(store->Begin().status().code() == StatusCode::kBusy);
  std::vector<NodeId> people;
  for (int i = 0; i < 1000; ++i) {
    people.push_back(loader->AddNode({"Person"}, {{"name", Value(Cat("P", i))},
                                                 {"aliases", Value(ValueList{Value(Cat("alias", i % 10))})}}));
  }
  for (int i = 0; i < 1000; ++i) {
    loader->AddEdge("visited", people[i], existing, {});
    loader->AddEdge("met_with", people[i], people[(i * 7 + 1) % 1000], {{"confidence", Value(1.0)}});
  }
  CHECK(Must(store->Snapshot()->Counts()).nodes == 1);
  MustOk(loader->Finish());
  loader.reset();

  auto check = [&](const GraphReader& snap) {
    auto counts = Must(snap.Counts());
    CHECK(counts.nodes == 1001);
    CHECK(counts.edges == 2000);
    CHECK(counts.nodes_by_label["Person"] == 1000);
    CHECK(counts.edges_by_type["met-with"] == 1000);
    CHECK(Adjacent(snap, existing, Direction::kIncoming, {"visited"}).size() == 1000);
    CHECK(Lookup(snap, "name", Value("P512")) == std::vector<NodeId>{people[512]});
    CHECK(Lookup(snap, "aliases", Value("alias3")).size() == 100);
    CHECK(WithLabel(snap, "Person").size() == 1000);
    auto edges = Adjacent(snap, people[0], Direction::kOutgoing, {"met-with"});
    REQUIRE(edges.size() == 1);
    CHECK(Must(snap.GetEdge(edges[0].edge)).properties.at("confidence") == Value(1.0));
  };
  check(*store->Snapshot());
  store.reset();
  check(*OpenReader(tmp.path())->Snapshot());
  // Transactions go on after a bulk load, with fresh ids.
  store = OpenWriter(tmp.path());
  auto txn = Begin(store.get());
  NodeId later = Must(txn->CreateNode({"Person"}, {}));
  CHECK(later > people.back());
  MustOk(txn->Commit());
}

TEST_CASE("Store: a snapshot taken as soon as a bulk load is visible knows its new names",
          "[storage]") {
  // The loader's new labels, types and keys must be in the dictionary before a snapshot can
  // see its files (they were published after the ingestion, outside the write lock, and a
  // snapshot in between failed with "unknown relationship type id"). The hook takes a
  // snapshot at the first moment the ingestion is visible. In an empty store the snapshot
  // reads the topology the loader handed over; in a non-empty one, RocksDB.
  for (bool empty : {true, false}) {
    INFO((empty ? "empty store" : "store with a node"));
    TempDir tmp;
    auto store = OpenWriter(tmp.path());
    NodeId old = 0;
    if (!empty) {
      auto txn = Begin(store.get());
      old = Must(txn->CreateNode({"Place"}, {{"name", Value("Kyiv")}}));
      MustOk(txn->Commit());
    }
    auto loader = Must(store->BeginBulkLoad());
    NodeId a = loader->AddNode({"NewLabel"}, {{"name", Value("A")}, {"new_key", Value(int64_t{1})}});
    NodeId b = loader->AddNode({"NewLabel"}, {{"name", Value("B")}});
    EdgeId ab = loader->AddEdge("new_type", a, b, {{"new_edge_key", Value(int64_t{2})}});
    if (!empty) loader->AddEdge("other_new_type", b, old, {});
    int snapshots = 0;
    auto* impl = static_cast<kg::storage::StoreImpl*>(store.get());
    impl->SetAfterBulkIngestForTesting([&] {
      ++snapshots;
      auto snap = store->Snapshot();
      std::vector<std::string> types;
      auto scanned = snap->ScanAdjacent(b, Direction::kBoth, {}, [&](const AdjacentEdge& e) {
        types.push_back(e.type);
        return true;
      });
      INFO(scanned.message());
      CHECK(scanned.ok());
      CHECK(types.size() == (empty ? 1u : 2u));
      auto edge = snap->GetEdge(ab);
      INFO(edge.status().message());
      REQUIRE(edge.ok());
      CHECK(edge->type == "new-type");
      CHECK(edge->properties.at("new_edge_key") == Value(int64_t{2}));
      auto node = snap->GetNode(a);
      INFO(node.status().message());
      REQUIRE(node.ok());
      CHECK(node->labels == std::vector<std::string>{"NewLabel"});
      CHECK(node->properties.at("new_key") == Value(int64_t{1}));
      CHECK(Must(snap->GetNodeProperty(a, "new_key")) == Value(int64_t{1}));
      CHECK(Must(snap->Counts()).edges_by_type["new-type"] == 1);
    });
    MustOk(loader->Finish());
    impl->SetAfterBulkIngestForTesting(nullptr);
    CHECK(snapshots == 1);
  }
}

TEST_CASE("Store: a big bulk load (several SST files per column family), then a small sparse one",
          "[storage]") {
  TempDir tmp;
  auto store = OpenWriter(tmp.path());
  const int kNodes = 20000, kEdges = 300000;  // enough for the big column families to be split
  std::vector<NodeId> nodes;
  {
    auto loader = Must(store->BeginBulkLoad());
    for (int i = 0; i < kNodes; ++i)
      nodes.push_back(loader->AddNode({"Person"}, {{"name", Value(Cat("P", i))}}));
    for (int i = 0; i < kEdges; ++i) {
      // Node 0 is a hub; the types alternate so that a node's keys interleave by type.
      NodeId source = nodes[i % 3 == 0 ? 0 : (int64_t{i} * 7919) % kNodes];
      NodeId target = nodes[(int64_t{i} * 104729 + 1) % kNodes];
      kg::PropertyMap properties = {{"confidence", Value(i % 1000 == 0 ? 0.5 : 1.0)}};
      loader->AddEdge(i % 2 ? "supports" : "opposes", source, target, properties);
    }
    MustOk(loader->Finish());
  }
  auto check_order = [&](const GraphReader& snap, NodeId node, Direction direction) {
    auto edges = Adjacent(snap, node, direction, {});
    // Key order: type id ("opposes" was added first), other end, edge id.
    auto rank = [](const AdjacentEdge& e) {
      return std::tuple(e.type == "supports", e.other, e.edge);
    };
    for (size_t i = 1; i < edges.size(); ++i) CHECK(rank(edges[i - 1]) < rank(edges[i]));
    return edges.size();
  };
  {
    auto snap = store->Snapshot();
    auto counts = Must(snap->Counts());
    CHECK(counts.edges == kEdges);
    CHECK(counts.edges_by_type["supports"] == kEdges / 2);
    size_t out = 0, in = 0;
    for (NodeId node : {nodes[0], nodes[1], nodes[kNodes / 2], nodes[kNodes - 1]}) {
      out += check_order(*snap, node, Direction::kOutgoing);
      in += check_order(*snap, node, Direction::kIncoming);
    }
    CHECK(out > kEdges / 3);
    size_t total_out = 0, total_in = 0;
    for (NodeId node : nodes) {
      total_out += Adjacent(*snap, node, Direction::kOutgoing, {}).size();
      total_in += Adjacent(*snap, node, Direction::kIncoming, {}).size();
    }
    CHECK(total_out == kEdges);
    CHECK(total_in == kEdges);
    // Records carry their own properties, shared encodings or not.
    auto hub = Adjacent(*snap, nodes[0], Direction::kOutgoing, {"opposes"});
    REQUIRE(!hub.empty());
    auto first = Must(snap->GetEdge(0));
    CHECK(first.source == nodes[0]);
    CHECK(first.properties.at("confidence") == Value(0.5));
    CHECK(Must(snap->GetEdge(1)).properties.at("confidence") == Value(1.0));
    CHECK(Must(snap->GetEdge(kEdges - 1)).type == "supports");
  }
  // A few relationships between nodes far apart in id: the loader sorts them by rank.
  EdgeId added;
  {
    auto loader = Must(store->BeginBulkLoad());
    added = loader->AddEdge("met_with", nodes[kNodes - 1], nodes[3], {});
    loader->AddEdge("met_with", nodes[kNodes - 1], nodes[2], {});
    loader->AddEdge("met_with", nodes[5], nodes[kNodes - 1], {});
    MustOk(loader->Finish());
  }
  auto snap = store->Snapshot();
  auto met = Adjacent(*snap, nodes[kNodes - 1], Direction::kOutgoing, {"met-with"});
  REQUIRE(met.size() == 2);
  CHECK(met[0].other == nodes[2]);
  CHECK(met[1].other == nodes[3]);
  CHECK(met[1].edge == added);
  CHECK(Adjacent(*snap, nodes[kNodes - 1], Direction::kIncoming, {"met_with"}).size() == 1);
  CHECK(Must(snap->Counts()).edges == kEdges + 3);
}

TEST_CASE("Store: leftovers of an unfinished creation are replaced, other folders kept", "[storage]") {
  TempDir tmp;
  // A creation killed half way: kg.lock and a db.new/ with some files.
  std::string dir = tmp.Sub("half");
  fs::create_directories(dir + "/db.new");
  std::ofstream(dir + "/kg.lock") << "12345\n";
  std::ofstream(dir + "/db.new/MANIFEST-000001") << "partial";
  {
    auto store = OpenWriter(dir);
    auto txn = Begin(store.get());
    Must(txn->CreateNode({"Person"}, {}));
    MustOk(txn->Commit());
  }
  CHECK(!fs::exists(dir + "/db.new"));
  CHECK(Must(OpenReader(dir)->Snapshot()->Counts()).nodes == 1);

  // Someone's folder that happens to hold a db/ is not ours.
  std::string other = tmp.Sub("other");
  fs::create_directories(other + "/db");
  std::ofstream(other + "/db/data.sqlite") << "x";
  CHECK(Store::Open(other, OpenOptions{}).status().code() == StatusCode::kInvalidArgument);
  CHECK(fs::exists(other + "/db/data.sqlite"));
  CHECK(!fs::exists(other + "/kg.lock"));
}

TEST_CASE("Store: readers open while the writer commits and compacts", "[storage]") {
  TempDir tmp;
  auto writer = OpenWriter(tmp.path());
  std::atomic<bool> done{false};
  std::thread churn([&] {
    for (int i = 0; i < 60; ++i) {
      auto txn = writer->Begin();
      if (!txn.ok()) break;
      // A new label per transaction: a torn view would count nodes of a label it cannot name.
      std::string label = Cat("L", i);
      for (int j = 0; j < 25; ++j) {
        if (!(*txn)->CreateNode({label}, {{"name", Value(Cat("P", i * 25 + j))}}).ok()) break;
      }
      if (!(*txn)->Commit().ok()) break;
      if (i % 3 == 2 && !writer->Compact().ok()) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    done = true;
  });
  int opens = 0;
  uint64_t last = 0;
  while (!done || opens < 5) {
    auto reader = Store::Open(tmp.path(), OpenOptions{true, false});
    INFO(reader.status().message());
    REQUIRE(reader.ok());
    auto snap = (*reader)->Snapshot();
    auto counts = Must(snap->Counts());
    uint64_t scanned = 0;
    MustOk(snap->ScanNodes([&](NodeId) { return ++scanned, true; }));
    CHECK(scanned == counts.nodes);
    CHECK(counts.nodes % 25 == 0);  // whole transactions only
    CHECK(counts.nodes_by_label.size() == counts.nodes / 25);
    CHECK(counts.nodes >= last);
    last = counts.nodes;
    ++opens;
  }
  churn.join();
  CHECK(Must(writer->Snapshot()->Counts()).nodes == 1500);
  WARN(opens << " read-only opens during the writes");
}

TEST_CASE("Store: id-based adjacency, counts and scans by type agree with the name-based ones",
          "[storage]") {
  TempDir tmp;
  auto store = OpenWriter(tmp.path());
  auto txn = Begin(store.get());
  NodeId a = Must(txn->CreateNode({"Person"}, {{"name", Value("A")}}));
  NodeId b = Must(txn->CreateNode({"Person"}, {{"name", Value("B")}}));
  NodeId c = Must(txn->CreateNode({"Work"}, {{"name", Value("C")}}));
  EdgeId ab = Must(txn->CreateEdge("met_with", a, b, {}));
  EdgeId ac = Must(txn->CreateEdge("supports", a, c, {}));
  EdgeId bc = Must(txn->CreateEdge("supports", b, c, {}));
  EdgeId aa = Must(txn->CreateEdge("met-with", a, a, {}));

  // The same answers from the transaction (its own writes) and, after commit, a snapshot.
  auto check = [&](const GraphReader& reader) {
    auto supports = reader.TypeId("supports");
    auto met = reader.TypeId("met_with");
    REQUIRE(supports.has_value());
    REQUIRE(met.has_value());
    CHECK(reader.TypeId("met-with") == met);
    CHECK_FALSE(reader.TypeId("no-such-type").has_value());
    CHECK(reader.TypeName(*met) == "met-with");

    auto ends = Must(reader.GetEdgeEnds(ac));
    CHECK(ends.edge == ac);
    CHECK(ends.type == *supports);
    CHECK(ends.source == a);
    CHECK(ends.target == c);
    CHECK(reader.GetEdgeEnds(9999).status().code() == StatusCode::kNotFound);
    CHECK(Must(reader.GetNodeProperty(b, "name")) == Value("B"));
    CHECK(Must(reader.GetNodeProperty(b, "age")).is_null());
    CHECK(reader.GetNodeProperty(9999, "name").status().code() == StatusCode::kNotFound);

    std::vector<kg::storage::AdjacentRef> refs;
    MustOk(reader.ScanAdjacentRefs(a, Direction::kOutgoing, {*supports},
                                   [&](const kg::storage::AdjacentRef& r) {
                                     refs.push_back(r);
                                     return true;
                                   }));
    REQUIRE(refs.size() == 1);
    CHECK(refs[0].edge == ac);
    CHECK(refs[0].type == *supports);
    CHECK(refs[0].other == c);
    CHECK(refs[0].direction == Direction::kOutgoing);

    CHECK(Must(reader.CountAdjacent(a, Direction::kBoth, {})) == 3);  // the loop once
    CHECK(Must(reader.CountAdjacent(a, Direction::kOutgoing, {})) == 3);
    CHECK(Must(reader.CountAdjacent(c, Direction::kIncoming, {*supports})) == 2);
    CHECK(Must(reader.CountAdjacent(c, Direction::kIncoming, {*met})) == 0);
    CHECK(Must(reader.CountAdjacent(a, Direction::kIncoming, {*met, *supports})) == 1);

    std::vector<EdgeId> by_type;
    MustOk(reader.ScanEdgesByType({*supports}, [&](const kg::storage::EdgeEnds& e) {
      CHECK(e.type == *supports);
      CHECK(e.target == c);
      by_type.push_back(e.edge);
      return true;
    }));
    std::sort(by_type.begin(), by_type.end());
    CHECK(by_type == std::vector<EdgeId>{ac, bc});
    std::vector<EdgeId> every;
    MustOk(reader.ScanEdgesByType({}, [&](const kg::storage::EdgeEnds& e) {
      every.push_back(e.edge);
      if (e.edge == aa) CHECK((e.source == a && e.target == a));
      return true;
    }));
    std::sort(every.begin(), every.end());
    CHECK(every == std::vector<EdgeId>{ab, ac, bc, aa});
    int seen = 0;
    MustOk(reader.ScanEdgesByType({}, [&](const kg::storage::EdgeEnds&) { return ++seen < 2; }));
    CHECK(seen == 2);
  };
  SECTION("in the transaction") { check(*txn); }
  SECTION("in a snapshot") {
    MustOk(txn->Commit());
    txn.reset();
    check(*store->Snapshot());
  }
}
