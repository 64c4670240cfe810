#include "graph/export.h"

#include <catch2/catch.hpp>
#include <sstream>

#include "storage/store.h"
#include "tests/e2e/kg_runner.h"

using kg::Value;

namespace {

size_t Count(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("WriteGraphML: every node and relationship with typed attributes", "[graph]") {
  kg::testing::TempDir dir;
  auto store = kg::storage::Store::Open(dir / "store", {});
  REQUIRE(store.ok());
  {
    auto txn = (*store)->Begin();
    REQUIRE(txn.ok());
    auto a = (*txn)->CreateNode({"Person"}, {{"name", Value("Ada & <Bob>")}, {"mentions", Value(3)}});
    auto b = (*txn)->CreateNode({"Organization"}, {{"name", Value("Acme")}});
    auto c = (*txn)->CreateNode({}, {});
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    REQUIRE(c.ok());
    REQUIRE((*txn)->CreateEdge("leader-of", *a, *b, {{"confidence", Value(0.9)}}).ok());
    REQUIRE((*txn)->CreateEdge("supports", *a, *b, {{"confidence", Value(0.5)}}).ok());
    REQUIRE((*txn)->Commit().ok());
  }
  auto reader = (*store)->Snapshot();
  std::ostringstream out;
  REQUIRE(kg::graph::WriteGraphML(*reader, out).ok());
  std::string xml = out.str();
  CHECK(Count(xml, "<node ") == 3);
  CHECK(Count(xml, "<edge ") == 2);
  CHECK(xml.find("Ada &amp; &lt;Bob&gt;") != std::string::npos);
  CHECK(xml.find(">leader-of<") != std::string::npos);
  CHECK(xml.find("attr.name=\"confidence\" attr.type=\"double\"") != std::string::npos);
  // `mentions` is missing on two nodes, so it is written as text rather than a false 0.
  CHECK(xml.find("attr.name=\"mentions\" attr.type=\"string\"") != std::string::npos);
  CHECK(xml.find(">:Person<") != std::string::npos);
}

TEST_CASE("WriteGraphML: an empty store is a valid empty graph", "[graph]") {
  kg::testing::TempDir dir;
  auto store = kg::storage::Store::Open(dir / "store", {});
  REQUIRE(store.ok());
  std::ostringstream out;
  REQUIRE(kg::graph::WriteGraphML(*(*store)->Snapshot(), out).ok());
  CHECK(out.str().find("<graph ") != std::string::npos);
  CHECK(Count(out.str(), "<node ") == 0);
}
