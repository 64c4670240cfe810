#!/usr/bin/env bash
# `make bench`: runs kg's benchmarks and prints their figures (MB/s, triples/s, µs per lookup).
# Figures from a 2-core, noisy machine: compare ratios within one run, not across runs.
set -euo pipefail
build=${1:-build}
cd "$(dirname "$0")/.."
shared=${KG_SHARED_DIR:-../shared}

if [[ -x $build/bench/extract/extract_throughput ]]; then
  echo "== extraction throughput (one core) over $shared/corpus/wikinews"
  "$build/bench/extract/extract_throughput" "$shared/corpus/wikinews"
fi

# End-to-end ingest of the wikinews corpus through the kg binary: once, 20 identical copies
# (skipped by SHA-256), 20 altered copies (nothing skipped; every copy merges into the same
# entities). KG_INGEST_REPS runs per case (default 3).
if [[ -x $build/app/kg ]]; then
  echo "== kg ingest of $shared/corpus/wikinews, end to end (extract + resolve + store)"
  KG_SHARED_DIR=$shared bench/ingest/wikinews.sh "$build/app/kg" "${KG_INGEST_REPS:-3}" 20
fi

# kg's column of the peer benchmark (../shared/bench): bulk load, 1-hop, 2-hop, join, group
# by, shortest paths, disk size and peak RSS on gen.py's 100k-triple graph, one rep.
if [[ -x $build/bench/peers/kg_peer_bench ]]; then
  size=${KG_BENCH_SIZE:-100k}
  work=${BENCH_DIR:-/tmp/kg-bench}
  echo "== kg in the peer benchmark ($size triples, 1 rep; data and results in $work)"
  BUILD=$build KG_SHARED_DIR=$shared bench/peers/run.sh "$size" 1 2>&1 | grep '^\[kg\] \(load\|done\|view\)' || true
  python3 - "$work/results/$size/kg-1.json" "$work/results/$size/kg-1.time" <<'PY'
import json, re, sys
r = json.load(open(sys.argv[1]))
rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(sys.argv[2]).read())
rows = [
    ("Bulk load (s)", r["load_ms"] / 1000),
    ("1-hop out-edges of hub (ms)", r["hub_1hop_ms"]),
    ("1-hop out-edges, 1000 random entities (µs/lookup)", r["rand_1hop_us"]),
    ("2-hop out-neighbourhood count, 100 random (ms/query)", r["twohop_ms"]),
    ("Join count: a opposes x, b supports x (ms)", r["join_ms"]),
    ("Triples per predicate, group by (ms)", r["groupby_ms"]),
    ("Shortest path length ≤6, undirected, 100 pairs (ms/pair)", r["sp_ms"]),
    ("  same through graph::ShortestPath on a view (ms/pair)", r.get("sp_view_ms", float("nan"))),
    ("On-disk size after load and compaction (MiB)", r["disk_mib"]),
    ("Peak RSS of the process (MiB)", int(rss.group(1)) / 1024 if rss else r["max_rss_mib"]),
]
for name, value in rows:
    print(f"  {name:<60} {value:>10.3g}")
print(f"  answers: hub rows {r['hub_rows']}, join count {r['join_count']}, group by ok {r['groupby_ok']}, "
      f"shortest-path lengths {r['sp_hist']}")
PY
  echo "  To set the peers (Kùzu, SQLite, Oxigraph) beside kg in the same run:"
  echo "    (cd $shared/bench && ./setup.sh)      # once: npm ci into /tmp/peers"
  echo "    bench/peers/run.sh $size 3 all        # kg and the peers interleaved, 3 reps"
  echo "    cat $work/results/RESULTS.md"
  echo "  (or the peers alone: $shared/bench/run.sh $size; then node $shared/bench/report.mjs $work/results)"
fi

# GraphML export and PageRank, kg beside NetworkX (KG_GRAPH_BENCH_SIZE=1m for the 1M graph).
if [[ -x $build/bench/peers/kg_graph_bench ]]; then
  echo "== GraphML export and PageRank, kg beside NetworkX (${KG_GRAPH_BENCH_SIZE:-100k} triples)"
  BUILD=$build KG_SHARED_DIR=$shared bench/peers/graph_bench.sh "${KG_GRAPH_BENCH_SIZE:-100k}"
fi
