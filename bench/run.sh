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
