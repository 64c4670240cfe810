// The procedures a statement can CALL (kg.pagerank, kg.components, kg.degree, kg.neighbours,
// kg.betweenness): graph/ algorithms over a view of the store. Internal to query/; errors
// are thrown as QueryError.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "graph/view.h"
#include "query/runtime.h"

namespace kg::storage {
class GraphReader;
}

namespace kg::query {

struct ProcedureSignature {
  std::string name;  // lower case: "kg.pagerank"
  size_t min_args = 0;
  size_t max_args = 0;
  std::vector<std::string> outputs;  // the YIELD fields, in output order
  std::string usage;                 // "kg.neighbours(node, hops[, filter])"
};

// The procedure called `name` (case-insensitive), or nullptr.
const ProcedureSignature* FindProcedure(const std::string& name);
// Every procedure, by name.
const std::vector<ProcedureSignature>& Procedures();

// Runs procedures over `reader`, reusing views and results for equal arguments (a CALL is
// run once per input row). Build one per CALL clause, so writes made by earlier clauses
// are seen.
class ProcedureRunner {
 public:
  explicit ProcedureRunner(const storage::GraphReader* reader) : reader_(reader) {}

  // The output records, each with one value per signature output. Throws QueryError:
  // InvalidArgumentType / InvalidArgumentValue for bad arguments, the algorithm's Status
  // otherwise. REQUIRES: args.size() within the signature's bounds.
  const std::vector<std::vector<RValue>>& Run(const ProcedureSignature& procedure,
                                              const std::vector<RValue>& args);

 private:
  const storage::GraphReader* reader_;
  std::map<std::string, std::vector<std::vector<RValue>>> results_;
  std::map<std::string, graph::GraphView> views_;  // by filter
};

}  // namespace kg::query
