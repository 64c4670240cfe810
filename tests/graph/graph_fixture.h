// A fresh store in a temporary folder, filled through one transaction, for graph tests.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/graph_types.h"
#include "storage/store.h"
#include "tests/e2e/kg_runner.h"

namespace kg::testing {

class GraphFixture {
 public:
  GraphFixture();

  // REQUIRE-checked writes; ids come back from the store.
  NodeId AddNode(std::vector<std::string> labels, PropertyMap properties = {});
  EdgeId AddEdge(const std::string& type, NodeId source, NodeId target,
                 PropertyMap properties = {});
  // Commits what was added (once) and returns a snapshot.
  std::unique_ptr<storage::GraphReader> Reader();

  const TempDir& dir() const { return dir_; }

 private:
  TempDir dir_;
  std::unique_ptr<storage::Store> store_;
  std::unique_ptr<storage::Transaction> txn_;
};

// A one-evidence-entry list as the ingester writes it.
Value Evidence(int64_t article, const std::string& sentence);

}  // namespace kg::testing
