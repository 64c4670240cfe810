#!/usr/bin/env bash
# `make demo`: ingest the example articles into a store and run the showcase queries.
set -euo pipefail
kg=${1:-build/app/kg}
db=${2:-./kg-data}
cd "$(dirname "$0")/.."

echo "== kg ingest examples/articles --db $db"
"$kg" ingest examples/articles --db "$db"
echo
echo "== kg stats --db $db"
"$kg" stats --db "$db"
echo
echo "== kg query -f examples/showcase.kgq --db $db --echo -m table"
"$kg" query -f examples/showcase.kgq --db "$db" --echo -m table
echo
echo "Open the shell on this store with:  $kg repl --db $db"
echo "Export it for Gephi or NetworkX:    $kg export --db $db --format graphml graph.graphml"
