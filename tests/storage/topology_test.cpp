// The read caches of snapshots (in-memory topology, node property columns) against RocksDB:
// same answers for every read, and never an answer from another generation.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <random>
#include <sstream>
#include <thread>

#include "storage/store.h"
#include "storage/store_internal.h"
#include "tests/storage/test_util.h"

namespace fs = std::filesystem;
using kg::Direction;
using kg::EdgeId;
using kg::NodeId;
using kg::StatusCode;
using kg::Value;
using kg::ValueList;
using kg::storage::AdjacentEdge;
using kg::storage::AdjacentRef;
using kg::storage::EdgeEnds;
using kg::storage::GraphReader;
using kg::storage::OpenOptions;
using kg::storage::ReadCacheMode;
using kg::storage::Store;
using kg::storage::Transaction;
using kg::storage::NodeColumn;
using kg::storage::StoreImpl;
using kg::storage::Topology;

using namespace kg::storage::testing;

namespace {

std::unique_ptr<Store> Open(const std::string& dir, ReadCacheMode mode = ReadCacheMode::kAuto) {
  OpenOptions options;
  options.read_cache = mode;
  auto store = Store::Open(dir, options);
  INFO(store.status().message());
  REQUIRE(store.ok());
  return std::move(store).value();
}

const char* DirectionName(Direction d) {
  return d == Direction::kOutgoing ? "out" : d == Direction::kIncoming ? "in" : "both";
}

std::string Show(const Value& v) { return v.is_string() ? "'" + v.as_string() + "'" : v.is_null() ? "null" : "v"; }

// Everything a reader answers about the graph, as text: two readers agree iff the texts do.
// Visit orders are part of the answer except for ScanEdgesByType (unordered by contract).
std::string Describe(const GraphReader& reader, uint64_t node_limit, uint64_t edge_limit) {
  std::ostringstream out;
  std::vector<std::string> type_names = reader.RelationshipTypes();
  std::vector<uint32_t> type_ids;
  for (const std::string& name : type_names) type_ids.push_back(*reader.TypeId(name));
  std::vector<std::vector<uint32_t>> id_filters = {{}};
  for (uint32_t id : type_ids) id_filters.push_back({id});
  if (type_ids.size() >= 3) {
    id_filters.push_back({type_ids[2], type_ids[0], type_ids[2]});  // unsorted, repeated
  }
  id_filters.push_back({9999});  // a type id no relationship has
  std::vector<std::vector<std::string>> name_filters = {{}, {"no-such-type"}};
  for (const std::string& name : type_names) name_filters.push_back({name});
  if (type_names.size() >= 2) name_filters.push_back({type_names[1], type_names[0]});

  for (NodeId n = 0; n < node_limit; ++n) {
    for (Direction d : {Direction::kOutgoing, Direction::kIncoming, Direction::kBoth}) {
      for (const auto& filter : name_filters) {
        out << "adj " << n << ' ' << DirectionName(d) << ' ' << filter.size() << ':';
        std::vector<std::string> spelled = filter;
        for (std::string& t : spelled) std::replace(t.begin(), t.end(), '-', '_');
        MustOk(reader.ScanAdjacent(n, d, spelled, [&](const AdjacentEdge& e) {
          out << ' ' << e.edge << '/' << e.type << '/' << e.other << '/' << DirectionName(e.direction);
          return true;
        }));
        out << '\n';
      }
      for (const auto& filter : id_filters) {
        out << "refs " << n << ' ' << DirectionName(d) << ' ' << filter.size() << ':';
        MustOk(reader.ScanAdjacentRefs(n, d, filter, [&](const AdjacentRef& e) {
          out << ' ' << e.edge << '/' << e.type << '/' << e.other << '/' << DirectionName(e.direction);
          return true;
        }));
        out << " count " << Must(reader.CountAdjacent(n, d, filter));
        // Stopping early: the first two entries only.
        int seen = 0;
        MustOk(reader.ScanAdjacentRefs(n, d, filter, [&](const AdjacentRef& e) {
          out << " first " << e.edge;
          return ++seen < 2;
        }));
        out << '\n';
      }
    }
    for (const char* key : {"name", "aliases", "age", "no-such-key"}) {
      auto value = reader.GetNodeProperty(n, key);
      out << "prop " << n << ' ' << key << ' '
          << (value.ok() ? Show(*value) : std::to_string(static_cast<int>(value.status().code())))
          << '\n';
    }
  }
  for (EdgeId e = 0; e < edge_limit; ++e) {
    auto ends = reader.GetEdgeEnds(e);
    out << "ends " << e << ' ';
    if (ends.ok()) {
      out << ends->edge << '/' << ends->type << '/' << ends->source << '/' << ends->target << '\n';
    } else {
      out << static_cast<int>(ends.status().code()) << '\n';
    }
  }
  for (const auto& filter : id_filters) {
    std::vector<std::string> rows;
    MustOk(reader.ScanEdgesByType(filter, [&](const EdgeEnds& e) {
      rows.push_back(std::to_string(e.edge) + '/' + std::to_string(e.type) + '/' +
                     std::to_string(e.source) + '/' + std::to_string(e.target));
      return true;
    }));
    std::sort(rows.begin(), rows.end());
    out << "by type " << filter.size() << ':';
    for (const std::string& row : rows) out << ' ' << row;
    out << '\n';
    int seen = 0;
    MustOk(reader.ScanEdgesByType(filter, [&](const EdgeEnds&) { return ++seen < 3; }));
    out << "stopped after " << seen << '\n';
  }
  return out.str();
}

struct RandomGraph {
  uint64_t node_limit = 0;
  uint64_t edge_limit = 0;
};

// Nodes with and without names, typed relationships with self-loops and parallel edges,
// then some deletions, so that ids have holes.
RandomGraph MakeRandomGraph(Store* store, uint32_t seed, int nodes, int edges) {
  std::mt19937 rng(seed);
  const std::vector<std::string> types = {"supports", "opposes", "met_with", "part-of", "said"};
  auto txn = Begin(store);
  std::vector<NodeId> ids;
  for (int i = 0; i < nodes; ++i) {
    kg::PropertyMap properties;
    if (rng() % 5 != 0) properties["name"] = Value("n" + std::to_string(i));
    if (rng() % 3 == 0) properties["aliases"] = Value(ValueList{Value("a" + std::to_string(i))});
    if (rng() % 4 == 0) properties["age"] = Value(static_cast<int64_t>(rng() % 90));
    ids.push_back(Must(txn->CreateNode({rng() % 2 ? "Person" : "Place"}, std::move(properties))));
  }
  std::vector<EdgeId> edge_ids;
  for (int i = 0; i < edges; ++i) {
    // Skewed towards the first nodes, so that some have many relationships.
    NodeId source = ids[std::min<size_t>(rng() % nodes, rng() % nodes)];
    NodeId target = rng() % 10 == 0 ? source : ids[rng() % nodes];
    if (rng() % 8 == 0 && !edge_ids.empty()) {  // a parallel edge
      auto ends = Must(txn->GetEdgeEnds(edge_ids.back()));
      source = ends.source;
      target = ends.target;
    }
    edge_ids.push_back(Must(txn->CreateEdge(types[rng() % types.size()], source, target, {})));
  }
  for (int i = 0; i < edges / 20; ++i) {
    (void)txn->DeleteEdge(edge_ids[rng() % edge_ids.size()]);  // may be gone already
  }
  MustOk(txn->DeleteNode(ids[nodes / 2], /*detach=*/true));
  MustOk(txn->Commit());
  return RandomGraph{ids.back() + 3, edge_ids.back() + 3};
}

// The same kind of graph through a bulk loader, onto `existing` nodes (maybe none): nodes with
// and without names, self-loops, parallel relationships, a hub, types spelled with '_'.
RandomGraph BulkLoadRandomGraph(Store* store, uint32_t seed, int nodes, int edges,
                                const std::vector<NodeId>& existing = {}) {
  std::mt19937 rng(seed);
  const std::vector<std::string> types = {"supports", "opposes", "met_with", "part-of", "said"};
  auto loader = Must(store->BeginBulkLoad());
  std::vector<NodeId> ids = existing;
  for (int i = 0; i < nodes; ++i) {
    kg::PropertyMap properties;
    if (rng() % 5 != 0) properties["name"] = Value("b" + std::to_string(i));
    if (rng() % 3 == 0) properties["aliases"] = Value(ValueList{Value("a" + std::to_string(i))});
    if (rng() % 4 == 0) properties["age"] = Value(static_cast<int64_t>(rng() % 90));
    ids.push_back(loader->AddNode({rng() % 2 ? "Person" : "Place"}, std::move(properties)));
  }
  EdgeId last = 0;
  NodeId source = ids[0], target = ids[0];
  for (int i = 0; i < edges; ++i) {
    if (rng() % 8 != 0) {  // else a parallel relationship
      source = ids[std::min<size_t>(rng() % ids.size(), rng() % ids.size())];
      target = rng() % 10 == 0 ? source : ids[rng() % ids.size()];
    }
    last = loader->AddEdge(types[rng() % types.size()], source, target,
                           {{"confidence", Value(rng() % 3 ? 1.0 : 0.5)}});
  }
  MustOk(loader->Finish());
  return RandomGraph{ids.back() + 3, last + 3};
}

StoreImpl* Impl(Store* store) { return static_cast<StoreImpl*>(store); }

// The caches of the store's current generation, if any.
std::shared_ptr<const Topology> CachedTopology(Store* store) {
  return Impl(store)->read_cache().topology(store->read_cache_stats().generation);
}

std::shared_ptr<const NodeColumn> CachedNameColumn(Store* store) {
  std::optional<uint32_t> name = Impl(store)->FindDictId(kg::storage::DictKind::kKey, "name");
  if (!name) return nullptr;
  return Impl(store)->read_cache().column(store->read_cache_stats().generation, *name);
}

uint64_t Count(const GraphReader& reader, NodeId node, Direction d,
               const std::vector<uint32_t>& types = {}) {
  return Must(reader.CountAdjacent(node, d, types));
}

uint64_t CountByType(const GraphReader& reader, const std::vector<uint32_t>& types = {}) {
  uint64_t n = 0;
  MustOk(reader.ScanEdgesByType(types, [&](const EdgeEnds&) {
    ++n;
    return true;
  }));
  return n;
}

}  // namespace

TEST_CASE("Topology: the read caches answer as RocksDB does, on random graphs", "[storage]") {
  for (uint32_t seed : {1u, 2u, 3u}) {
    TempDir tmp;
    RandomGraph graph;
    std::string expected;
    {
      auto store = Open(tmp.path(), ReadCacheMode::kOff);
      graph = MakeRandomGraph(store.get(), seed, 60 + 40 * seed, 400 * seed);
      MustOk(store->WarmTopology());  // a no-op when off
      CHECK(store->read_cache_stats().topology_bytes == 0);
      expected = Describe(*store->Snapshot(), graph.node_limit, graph.edge_limit);
    }
    auto store = Open(tmp.path());
    MustOk(store->WarmTopology());
    auto stats = store->read_cache_stats();
    CHECK(stats.topology_bytes > 0);
    CHECK(stats.columns == 1);  // name
    std::string cached = Describe(*store->Snapshot(), graph.node_limit, graph.edge_limit);
    CHECK(cached == expected);
    CHECK(store->read_cache_stats().topology_builds == 1);
    // A transaction never uses them, and answers the same.
    auto txn = Begin(store.get());
    CHECK(Describe(*txn, graph.node_limit, graph.edge_limit) == expected);
  }
}

TEST_CASE("Topology: a bulk load into an empty store hands over the caches a scan would build",
          "[storage]") {
  for (uint32_t seed : {1u, 2u, 3u}) {
    INFO("seed " << seed);
    TempDir tmp;
    RandomGraph graph;
    std::shared_ptr<const Topology> handed;
    std::shared_ptr<const NodeColumn> handed_names;
    std::string cached;
    {
      auto store = Open(tmp.path());
      // Seed 3: a store whose nodes and relationships were all deleted, so that the load's
      // ids start above 0 (holes at the front) in an empty store.
      if (seed == 3) {
        auto txn = Begin(store.get());
        NodeId a = Must(txn->CreateNode({"Person"}, {{"name", Value("gone")}}));
        Must(txn->CreateEdge("supports", a, a, {}));
        MustOk(txn->DeleteNode(a, /*detach=*/true));
        MustOk(txn->Commit());
      }
      graph = BulkLoadRandomGraph(store.get(), seed, 50 + 50 * seed, 500 * seed);
      auto stats = store->read_cache_stats();
      CHECK(stats.topology_handovers == 1);
      CHECK(stats.column_handovers == 1);
      handed = CachedTopology(store.get());
      handed_names = CachedNameColumn(store.get());
      REQUIRE(handed);
      REQUIRE(handed_names);
      MustOk(store->WarmTopology());  // nothing left to build
      CHECK(store->read_cache_stats().topology_builds == 0);
      CHECK(store->read_cache_stats().column_builds == 0);
      cached = Describe(*store->Snapshot(), graph.node_limit, graph.edge_limit);
    }
    // The same store opened again builds its caches by scanning RocksDB.
    {
      auto store = Open(tmp.path());
      MustOk(store->WarmTopology());
      CHECK(store->read_cache_stats().topology_builds == 1);
      auto scanned = CachedTopology(store.get());
      auto scanned_names = CachedNameColumn(store.get());
      REQUIRE(scanned);
      REQUIRE(scanned_names);
      CHECK(*handed == *scanned);
      CHECK(*handed_names == *scanned_names);
    }
    auto plain = Open(tmp.path(), ReadCacheMode::kOff);
    CHECK(Describe(*plain->Snapshot(), graph.node_limit, graph.edge_limit) == cached);
  }
}

TEST_CASE("Topology: a bulk load into a non-empty store hands over only what it knows whole",
          "[storage]") {
  TempDir tmp;
  auto store = Open(tmp.path());
  // Nodes but no relationships: the topology after the load is the load's alone, the name
  // column is not.
  std::vector<NodeId> existing;
  {
    auto txn = Begin(store.get());
    for (int i = 0; i < 20; ++i) {
      existing.push_back(Must(txn->CreateNode({"Place"}, {{"name", Value("p" + std::to_string(i))}})));
    }
    MustOk(txn->Commit());
  }
  RandomGraph graph = BulkLoadRandomGraph(store.get(), 11, 100, 800, existing);
  auto stats = store->read_cache_stats();
  CHECK(stats.topology_handovers == 1);
  CHECK(stats.column_handovers == 0);
  REQUIRE(CachedTopology(store.get()));
  {
    std::string cached = Describe(*store->Snapshot(), graph.node_limit, graph.edge_limit);
    auto txn = Begin(store.get());  // reads RocksDB only
    CHECK(Describe(*txn, graph.node_limit, graph.edge_limit) == cached);
  }
  // With relationships stored, the next load hands over nothing; scans build the caches.
  RandomGraph second = BulkLoadRandomGraph(store.get(), 12, 60, 900, {existing[0], existing[1]});
  CHECK(store->read_cache_stats().topology_handovers == 1);
  CHECK(CachedTopology(store.get()) == nullptr);
  MustOk(store->WarmTopology());
  CHECK(store->read_cache_stats().topology_builds == 1);
  CHECK(store->read_cache_stats().column_builds == 1);
  std::string cached = Describe(*store->Snapshot(), second.node_limit, second.edge_limit);
  store.reset();
  auto plain = Open(tmp.path(), ReadCacheMode::kOff);
  CHECK(Describe(*plain->Snapshot(), second.node_limit, second.edge_limit) == cached);
}

TEST_CASE("Topology: a bulk load with the read caches off hands over nothing", "[storage]") {
  TempDir tmp;
  auto store = Open(tmp.path(), ReadCacheMode::kOff);
  BulkLoadRandomGraph(store.get(), 5, 30, 100);
  auto stats = store->read_cache_stats();
  CHECK(stats.topology_handovers == 0);
  CHECK(stats.column_handovers == 0);
  CHECK(stats.topology_bytes == 0);
}

TEST_CASE("Topology: a snapshot keeps its generation's answers across commits", "[storage]") {
  TempDir tmp;
  auto store = Open(tmp.path());
  auto txn = Begin(store.get());
  NodeId a = Must(txn->CreateNode({"Person"}, {{"name", Value("A")}}));
  NodeId b = Must(txn->CreateNode({"Person"}, {{"name", Value("B")}}));
  Must(txn->CreateEdge("supports", a, b, {}));
  MustOk(txn->Commit());
  txn.reset();
  uint64_t generation = store->read_cache_stats().generation;

  auto before_warm = store->Snapshot();  // no cache yet for this generation
  MustOk(store->WarmTopology());
  auto warmed = store->Snapshot();
  CHECK(Count(*warmed, a, Direction::kOutgoing) == 1);
  CHECK(Must(warmed->GetNodeProperty(b, "name")) == Value("B"));

  txn = Begin(store.get());
  NodeId c = Must(txn->CreateNode({"Person"}, {{"name", Value("C")}}));
  EdgeId ac = Must(txn->CreateEdge("opposes", a, c, {}));
  MustOk(txn->SetNodeProperty(b, "name", Value("B2")));
  // The transaction sees its own writes, never the cache.
  CHECK(Count(*txn, a, Direction::kOutgoing) == 2);
  CHECK(CountByType(*txn) == 2);
  CHECK(Must(txn->GetNodeProperty(b, "name")) == Value("B2"));
  CHECK(Must(txn->GetEdgeEnds(ac)).target == c);
  MustOk(txn->Commit());
  txn.reset();
  CHECK(store->read_cache_stats().generation == generation + 1);
  CHECK(store->read_cache_stats().topology_bytes == 0);  // the old generation's is let go

  auto after = store->Snapshot();
  MustOk(store->WarmTopology());  // a cache for the new generation
  auto after_warm = store->Snapshot();
  for (const GraphReader* old : {before_warm.get(), warmed.get()}) {
    CHECK(Count(*old, a, Direction::kOutgoing) == 1);
    CHECK(CountByType(*old) == 1);
    CHECK(old->GetEdgeEnds(ac).status().code() == StatusCode::kNotFound);
    CHECK(old->GetNodeProperty(c, "name").status().code() == StatusCode::kNotFound);
    CHECK(Must(old->GetNodeProperty(b, "name")) == Value("B"));
  }
  for (const GraphReader* now : {after.get(), after_warm.get()}) {
    CHECK(Count(*now, a, Direction::kOutgoing) == 2);
    CHECK(Count(*now, c, Direction::kIncoming, {*now->TypeId("opposes")}) == 1);
    CHECK(CountByType(*now) == 2);
    CHECK(Must(now->GetEdgeEnds(ac)).target == c);
    CHECK(Must(now->GetNodeProperty(b, "name")) == Value("B2"));
    CHECK(Must(now->GetNodeProperty(c, "name")) == Value("C"));
  }
}

TEST_CASE("Topology: a bulk load starts a new generation", "[storage]") {
  TempDir tmp;
  auto store = Open(tmp.path());
  auto txn = Begin(store.get());
  NodeId a = Must(txn->CreateNode({"Person"}, {{"name", Value("A")}}));
  NodeId b = Must(txn->CreateNode({"Person"}, {{"name", Value("B")}}));
  Must(txn->CreateEdge("supports", a, b, {}));
  MustOk(txn->Commit());
  txn.reset();
  MustOk(store->WarmTopology());
  auto old = store->Snapshot();
  CHECK(CountByType(*old) == 1);
  uint64_t builds = store->read_cache_stats().topology_builds;

  auto loader = Must(store->BeginBulkLoad());
  NodeId c = loader->AddNode({"Person"}, {{"name", Value("C")}});
  loader->AddEdge("supports", c, a, {});
  loader->AddEdge("opposes", a, c, {});
  MustOk(loader->Finish());
  loader.reset();

  auto fresh = store->Snapshot();
  CHECK(CountByType(*fresh) == 3);  // builds the cache of the new generation
  CHECK(store->read_cache_stats().topology_builds == builds + 1);
  CHECK(Count(*fresh, a, Direction::kBoth) == 3);
  CHECK(Must(fresh->GetNodeProperty(c, "name")) == Value("C"));
  CHECK(CountByType(*old) == 1);
  CHECK(Count(*old, a, Direction::kBoth) == 1);
}

TEST_CASE("Topology: scans by type build the cache, other reads only after enough work",
          "[storage]") {
  TempDir tmp;
  auto store = Open(tmp.path());
  MakeRandomGraph(store.get(), 7, 50, 200);
  auto snapshot = store->Snapshot();
  CHECK(Count(*snapshot, 0, Direction::kBoth) > 0);
  CHECK(store->read_cache_stats().topology_builds == 0);  // one lookup builds nothing
  CHECK(CountByType(*snapshot) > 0);
  CHECK(store->read_cache_stats().topology_builds == 1);
  CHECK(store->read_cache_stats().topology_bytes > 0);

  // After a commit: adjacency reads build it once they have added up (50,000 work units at
  // this size, about 10 per call here), spread over several snapshots.
  auto txn = Begin(store.get());
  Must(txn->CreateEdge("supports", 1, 2, {}));
  MustOk(txn->Commit());
  txn.reset();
  uint64_t expected = Count(*store->Snapshot(), 1, Direction::kBoth);
  int calls = 0;
  while (store->read_cache_stats().topology_builds == 1 && calls < 20000) {
    auto reader = store->Snapshot();
    for (int i = 0; i < 1000; ++i, ++calls) REQUIRE(Count(*reader, 1, Direction::kBoth) == expected);
  }
  CHECK(store->read_cache_stats().topology_builds == 2);
  CHECK(calls > 2000);
  CHECK(Count(*store->Snapshot(), 1, Direction::kBoth) == expected);

  // The name column after 5,000 reads through RocksDB.
  CHECK(store->read_cache_stats().columns == 0);
  auto reader = store->Snapshot();
  for (int i = 0; i < 6000; ++i) (void)reader->GetNodeProperty(i % 50, "name");
  CHECK(store->read_cache_stats().columns == 1);
  CHECK(Must(reader->GetNodeProperty(3, "name")) == Value("n3"));
}

TEST_CASE("Topology: snapshots on several threads while the writer commits", "[storage]") {
  TempDir tmp;
  auto store = Open(tmp.path());
  auto txn = Begin(store.get());
  NodeId hub = Must(txn->CreateNode({"Person"}, {{"name", Value("hub")}}));
  std::vector<NodeId> spokes;
  for (int i = 0; i < 20; ++i) spokes.push_back(Must(txn->CreateNode({"Place"}, {})));
  MustOk(txn->Commit());
  txn.reset();

  std::atomic<bool> done{false};
  std::atomic<int> checks{0}, mismatches{0};
  auto reader = [&](int seed) {
    std::mt19937 rng(seed);
    while (!done.load()) {
      if (rng() % 4 == 0) (void)store->WarmTopology();
      auto snapshot = store->Snapshot();
      // Counters come from RocksDB, the rest from the cache when there is one: they must agree.
      auto counts = snapshot->Counts();
      if (!counts.ok()) continue;
      uint64_t by_type = 0;
      (void)snapshot->ScanEdgesByType({}, [&](const EdgeEnds&) { return ++by_type > 0; });
      auto out = snapshot->CountAdjacent(hub, Direction::kOutgoing, {});
      uint64_t adjacent = 0;
      (void)snapshot->ScanAdjacent(hub, Direction::kBoth, {}, [&](const AdjacentEdge&) {
        return ++adjacent > 0;
      });
      if (!out.ok() || *out != counts->edges || by_type != counts->edges || adjacent != counts->edges) {
        ++mismatches;
      }
      ++checks;
    }
  };
  std::vector<std::thread> readers;
  for (int i = 0; i < 3; ++i) readers.emplace_back(reader, i);
  // On a busy machine the 150 commits could all be done before any reader got a time slice.
  while (checks.load() == 0) std::this_thread::yield();
  for (int i = 0; i < 150; ++i) {
    auto writer = Begin(store.get());
    Must(writer->CreateEdge("supports", hub, spokes[i % spokes.size()], {}));
    MustOk(writer->Commit());
  }
  done = true;
  for (std::thread& t : readers) t.join();
  CHECK(mismatches.load() == 0);
  CHECK(checks.load() > 0);
  auto last = store->Snapshot();
  CHECK(Count(*last, hub, Direction::kOutgoing) == 150);
}

TEST_CASE("Topology: LookupNodes from the name column finds what the property index finds",
          "[storage]") {
  TempDir tmp;
  auto store = Open(tmp.path());
  auto txn = Begin(store.get());
  std::vector<NodeId> ids;
  // Shared names, numbers that meet across types (1 and 1.0), lists (each element indexed,
  // duplicates once), a node without a name, and non-ASCII text.
  const std::vector<Value> names = {
      Value("Kyiv"), Value("Kyiv"), Value("kyiv"), Value(int64_t{1}), Value(1.0), Value(1.5),
      Value(ValueList{Value("Kyiv"), Value("Kiev"), Value("Kiev")}), Value(), Value(true),
      Value("Київ"), Value(ValueList{Value(int64_t{1}), Value()})};
  for (const Value& name : names) {
    kg::PropertyMap properties;
    if (!name.is_null()) properties["name"] = name;
    properties["aliases"] = Value(ValueList{Value("x")});
    ids.push_back(Must(txn->CreateNode({"Place"}, properties)));
  }
  MustOk(txn->Commit());
  txn.reset();

  const std::vector<Value> probes = {
      Value("Kyiv"), Value("kyiv"), Value("Kiev"), Value(int64_t{1}), Value(1.0), Value(1.5),
      Value(true), Value(false), Value("Київ"), Value("nowhere"), Value(),
      Value(ValueList{Value("Kyiv")}), Value(int64_t{2})};
  auto lookup = [](const GraphReader& reader, const std::string& key, const Value& value) {
    std::vector<NodeId> found;
    MustOk(reader.LookupNodes(key, value, [&](NodeId id) {
      found.push_back(id);
      return true;
    }));
    return found;
  };
  auto through_rocks = store->Snapshot();
  MustOk(store->WarmTopology());
  CHECK(store->read_cache_stats().columns == 1);
  auto cached = store->Snapshot();
  for (const Value& probe : probes) {
    INFO(probe.ToCypher());
    std::vector<NodeId> expected = lookup(*through_rocks, "name", probe);
    CHECK(lookup(*cached, "name", probe) == expected);
    CHECK(lookup(*cached, "aliases", probe) == lookup(*through_rocks, "aliases", probe));
  }
  CHECK(lookup(*cached, "name", Value("Kyiv")) == std::vector<NodeId>{ids[0], ids[1], ids[6]});
  CHECK(lookup(*cached, "name", Value(int64_t{1})) == std::vector<NodeId>{ids[3], ids[4], ids[10]});
  // A visitor that stops is not called again.
  size_t calls = 0;
  MustOk(cached->LookupNodes("name", Value("Kyiv"), [&](NodeId) { return ++calls < 2; }));
  CHECK(calls == 2);
  CHECK(cached->LookupNodes("labels", Value("x"), [](NodeId) { return true; }).code() ==
        StatusCode::kInvalidArgument);

  // A later generation: the old snapshot keeps its answers, the new one sees the rename.
  txn = Begin(store.get());
  MustOk(txn->SetNodeProperty(ids[0], "name", Value("Lviv")));
  MustOk(txn->Commit());
  txn.reset();
  MustOk(store->WarmTopology());
  auto renamed = store->Snapshot();
  CHECK(lookup(*cached, "name", Value("Kyiv")) == std::vector<NodeId>{ids[0], ids[1], ids[6]});
  CHECK(lookup(*renamed, "name", Value("Kyiv")) == std::vector<NodeId>{ids[1], ids[6]});
  CHECK(lookup(*renamed, "name", Value("Lviv")) == std::vector<NodeId>{ids[0]});
}
