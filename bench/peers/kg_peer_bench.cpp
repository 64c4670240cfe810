// kg in the peer benchmark of ../shared/bench: the same operations as bench.mjs does for
// Kùzu, SQLite and Oxigraph, on the same generated files, through kg's own load and query
// path, writing a JSON result with the same keys so that report.mjs shows kg as a column.
// Usage: kg_peer_bench DATADIR OUT.json
//        kg_peer_bench --view DATADIR OUT.json
//   The second form loads the data again and adds to OUT.json (written by the first) the same
//   shortest paths through graph::ShortestPath on an in-memory GraphView (sp_view_* keys):
//   a separate process, so that the view's memory stays out of the first one's peak RSS.
// Env:   DB_ROOT   where the store is created and deleted again (default /tmp/peers-db)
//        BUDGET_S  per sampled measurement, stop early after this many seconds (default 90)
//        KG_BENCH_NODE  the Node.js version the peers ran on, copied into "node" (report header)
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "bench/bench_util.h"
#include "graph/algorithms.h"
#include "graph/view.h"
#include "ingest/ingester.h"
#include "query/engine.h"
#include "storage/store.h"

using namespace kg::bench;

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;
uint64_t DirBytes(const fs::path& dir) {
  uint64_t total = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) total += entry.file_size();
  }
  return total;
}



class Bench {
 public:
  Bench(Json* result, double budget_ms) : r_(*result), budget_ms_(budget_ms) {}

  // bench.mjs's sampled(): times fn(item) for each item until the budget is spent; writes
  // NAME_done, NAME_of, NAME_total_ms, NAME_times_ms. Returns the total in ms.
  template <typename Item, typename Fn>
  double Sampled(const std::string& name, const std::vector<Item>& items, const Fn& fn,
                 size_t* done) {
    auto start = Clock::now();
    std::vector<double> times;
    *done = 0;
    for (const Item& item : items) {
      auto t = Clock::now();
      fn(item);
      times.push_back(std::round(MsSince(t) * 1000) / 1000);
      ++*done;
      if (MsSince(start) > budget_ms_) break;
    }
    double total = MsSince(start);
    r_[name + "_done"] = *done;
    r_[name + "_of"] = items.size();
    r_[name + "_total_ms"] = total;
    r_[name + "_times_ms"] = times;
    if (*done < items.size()) {
      std::fprintf(stderr, "[kg] %s: budget hit after %zu/%zu\n", name.c_str(), *done, items.size());
    }
    return total;
  }

 private:
  Json& r_;
  double budget_ms_;
};

kg::query::QueryResult Run(kg::query::Engine& engine, std::string_view statement,
                           const kg::ValueMap& params = {}) {
  return Check(engine.Execute(statement, params), std::string(statement));
}

int64_t IntCell(const kg::query::QueryResult& result) {
  if (result.rows.size() != 1 || result.rows[0].size() != 1 || !result.rows[0][0].value().is_int()) {
    Die("expected one integer cell");
  }
  return result.rows[0][0].value().as_int();
}

}  // namespace

int main(int argc, char** argv) {
  const bool view_mode = argc == 4 && std::string_view(argv[1]) == "--view";
  if (argc != 3 && !view_mode) {
    std::fprintf(stderr, "usage: kg_peer_bench [--view] DATADIR OUT.json\n");
    return 2;
  }
  const fs::path data_dir = fs::absolute(argv[argc - 2]);
  const std::string out_file = argv[argc - 1];
  const char* db_root_env = std::getenv("DB_ROOT");
  const fs::path db_root = db_root_env ? db_root_env : "/tmp/peers-db";
  const char* budget_env = std::getenv("BUDGET_S");
  const double budget_ms = (budget_env ? std::atof(budget_env) : 90.0) * 1000;
  const char* node_env = std::getenv("KG_BENCH_NODE");

  std::string text;
  if (!ReadFile(data_dir / "samples.json", &text)) Die("cannot read samples.json");
  const Json samples = Json::parse(text);
  if (!ReadFile(data_dir / "meta.json", &text)) Die("cannot read meta.json");
  const Json meta = Json::parse(text);

  Json r;
  r["peer"] = "kg";
  r["version"] = std::string("kg ") + KG_VERSION +
                 " (RocksDB property-graph store, openCypher engine; ImportTriples bulk load)";
  r["node"] = node_env && *node_env ? node_env : "n/a";
  r["data"] = data_dir.filename().string();
  r["n_triples"] = meta["n_triples"];
  r["n_entities"] = meta["n_entities"];

  const fs::path dir = db_root / ("kg-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(db_root);

  // Load: import triples.tsv with the types of entities.csv (`kg ingest --triples triples.tsv
  // --entities entities.csv`) in one bulk load (SST files ingested atomically), sync, and
  // compact, so that queries and the disk size see the store in its final state; then warm
  // the read caches.
  Json detail;
  auto load_start = Clock::now();
  std::unique_ptr<kg::storage::Store> store =
      Check(kg::storage::Store::Open(dir.string(), {}), "open store");
  kg::ingest::ImportOptions import_options;
  import_options.entities_path = (data_dir / "entities.csv").string();
  kg::ingest::IngestReport report = Check(
      kg::ingest::ImportTriples(store.get(), (data_dir / "triples.tsv").string(), import_options),
      "import");
  detail["import_ms"] = MsSince(load_start);  // reading both files until durable
  auto t = Clock::now();
  detail["entities"] = report.entities;
  detail["triples"] = report.triples;
  t = Clock::now();
  Check(store->Sync(), "sync");
  detail["sync_ms"] = MsSince(t);
  t = Clock::now();
  Check(store->Compact(), "compact");
  detail["compact_ms"] = MsSince(t);
  // The in-memory read caches (topology, name column) would otherwise build themselves
  // during whichever query first reads enough; building them here puts their cost in the
  // load, where a user of a long-running process pays it, not in one query's figure.
  t = Clock::now();
  Check(store->WarmTopology(), "warm read caches");
  detail["warm_ms"] = MsSince(t);
  r["load_ms"] = MsSince(load_start);
  r["rss_after_load_mib"] = RssMiB();
  r["max_rss_after_load_mib"] = MaxRssMiB();  // the import's peak: no query has run yet
  Json table_mib = Json::object();
  for (const auto& [cf, bytes] : store->TableBytes()) {
    if (bytes > 0) table_mib[cf] = static_cast<double>(bytes) / 1048576.0;
  }
  detail["table_mib"] = table_mib;
  r["load_detail"] = detail;
  std::fprintf(stderr, "[kg] load %.0f ms %s\n", r["load_ms"].get<double>(), detail.dump().c_str());
  r["disk_mib"] = static_cast<double>(DirBytes(dir)) / 1048576.0;

  auto engine_holder = std::make_unique<kg::query::Engine>(store.get());
  kg::query::Engine& engine = *engine_holder;
  Bench bench(&r, budget_ms);
  size_t done = 0;
  // The 100 random pairs of (f) and (f'); lengths are recorded as bench.mjs does.
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const auto& p : samples["pairs"]) pairs.emplace_back(p[0], p[1]);
  auto record_lengths = [&](const std::string& prefix, const std::vector<std::optional<int64_t>>& lens) {
    Json lens_json = Json::array(), hist = Json::object();
    int64_t found = 0, sum = 0;
    for (const auto& len : lens) {
      lens_json.push_back(len ? Json(*len) : Json(nullptr));
      std::string key = len ? std::to_string(*len) : "none";
      hist[key] = hist.value(key, 0) + 1;
      if (len) {
        ++found;
        sum += *len;
      }
    }
    r[prefix + "_found"] = found;
    r[prefix + "_sum_len"] = sum;
    r[prefix + "_lens"] = lens_json;
    r[prefix + "_hist"] = hist;
  };
  if (!view_mode) {
    if (const char* profile = std::getenv("KG_BENCH_PROFILE"); profile && *profile == '1') {
      // The plans with per-operator rows and times, once each, to stderr (not measured).
      const std::string& pair_a = samples["pairs"][0][0].get_ref<const std::string&>();
      const std::string& pair_b = samples["pairs"][0][1].get_ref<const std::string&>();
      const std::pair<std::string, kg::ValueMap> statements[] = {
          {"MATCH (a {name: $n})-[r]->(b) RETURN type(r), b.name", {{"n", kg::Value(samples["hub"]["name"].get<std::string>())}}},
          {"MATCH (a {name: $n})-[*1..2]->(b) RETURN count(DISTINCT b)", {{"n", kg::Value(samples["twohop"][0].get<std::string>())}}},
          {"MATCH (a)-[:opposes]->(x)<-[:supports]-(b) RETURN count(*)", {}},
          {"MATCH ()-[r]->() RETURN type(r), count(*)", {}},
          {"MATCH (a {name: $a}), (b {name: $b}) MATCH p = shortestPath((a)-[*..6]-(b)) RETURN length(p)",
           {{"a", kg::Value(pair_a)}, {"b", kg::Value(pair_b)}}},
      };
      for (const auto& [statement, params] : statements) {
        auto t0 = Clock::now();
        kg::query::QueryResult result = Check(engine.Execute("PROFILE " + statement, params), statement);
        std::fprintf(stderr, "[kg] PROFILE %s  (%.3f ms in Execute)\n", statement.c_str(), MsSince(t0));
        for (const std::string& line : result.plan) std::fprintf(stderr, "[kg]   %s\n", line.c_str());
      }
    }
    const std::string one_hop = "MATCH (a {name: $n})-[r]->(b) RETURN type(r), b.name";
    auto one_hop_rows = [&](const std::string& name) {
      return Run(engine, one_hop, {{"n", kg::Value(name)}}).rows.size();
    };

    // (b1) hub 1-hop, median of 5 calls
    const std::string hub = samples["hub"]["name"];
    std::vector<double> hub_times;
    size_t hub_rows = 0;
    for (int i = 0; i < 5; ++i) {
      t = Clock::now();
      hub_rows = one_hop_rows(hub);
      hub_times.push_back(MsSince(t));
    }
    r["hub_rows"] = hub_rows;
    r["hub"] = hub;
    r["hub_1hop_ms"] = Median(hub_times);
    r["hub_1hop_all_ms"] = hub_times;

    // (b2) 1-hop of 1000 random entities
    {
      std::vector<std::string> names = samples["onehop"];
      size_t rows = 0;
      double total = bench.Sampled("rand_1hop", names, [&](const std::string& n) { rows += one_hop_rows(n); }, &done);
      r["rand_1hop_us"] = total * 1000 / static_cast<double>(done);
      r["rand_1hop_rows"] = rows;
    }
    // (c) 2-hop out-neighbourhood size, 100 random entities
    {
      std::vector<std::string> names = samples["twohop"];
      int64_t sum = 0;
      const std::string two_hop = "MATCH (a {name: $n})-[*1..2]->(b) RETURN count(DISTINCT b)";
      double total = bench.Sampled("twohop", names, [&](const std::string& n) {
        sum += IntCell(Run(engine, two_hop, {{"n", kg::Value(n)}}));
      }, &done);
      r["twohop_ms"] = total / static_cast<double>(done);
      r["twohop_sum"] = sum;
    }
    // (d) opposes/supports join count
    t = Clock::now();
    r["join_count"] = IntCell(Run(engine, "MATCH (a)-[:opposes]->(x)<-[:supports]-(b) RETURN count(*)"));
    r["join_ms"] = MsSince(t);
    // (e) triples per predicate
    {
      t = Clock::now();
      kg::query::QueryResult g = Run(engine, "MATCH ()-[r]->() RETURN type(r), count(*)");
      r["groupby_ms"] = MsSince(t);
      std::map<std::string, int64_t> counts;
      for (const auto& row : g.rows) counts[row[0].value().as_string()] = row[1].value().as_int();
      bool ok = counts.size() == meta["predicates"].size();
      for (const auto& [p, c] : meta["predicates"].items()) ok = ok && counts[p] == c.get<int64_t>();
      r["groupby_ok"] = ok;
    }
    // (f) shortest path length, 100 random pairs, undirected, at most 6 hops
    {
      std::vector<std::optional<int64_t>> lens;
      const std::string sp =
          "MATCH (a {name: $a}), (b {name: $b}) MATCH p = shortestPath((a)-[*..6]-(b)) RETURN length(p)";
      double total = bench.Sampled("sp", pairs, [&](const auto& pair) {
        kg::query::QueryResult result = Run(engine, sp, {{"a", kg::Value(pair.first)}, {"b", kg::Value(pair.second)}});
        lens.push_back(result.rows.empty() ? std::nullopt : std::optional<int64_t>(IntCell(result)));
      }, &done);
      r["sp_ms"] = total / static_cast<double>(done);
      record_lengths("sp", lens);
    }
  }  // !view_mode
  // (f') the same through graph::ShortestPath on an in-memory view (kg's `.path` and
  // algorithms), reported beside: sp_view_build_ms once, then sp_view_ms per pair.
  if (view_mode) {
    std::unique_ptr<kg::storage::GraphReader> reader = store->Snapshot();
    t = Clock::now();
    kg::graph::GraphView view = Check(kg::graph::BuildView(*reader), "build view");
    r["sp_view_build_ms"] = MsSince(t);
    std::vector<std::optional<int64_t>> lens;
    auto node_of = [&](const std::string& name) {
      kg::NodeId id = 0;
      Check(reader->LookupNodes("name", kg::Value(name), [&](kg::NodeId n) {
        id = n;
        return false;
      }), "lookup");
      return id;
    };
    double total = bench.Sampled("sp_view", pairs, [&](const auto& pair) {
      auto path = Check(kg::graph::ShortestPath(view, node_of(pair.first), node_of(pair.second)), "shortest path");
      if (path && path->edges.size() <= 6) {
        lens.push_back(static_cast<int64_t>(path->edges.size()));
      } else {
        lens.push_back(std::nullopt);
      }
    }, &done);
    r["sp_view_ms"] = total / static_cast<double>(done);
    record_lengths("sp_view", lens);
  }
  r["rss_end_mib"] = RssMiB();
  r["max_rss_mib"] = MaxRssMiB();
  if (view_mode) {
    // Add the sp_view_* keys to the first process's result.
    if (!ReadFile(out_file, &text)) Die("cannot read " + out_file + " (run without --view first)");
    Json merged = Json::parse(text);
    for (const auto& [key, value] : r.items()) {
      if (key.rfind("sp_view", 0) == 0) merged[key] = value;
    }
    merged["sp_view_load_ms"] = r["load_ms"];
    merged["sp_view_max_rss_mib"] = r["max_rss_mib"];
    // The lengths agree on the pairs that both finished within the budget.
    size_t common = std::min(merged["sp_lens"].size(), merged["sp_view_lens"].size());
    bool agrees = true;
    for (size_t i = 0; i < common; ++i) agrees = agrees && merged["sp_lens"][i] == merged["sp_view_lens"][i];
    merged["sp_view_agrees"] = agrees;
    r = std::move(merged);
  }
  engine_holder.reset();  // REQUIRES of Engine: the store outlives it
  store.reset();
  fs::remove_all(dir);

  fs::path out_path = fs::absolute(out_file);
  fs::create_directories(out_path.parent_path());
  std::ofstream out(out_path);
  out << r.dump(1) << "\n";
  if (!out) Die("cannot write " + out_file);
  if (view_mode) {
    std::fprintf(stderr, "[kg] view: build %.0f ms, shortest path %.3f ms/pair, agrees=%d, maxRSS %ld MiB\n",
                 r["sp_view_build_ms"].get<double>(), r["sp_view_ms"].get<double>(),
                 r["sp_view_agrees"].get<bool>() ? 1 : 0, r["sp_view_max_rss_mib"].get<long>());
    return 0;
  }
  std::fprintf(stderr,
               "[kg] done: hub %.2f ms, 1hop %.0f us, 2hop %.2f ms, join %.0f ms (%lld), groupby %.0f ms "
               "ok=%d, sp %.2f ms, disk %.1f MiB, maxRSS %ld MiB\n",
               r["hub_1hop_ms"].get<double>(), r["rand_1hop_us"].get<double>(),
               r["twohop_ms"].get<double>(), r["join_ms"].get<double>(),
               static_cast<long long>(r["join_count"].get<int64_t>()), r["groupby_ms"].get<double>(),
               r["groupby_ok"].get<bool>() ? 1 : 0, r["sp_ms"].get<double>(),
               r["disk_mib"].get<double>(), r["max_rss_mib"].get<long>());
  return 0;
}
