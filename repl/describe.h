// Entity cards and connections for the shell's .describe and .path: what the store knows of
// a name, and how two names are connected, each statement with the sentence that makes it.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "core/status.h"
#include "query/engine.h"

namespace kg::storage {
class GraphReader;
}

namespace kg::repl {

// The node ids of the entities called `name`: by canonical name, else an alias, else the
// name in another case, else a surname. kNotFound when none is.
Result<std::vector<int64_t>> FindEntities(query::Engine& engine, const std::string& name);

// Prints a card for every entity named `name` (canonical name, else an alias, else the same
// name in another case): type, aliases, titles, the articles that mention it and each of its
// relationships with the evidence sentences. kNotFound if no entity has that name.
Status Describe(query::Engine& engine, const std::string& name, std::ostream& out);

// Prints the shortest chain of facts between two named entities (MENTIONS links through
// articles are not facts and are not followed), each hop with its first evidence sentence,
// by a breadth-first search over a graph view of `reader`. When a name fits several
// entities, the shortest chain among them wins. kNotFound if either name is unknown or no
// chain joins them.
Status DescribePath(query::Engine& engine, const storage::GraphReader& reader,
                    const std::string& from, const std::string& to, std::ostream& out);

}  // namespace kg::repl
