#!/usr/bin/env bash
# GraphML export (MB/s) and PageRank (s): kg (kg_graph_bench) beside NetworkX
# (networkx_bench.py) on the same generated graph, each under /usr/bin/time -v for its peak RSS.
#   bench/peers/graph_bench.sh [SIZE]     SIZE: 100k | 1m (default) | <number of triples>
# Env: BUILD (default build), BENCH_DIR (default /tmp/kg-bench), PYTHON (default /usr/bin/python3)
# Output files (GraphML, scores) go to $BENCH_DIR/graph/SIZE.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
shared="$(cd "${KG_SHARED_DIR:-$root/../shared}/bench" && pwd)"
bin="$root/${BUILD:-build}/bench/peers/kg_graph_bench"
python="${PYTHON:-/usr/bin/python3}"
work="${BENCH_DIR:-/tmp/kg-bench}"
size="${1:-1m}"
[[ -x $bin ]] || { echo "missing $bin: cmake --build ${BUILD:-build} --target kg_graph_bench" >&2; exit 1; }
case "$size" in
  *k) n=$(( ${size%k} * 1000 )) ;;
  *m) n=$(( ${size%m} * 1000000 )) ;;
  *)  n="$size" ;;
esac
data="$work/data/$size"
if [[ ! -f $data/samples.json || ! -f $data/meta.json ]]; then
  echo "generating $n triples into $data" >&2
  python3 "$shared/gen.py" "$n" "$data"
fi
out="$work/graph/$size"
mkdir -p "$out"
peak() { awk -F': ' '/Maximum resident/ {printf "%.0f MiB\n", $2 / 1024}' "$1"; }
echo "== kg ($size)"
/usr/bin/time -v -o "$out/kg.time" "$bin" "$data" "$out"
echo "kg peak RSS: $(peak "$out/kg.time")"
echo "== NetworkX $("$python" -c 'import networkx; print(networkx.__version__)') ($size)"
/usr/bin/time -v -o "$out/networkx.time" "$python" "$root/bench/peers/networkx_bench.py" "$data" "$out"
echo "networkx peak RSS: $(peak "$out/networkx.time")"
rm -f "$out/kg.graphml" "$out/networkx.graphml"
