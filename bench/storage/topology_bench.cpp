// Snapshot reads of a gen.py graph three ways: the GraphReader defaults of before the read
// caches (names and whole records), the id-based reads through RocksDB, and the read caches
// (docs/storage.md, "Read caches"). Prints per-entry and per-call costs, the caches' build
// time and memory, and the storage-level equivalents of the peer benchmark's queries.
//
//   kg_topology_bench DATADIR [STORE]
//
// DATADIR holds gen.py's entities.csv, triples.tsv and samples.json. STORE (default: a
// temporary folder, removed afterwards) is loaded with ingest::ImportTriples when it is not a
// kg store yet, and kept when given, so that later runs skip the load.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bench/bench_util.h"
#include "ingest/ingester.h"
#include "storage/store.h"

namespace fs = std::filesystem;
using kg::Direction;
using kg::NodeId;
using kg::Value;
using kg::storage::AdjacentEdge;
using kg::storage::AdjacentRef;
using kg::storage::EdgeEnds;
using kg::storage::GraphReader;
using kg::storage::ReadCacheMode;
using kg::storage::Store;

using namespace kg::bench;

namespace {

// The reads, either as the snapshot answers them now (virtual) or by the GraphReader
// defaults that were all there was before the read caches (a qualified, non-virtual call,
// which still reads adjacency through the snapshot's ScanAdjacent and GetNode).
struct Reads {
  const GraphReader* r;
  bool old_defaults;

  kg::Status Refs(NodeId n, Direction d, const std::vector<uint32_t>& types,
                  const kg::storage::AdjacentRefVisitor& visit) const {
    return old_defaults ? r->GraphReader::ScanAdjacentRefs(n, d, types, visit)
                        : r->ScanAdjacentRefs(n, d, types, visit);
  }
  uint64_t Count(NodeId n, Direction d, const std::vector<uint32_t>& types) const {
    return Check(old_defaults ? r->GraphReader::CountAdjacent(n, d, types)
                              : r->CountAdjacent(n, d, types), "count");
  }
  kg::Status ByType(const std::vector<uint32_t>& types,
                    const kg::storage::EdgeEndsVisitor& visit) const {
    return old_defaults ? r->GraphReader::ScanEdgesByType(types, visit)
                        : r->ScanEdgesByType(types, visit);
  }
  Value Property(NodeId n, const char* key) const {
    return Check(old_defaults ? r->GraphReader::GetNodeProperty(n, key) : r->GetNodeProperty(n, key),
                 "property");
  }
  EdgeEnds Ends(uint64_t e) const {
    return Check(old_defaults ? r->GraphReader::GetEdgeEnds(e) : r->GetEdgeEnds(e), "edge ends");
  }
};

NodeId FindByName(const GraphReader& reader, const std::string& name) {
  NodeId found = ~NodeId{0};
  Check(reader.LookupNodes("name", Value(name), [&](NodeId id) {
    found = id;
    return false;
  }), "lookup");
  if (found == ~NodeId{0}) Die("no node named " + name);
  return found;
}

struct Samples {
  std::string hub;
  std::vector<std::string> onehop, twohop;
};

// One configuration's figures, printed as a table row each.
void Measure(const char* label, const GraphReader& reader, bool old_defaults, const Samples& samples,
             uint64_t node_limit, uint64_t edge_limit) {
  Reads reads{&reader, old_defaults};
  std::printf("\n## %s\n\n| measurement | value |\n|---|---:|\n", label);
  auto row = [](const char* what, double value, const char* unit) {
    std::printf("| %s | %.3g %s |\n", what, value, unit);
  };
  NodeId hub = FindByName(reader, samples.hub);

  // Every node's outgoing adjacency, by id: the traversal primitive.
  uint64_t entries = 0;
  auto start = Clock::now();
  for (NodeId n = 0; n < node_limit; ++n) {
    Check(reads.Refs(n, Direction::kOutgoing, {}, [&](const AdjacentRef&) {
      ++entries;
      return true;
    }), "scan");
  }
  double ms = MsSince(start);
  row("ScanAdjacentRefs(out) of every node: ns per entry", ms * 1e6 / entries, "ns");
  row("ScanAdjacentRefs(out) of every node: µs per scan", ms * 1e3 / node_limit, "µs");
  if (!old_defaults) {
    entries = 0;
    start = Clock::now();
    for (NodeId n = 0; n < node_limit; ++n) {
      Check(reader.ScanAdjacent(n, Direction::kBoth, {}, [&](const AdjacentEdge&) {
        ++entries;
        return true;
      }), "scan");
    }
    ms = MsSince(start);
    row("ScanAdjacent(both, names) of every node: ns per entry", ms * 1e6 / entries, "ns");
  }
  start = Clock::now();
  uint64_t counted = 0;
  for (NodeId n = 0; n < node_limit; ++n) counted += reads.Count(n, Direction::kBoth, {});
  row("CountAdjacent(both) of every node: µs per call", MsSince(start) * 1e3 / node_limit, "µs");

  // The hub's 1-hop with type names and b.name per row (the peer benchmark's first query).
  std::optional<uint32_t> name_check;
  double best = 1e300;
  size_t rows = 0;
  for (int rep = 0; rep < 3; ++rep) {
    start = Clock::now();
    rows = 0;
    size_t bytes = 0;
    Check(reads.Refs(hub, Direction::kOutgoing, {}, [&](const AdjacentRef& e) {
      std::string type = reader.TypeName(e.type);
      Value name = reads.Property(e.other, "name");
      bytes += type.size() + (name.is_string() ? name.as_string().size() : 0);
      ++rows;
      return true;
    }), "hub");
    best = std::min(best, MsSince(start));
  }
  std::printf("| hub 1-hop, type and name per row (%zu rows) | %.3g ms |\n", rows, best);
  row("  per row", best * 1e3 / static_cast<double>(rows), "µs");

  // GetNodeProperty(name) alone, over random nodes.
  std::mt19937_64 rng(7);
  const int kProps = 200000;
  start = Clock::now();
  size_t names = 0;
  for (int i = 0; i < kProps; ++i) names += reads.Property(rng() % node_limit, "name").is_string();
  row("GetNodeProperty(name), random nodes", MsSince(start) * 1e3 / kProps, "µs");
  const int kEnds = 200000;
  start = Clock::now();
  uint64_t sum = 0;
  for (int i = 0; i < kEnds; ++i) sum += reads.Ends(rng() % edge_limit).target;
  row("GetEdgeEnds, random relationships", MsSince(start) * 1e6 / kEnds, "ns");

  // Random 1-hop: name index, then the out-edges with type and name.
  start = Clock::now();
  rows = 0;
  for (const std::string& name : samples.onehop) {
    NodeId a = FindByName(reader, name);
    Check(reads.Refs(a, Direction::kOutgoing, {}, [&](const AdjacentRef& e) {
      std::string type = reader.TypeName(e.type);
      rows += reads.Property(e.other, "name").is_string() ? 1 : 0;
      return true;
    }), "1-hop");
  }
  std::printf("| random 1-hop, %zu lookups (%zu rows) | %.3g µs per lookup |\n",
              samples.onehop.size(), rows, MsSince(start) * 1e3 / samples.onehop.size());

  // 2-hop out-neighbourhood, distinct nodes.
  std::vector<uint32_t> seen(node_limit, 0);
  uint32_t stamp = 0;
  uint64_t total = 0;
  start = Clock::now();
  for (const std::string& name : samples.twohop) {
    NodeId a = FindByName(reader, name);
    ++stamp;
    std::vector<NodeId> first;
    Check(reads.Refs(a, Direction::kOutgoing, {}, [&](const AdjacentRef& e) {
      if (seen[e.other] != stamp) {
        seen[e.other] = stamp;
        ++total;
      }
      first.push_back(e.other);
      return true;
    }), "2-hop");
    for (NodeId x : first) {
      Check(reads.Refs(x, Direction::kOutgoing, {}, [&](const AdjacentRef& e) {
        if (seen[e.other] != stamp) {
          seen[e.other] = stamp;
          ++total;
        }
        return true;
      }), "2-hop");
    }
  }
  std::printf("| 2-hop distinct count, %zu queries (sum %llu) | %.3g ms per query |\n",
              samples.twohop.size(), static_cast<unsigned long long>(total),
              MsSince(start) / samples.twohop.size());

  // (a)-[:opposes]->(x)<-[:supports]-(b): a scan by type and a count per x.
  uint32_t opposes = *reader.TypeId("opposes"), supports = *reader.TypeId("supports");
  start = Clock::now();
  uint64_t matches = 0;
  Check(reads.ByType({opposes}, [&](const EdgeEnds& e) {
    matches += reads.Count(e.target, Direction::kIncoming, {supports});
    return true;
  }), "join");
  std::printf("| join count opposes/supports (%llu) | %.3g ms |\n",
              static_cast<unsigned long long>(matches), MsSince(start));

  // Relationships per type.
  start = Clock::now();
  std::vector<uint64_t> per_type(64, 0);
  Check(reads.ByType({}, [&](const EdgeEnds& e) {
    if (e.type >= per_type.size()) per_type.resize(e.type + 1);
    ++per_type[e.type];
    return true;
  }), "group by");
  uint64_t all = 0;
  for (uint64_t n : per_type) all += n;
  std::printf("| group by type (%llu relationships) | %.3g ms |\n",
              static_cast<unsigned long long>(all), MsSince(start));
  if (sum == 42 && counted == 42 && names == 42) std::printf("\n");  // keep the loops
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) Die("usage: kg_topology_bench DATADIR [STORE]");
  const fs::path data_dir = argv[1];
  const bool keep = argc == 3;
  const fs::path store_dir = keep ? fs::path(argv[2])
                                  : fs::temp_directory_path() /
                                        ("kg-topology-bench-" + std::to_string(getpid()));

  std::string text;
  if (!ReadFile(data_dir / "samples.json", &text)) Die("cannot read samples.json");
  auto json = nlohmann::json::parse(text);
  Samples samples;
  samples.hub = json["hub"]["name"];
  for (const auto& name : json["onehop"]) samples.onehop.push_back(name);
  for (const auto& name : json["twohop"]) samples.twohop.push_back(name);

  if (!fs::exists(store_dir / "db" / "CURRENT")) {
    auto start = Clock::now();
    auto store = Check(Store::Open(store_dir.string(), {}), "open");
    kg::ingest::ImportOptions import_options;
    import_options.entities_path = (data_dir / "entities.csv").string();
    Check(kg::ingest::ImportTriples(store.get(), (data_dir / "triples.tsv").string(),
                                    import_options),
          "import");
    Check(store->Compact(), "compact");
    std::printf("loaded %s in %.0f ms\n", data_dir.c_str(), MsSince(start));
  }

  kg::storage::OpenOptions options;
  options.read_only = true;
  uint64_t node_limit = 0, edge_limit = 0;
  {
    options.read_cache = ReadCacheMode::kOff;
    auto store = Check(Store::Open(store_dir.string(), options), "open");
    auto snapshot = store->Snapshot();
    Check(snapshot->ScanNodes([&](NodeId id) {
      node_limit = std::max(node_limit, id + 1);
      return true;
    }), "nodes");
    Check(snapshot->ScanEdges([&](uint64_t id) {
      edge_limit = std::max(edge_limit, id + 1);
      return true;
    }), "edges");
    std::printf("# kg_topology_bench: %llu node ids, %llu relationship ids\n",
                static_cast<unsigned long long>(node_limit),
                static_cast<unsigned long long>(edge_limit));
    Measure("before: GraphReader defaults (type names, whole records)", *snapshot, true, samples,
            node_limit, edge_limit);
    Measure("RocksDB: id-based reads, no cache", *snapshot, false, samples, node_limit, edge_limit);
  }
  {
    options.read_cache = ReadCacheMode::kAuto;
    auto store = Check(Store::Open(store_dir.string(), options), "open");
    auto start = Clock::now();
    Check(store->WarmTopology(), "warm");
    double warm_ms = MsSince(start);
    kg::storage::ReadCacheStats stats = store->read_cache_stats();
    std::printf("\n## read caches\n\n| measurement | value |\n|---|---:|\n");
    std::printf("| WarmTopology (topology + name column) | %.0f ms |\n", warm_ms);
    std::printf("| topology build | %.0f ms |\n", stats.topology_build_ms);
    std::printf("| topology memory | %.1f MiB (%.1f bytes per relationship) |\n",
                stats.topology_bytes / 1048576.0,
                static_cast<double>(stats.topology_bytes) / stats.topology_edges);
    std::printf("| name column build | %.0f ms |\n", stats.column_build_ms);
    std::printf("| name column memory | %.1f MiB (%.1f bytes per node id) |\n",
                stats.column_bytes / 1048576.0, static_cast<double>(stats.column_bytes) / node_limit);
    std::printf("| RSS after warming | %ld MiB |\n", RssMiB());
    auto snapshot = store->Snapshot();
    Measure("reads with the read caches", *snapshot, false, samples, node_limit, edge_limit);
  }
  if (!keep) fs::remove_all(store_dir);
  return 0;
}
