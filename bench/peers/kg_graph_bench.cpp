// GraphML export (MB/s) and PageRank (s) of kg on the peer benchmark's generated graph, to
// set beside NetworkX doing the same on the same files (networkx_bench.py; graph_bench.sh
// runs both). Loads the data as kg_peer_bench does, then times each step once.
// Usage: kg_graph_bench DATADIR OUTDIR
//   writes OUTDIR/kg.graphml and OUTDIR/kg-pagerank.tsv (name<TAB>score, for the cross-check)
// Env:   DB_ROOT   where the store is created and deleted again (default /tmp/peers-db)
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "bench/bench_util.h"
#include "graph/algorithms.h"
#include "graph/export.h"
#include "graph/view.h"
#include "ingest/ingester.h"
#include "storage/store.h"

using namespace kg::bench;

namespace {

namespace fs = std::filesystem;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}



}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: kg_graph_bench DATADIR OUTDIR\n");
    return 2;
  }
  const fs::path data_dir = fs::absolute(argv[1]);
  const fs::path out_dir = fs::absolute(argv[2]);
  const char* db_root_env = std::getenv("DB_ROOT");
  const fs::path db_root = db_root_env ? db_root_env : "/tmp/peers-db";
  const fs::path dir = db_root / ("kg-graph-" + std::to_string(getpid()));
  fs::create_directories(db_root);
  fs::create_directories(out_dir);
  fs::remove_all(dir);

  auto t = Clock::now();
  std::unique_ptr<kg::storage::Store> store = Check(kg::storage::Store::Open(dir.string(), {}), "open store");
  kg::ingest::ImportOptions import_options;
  import_options.entities_path = (data_dir / "entities.csv").string();
  kg::ingest::IngestReport report = Check(
      kg::ingest::ImportTriples(store.get(), (data_dir / "triples.tsv").string(), import_options),
      "import");
  Check(store->Compact(), "compact");
  std::printf("kg load (read files, import, compact)   %8.2f s   %lld nodes, %lld relationships\n",
              SecondsSince(t), static_cast<long long>(report.entities),
              static_cast<long long>(report.triples));

  {
    std::unique_ptr<kg::storage::GraphReader> reader = store->Snapshot();
    t = Clock::now();
    kg::graph::GraphView view = Check(kg::graph::BuildView(*reader), "build view");
    double view_s = SecondsSince(t);
    std::printf("kg view build (read the store)          %8.3f s\n", view_s);

    const fs::path graphml = out_dir / "kg.graphml";
    t = Clock::now();
    {
      std::ofstream out(graphml, std::ios::binary | std::ios::trunc);
      Check(kg::graph::WriteGraphML(view, out), "graphml");
      out.close();
      if (!out) Die("cannot write " + graphml.string());
    }
    double write_s = SecondsSince(t);
    double mb = static_cast<double>(fs::file_size(graphml)) / 1e6;
    double elements = static_cast<double>(view.node_count() + view.edge_count());
    std::printf("kg GraphML write (from the view)        %8.3f s   %.1f MB, %.1f MB/s, %.0fk elements/s\n",
                write_s, mb, mb / write_s, elements / write_s / 1000);
    std::printf("kg GraphML export (view build + write)  %8.3f s   %.1f MB/s\n", view_s + write_s,
                mb / (view_s + write_s));

    for (double tolerance : {1e-6, 1e-10}) {
      kg::graph::PageRankOptions options;
      options.tolerance = tolerance;
      t = Clock::now();
      std::vector<kg::graph::NodeScore> scores = Check(kg::graph::PageRank(view, options), "pagerank");
      double pr_s = SecondsSince(t);
      std::printf("kg PageRank (tol %.0e)                  %8.3f s\n", tolerance, pr_s);
      if (tolerance != 1e-6) continue;
      // The same tolerance as NetworkX's default (both stop when the L1 change < tol * n).
      std::ofstream out(out_dir / "kg-pagerank.tsv", std::ios::binary | std::ios::trunc);
      out.precision(15);
      std::vector<size_t> order(scores.size());
      for (size_t v = 0; v < order.size(); ++v) {
        order[v] = v;
        out << view.node(v).properties.at("name").as_string() << '\t' << scores[v].score << '\n';
      }
      std::partial_sort(order.begin(), order.begin() + std::min<size_t>(5, order.size()), order.end(),
                        [&](size_t a, size_t b) { return scores[a].score > scores[b].score; });
      std::printf("kg PageRank top 5:");
      for (size_t i = 0; i < std::min<size_t>(5, order.size()); ++i) {
        std::printf(" %s %.5f%s", view.node(order[i]).properties.at("name").as_string().c_str(),
                    scores[order[i]].score, i + 1 < 5 ? "," : "\n");
      }
    }
  }
  store.reset();
  fs::remove_all(dir);
  return 0;
}
