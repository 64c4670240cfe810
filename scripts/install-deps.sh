#!/usr/bin/env bash
# Installs the Debian 12 packages kg needs to build, test and run, and only those missing.
# Idempotent: a second run installs nothing. Works as root or through sudo.
set -euo pipefail

packages=(
  g++ make cmake pkg-config            # toolchain
  antlr4 default-jre-headless          # generates the query parser at build time
  libantlr4-runtime-dev uuid-dev       # ANTLR C++ runtime (its CMake target links libuuid)
  librocksdb-dev                       # the store
  libboost-graph-dev                   # graph algorithms, GraphML writer
  libcli11-dev                         # command line
  catch2                               # unit tests
  libedit-dev                          # REPL line editing and history
  nlohmann-json3-dev                   # JSON lines in and out
  libutf8proc-dev                      # Unicode case folding and normalisation
  libssl-dev                           # SHA-256 of article content (libcrypto)
  zlib1g-dev                           # gzip
  python3 python3-networkx             # the GraphML consumer test and the extraction scorer
  python3-igraph graphviz              # GraphML read back by igraph; DOT rendered by dot
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

sudo=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo=(sudo)
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "install-deps: done"
