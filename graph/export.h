// Writes a store's graph (or any GraphReader's view of it) in interchange formats.
#pragma once

#include <ostream>

#include "core/status.h"

namespace kg::storage {
class GraphReader;
}

namespace kg::graph {

// Every node and relationship as GraphML, through Boost.Graph's writer, for Gephi, Cytoscape,
// NetworkX and yEd. Nodes carry `labels` (":Person:Entity"), `label` (the name, for display)
// and every property; relationships carry `type`, `label` and every scalar property. A key
// whose values all share a number or boolean type gets that GraphML type; others are
// strings, with lists written in Cypher form. Errors: the reader's, or kIOError.
Status WriteGraphML(const storage::GraphReader& reader, std::ostream& out);

}  // namespace kg::graph
