// The peer benchmark's statements through query::Engine on a store kept between runs, for
// profiling the engine (valgrind --tool=callgrind, perf) without loading the data each time.
// Usage: kg_query_bench DATADIR STORE [WHICH [REPS]]
//   STORE is made from DATADIR (triples.tsv, entities.csv) when it does not exist.
//   WHICH: all (default) | hub | onehop | twohop | join | groupby | sp
//   REPS: passes over the samples (default 5); each figure is the median pass.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "bench/bench_util.h"
#include "ingest/ingester.h"
#include "query/engine.h"
#include "storage/store.h"

using namespace kg::bench;

namespace {

namespace fs = std::filesystem;

kg::query::QueryResult Run(kg::query::Engine& engine, const std::string& statement,
                           const kg::ValueMap& params) {
  auto result = engine.Execute(statement, params);
  if (!result.ok()) Die(statement + ": " + result.status().ToString());
  return std::move(result).value();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) Die("usage: kg_query_bench DATADIR STORE [WHICH [REPS]]");
  const fs::path data_dir = argv[1];
  const std::string store_dir = argv[2];
  const std::string which = argc > 3 ? argv[3] : "all";
  const int reps = argc > 4 ? std::atoi(argv[4]) : 5;
  std::string text;
  if (!ReadFile(data_dir / "samples.json", &text)) Die("cannot read samples.json");
  const nlohmann::json samples = nlohmann::json::parse(text);

  const bool fresh = !fs::exists(store_dir);
  auto opened = kg::storage::Store::Open(store_dir, {});
  if (!opened.ok()) Die(opened.status().ToString());
  std::unique_ptr<kg::storage::Store> store = std::move(opened).value();
  if (fresh) {
    kg::ingest::ImportOptions options;
    options.entities_path = (data_dir / "entities.csv").string();
    auto report = kg::ingest::ImportTriples(store.get(), (data_dir / "triples.tsv").string(), options);
    if (!report.ok()) Die(report.status().ToString());
    if (!store->Compact().ok()) Die("compact");
  }
  if (!store->WarmTopology().ok()) Die("warm");
  const kg::storage::ReadCacheStats stats = store->read_cache_stats();
  std::printf("read caches: topology %.1f MiB (%.0f ms), %zu column(s) %.1f MiB (%.0f ms)\n",
              static_cast<double>(stats.topology_bytes) / 1048576.0, stats.topology_build_ms,
              stats.columns, static_cast<double>(stats.column_bytes) / 1048576.0,
              stats.column_build_ms);
  auto engine = std::make_unique<kg::query::Engine>(store.get());

  auto measure = [&](const char* name, const std::string& statement,
                     const std::vector<kg::ValueMap>& params, double scale, const char* unit) {
    if (which != "all" && which != name) return;
    std::vector<double> passes;
    size_t rows = 0;
    for (int rep = 0; rep < reps; ++rep) {
      rows = 0;
      auto t = Clock::now();
      for (const auto& p : params) rows += Run(*engine, statement, p).rows.size();
      passes.push_back(MsSince(t) * scale / static_cast<double>(params.size()));
    }
    std::printf("%-8s %10.3f %s per query (median of %d passes over %zu; %zu rows per pass)\n",
                name, Median(passes), unit, reps, params.size(), rows);
  };
  auto names = [&](const char* key) {
    std::vector<kg::ValueMap> out;
    for (const auto& n : samples[key]) out.push_back({{"n", kg::Value(n.get<std::string>())}});
    return out;
  };
  const std::string one_hop = "MATCH (a {name: $n})-[r]->(b) RETURN type(r), b.name";
  measure("hub", one_hop, {{{"n", kg::Value(samples["hub"]["name"].get<std::string>())}}}, 1, "ms");
  measure("onehop", one_hop, names("onehop"), 1000, "us");
  measure("twohop", "MATCH (a {name: $n})-[*1..2]->(b) RETURN count(DISTINCT b)", names("twohop"), 1,
          "ms");
  measure("join", "MATCH (a)-[:opposes]->(x)<-[:supports]-(b) RETURN count(*)", {{}}, 1, "ms");
  measure("groupby", "MATCH ()-[r]->() RETURN type(r), count(*)", {{}}, 1, "ms");
  std::vector<kg::ValueMap> pairs;
  for (const auto& p : samples["pairs"]) {
    pairs.push_back({{"a", kg::Value(p[0].get<std::string>())}, {"b", kg::Value(p[1].get<std::string>())}});
  }
  measure("sp",
          "MATCH (a {name: $a}), (b {name: $b}) MATCH p = shortestPath((a)-[*..6]-(b)) RETURN length(p)",
          pairs, 1, "ms");
  engine.reset();
  return 0;
}
