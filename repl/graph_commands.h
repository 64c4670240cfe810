// The shell's graph questions, answered by graph/'s algorithms over the facts between
// entities (articles, quotes and MENTIONS left out), as tables in the current output mode.
#pragma once

#include <string>

#include "core/status.h"
#include "query/engine.h"

namespace kg::storage {
class GraphReader;
}

namespace kg::repl {

// The `limit` most central entities: PageRank and degree.
Result<query::QueryResult> CentralEntities(const storage::GraphReader& reader, size_t limit);

// The `limit` largest groups of connected entities: size and the most connected members.
Result<query::QueryResult> EntityGroups(const storage::GraphReader& reader, size_t limit);

// The entities within `hops` facts of the node `center`, nearest first.
Result<query::QueryResult> Neighbours(const storage::GraphReader& reader, NodeId center,
                                      int hops);

}  // namespace kg::repl
