#include "tests/graph/graph_fixture.h"

#include <catch2/catch.hpp>

namespace kg::testing {

GraphFixture::GraphFixture() {
  auto store = storage::Store::Open(dir_ / "store", {});
  REQUIRE(store.ok());
  store_ = std::move(store).value();
}

NodeId GraphFixture::AddNode(std::vector<std::string> labels, PropertyMap properties) {
  if (!txn_) {
    auto txn = store_->Begin();
    REQUIRE(txn.ok());
    txn_ = std::move(txn).value();
  }
  auto id = txn_->CreateNode(std::move(labels), std::move(properties));
  REQUIRE(id.ok());
  return *id;
}

EdgeId GraphFixture::AddEdge(const std::string& type, NodeId source, NodeId target,
                             PropertyMap properties) {
  REQUIRE(txn_);
  auto id = txn_->CreateEdge(type, source, target, std::move(properties));
  REQUIRE(id.ok());
  return *id;
}

std::unique_ptr<storage::GraphReader> GraphFixture::Reader() {
  if (txn_) {
    REQUIRE(txn_->Commit().ok());
    txn_.reset();
  }
  return store_->Snapshot();
}

Value Evidence(int64_t article, const std::string& sentence) {
  return Value(ValueList{Value(ValueMap{{"article", Value(article)},
                                        {"sentence", Value(0)},
                                        {"begin", Value(0)},
                                        {"end", Value(static_cast<int64_t>(sentence.size()))},
                                        {"text", Value(sentence)},
                                        {"phrase", Value("said")}})});
}

}  // namespace kg::testing
