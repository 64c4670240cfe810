#!/usr/bin/env bash
# End-to-end ingest of the wikinews corpus (extract + resolve + store) through the `kg`
# binary, as a user runs it: articles/s and MB/s, median of REPS runs, each into a fresh store.
#   bench/ingest/wikinews.sh [KG] [REPS] [COPIES]
#     KG      the kg binary (default build/app/kg)
#     REPS    runs per case (default 3)
#     COPIES  how many copies of the corpus for the two "copied" cases (default 20)
# Cases:
#   once       the corpus as it is (283 articles)
#   copies     COPIES identical copies: every copy after the first is skipped by its SHA-256
#   altered    COPIES copies, each with its dateline changed, so nothing is skipped and
#              every copy's facts merge into the same entities and relationships
# Env: KG_SHARED_DIR (default ../shared), WORK (default /tmp/kg-bench/ingest), THREADS
# (extraction threads, default 0 = all cores).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
kg="${1:-$root/build/app/kg}"
reps="${2:-3}"
copies="${3:-20}"
corpus="$(cd "${KG_SHARED_DIR:-$root/../shared}/corpus/wikinews" && pwd)"
work="${WORK:-/tmp/kg-bench/ingest}"
threads="${THREADS:-0}"
[[ -x $kg ]] || { echo "missing $kg: make build" >&2; exit 1; }

rm -rf "$work"
mkdir -p "$work/copies" "$work/altered"
for i in $(seq 1 "$copies"); do
  cp -r "$corpus" "$work/copies/$i"
  cp -r "$corpus" "$work/altered/$i"
  # Line 3 is the dateline ("Friday, January 4, 2019"): a different one per copy changes
  # the SHA-256 and nothing the extractor reads as a fact. (-s: line 3 of each file)
  sed -s -i "3s/\$/ (copy $i)/" "$work/altered/$i"/*
done

# Prints "seconds articles bytes" for one ingest of $1 into a fresh store.
one_run() {
  local db="$work/db"
  rm -rf "$db"
  local start end
  start=$(date +%s.%N)
  "$kg" --db "$db" ingest -j "$threads" "$1" >"$work/output" 2>&1 ||
    { cat "$work/output" >&2; exit 1; }
  end=$(date +%s.%N)
  echo "$start $end"
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

printf '%-9s %9s %9s %9s %11s %9s  %s\n' case articles MB seconds articles/s MB/s summary
for case in once copies altered; do
  case $case in
    once) dir="$corpus" ;;
    *) dir="$work/$case" ;;
  esac
  files=$(find "$dir" -type f | wc -l)
  bytes=$(find "$dir" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')
  times=()
  for _ in $(seq 1 "$reps"); do
    read -r start end < <(one_run "$dir")
    times+=("$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.4f", b - a }')")
  done
  secs=$(printf '%s\n' "${times[@]}" | median)
  summary=$(grep '^ingested' "$work/output" | tail -n 1)
  awk -v c="$case" -v n="$files" -v b="$bytes" -v s="$secs" -v sum="$summary" 'BEGIN {
    printf "%-9s %9d %9.2f %9.3f %11.0f %9.2f  %s\n", c, n, b / 1e6, s, n / s, b / 1e6 / s, sum }'
done
echo "(median of $reps runs each, fresh store per run; kg ingest -j $threads; $(nproc) cores)"
rm -rf "$work"
