// The RocksDB property-graph store: nodes with labels and properties, typed relationships,
// adjacency in both directions, a label index and a property index on `name` and `aliases`.
// One writer at a time per folder; any number of read-only openers. See docs/storage.md.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/graph_types.h"
#include "core/status.h"
#include "core/value.h"

namespace kg::storage {

// Whether snapshots use the in-memory read caches (topology and node property columns) of
// docs/storage.md, "Read caches". Answers are the same either way.
enum class ReadCacheMode {
  kAuto,  // built once a store generation has done enough reads through RocksDB, or on demand
  kOff,   // never: every read goes to RocksDB (for comparisons)
};

struct OpenOptions {
  // A read-only open never writes and never blocks on the writer's lock.
  bool read_only = false;
  // For a writer: make the store when the folder is missing or empty. A folder that holds
  // anything else than a kg store is refused (kInvalidArgument), never written into.
  bool create_if_missing = true;
  ReadCacheMode read_cache = ReadCacheMode::kAuto;
};

// What the read caches hold now (Store::read_cache_stats).
struct ReadCacheStats {
  uint64_t generation = 0;        // bumped by every commit and bulk load
  uint64_t topology_edges = 0;    // relationships in the topology of this generation, if built
  size_t topology_bytes = 0;      // 0 when there is none
  double topology_build_ms = 0;   // of the last build
  uint64_t topology_builds = 0;   // since the store was opened
  size_t columns = 0;             // node property columns of this generation
  size_t column_bytes = 0;
  double column_build_ms = 0;     // of the last build
  uint64_t column_builds = 0;
  // Caches a bulk load into an empty store made from its own buffers, instead of a build.
  uint64_t topology_handovers = 0;
  uint64_t column_handovers = 0;
};

struct AdjacentEdge {
  EdgeId edge = 0;
  std::string type;
  NodeId other = 0;              // the node at the far end (== the node itself for a self-loop)
  Direction direction = Direction::kOutgoing;  // as seen from the scanned node
};

// The allocation-free form of AdjacentEdge, for traversals: the type as its dictionary id
// (see GraphReader::TypeId / TypeName).
struct AdjacentRef {
  EdgeId edge = 0;
  uint32_t type = 0;
  NodeId other = 0;
  Direction direction = Direction::kOutgoing;
};

// A relationship's id, type id and endpoints: what a scan by type yields.
struct EdgeEnds {
  EdgeId edge = 0;
  uint32_t type = 0;
  NodeId source = 0;
  NodeId target = 0;
};

struct GraphCounts {
  uint64_t nodes = 0;
  uint64_t edges = 0;
  std::map<std::string, uint64_t> nodes_by_label;
  std::map<std::string, uint64_t> edges_by_type;
};

// Callbacks return true to go on, false to stop the scan early.
using NodeVisitor = std::function<bool(NodeId)>;
using EdgeVisitor = std::function<bool(EdgeId)>;
using AdjacentVisitor = std::function<bool(const AdjacentEdge&)>;
using AdjacentRefVisitor = std::function<bool(const AdjacentRef&)>;
using EdgeEndsVisitor = std::function<bool(const EdgeEnds&)>;

// A consistent read view: a snapshot, or a transaction that also sees its own writes.
// Not thread-safe; use one per thread.
class GraphReader {
 public:
  virtual ~GraphReader() = default;

  // kNotFound if there is no such node / edge.
  virtual Result<Node> GetNode(NodeId id) const = 0;
  virtual Result<Edge> GetEdge(EdgeId id) const = 0;

  // Every node / edge, in id order.
  virtual Status ScanNodes(const NodeVisitor& visit) const = 0;
  virtual Status ScanEdges(const EdgeVisitor& visit) const = 0;
  // The same with the records: one pass over the store instead of a lookup per id, several
  // times faster for full scans. The references are valid during the call only.
  virtual Status ScanNodeRecords(const std::function<bool(const Node&)>& visit) const;
  virtual Status ScanEdgeRecords(const std::function<bool(const Edge&)>& visit) const;
  // Nodes carrying `label`, in id order, through the label index.
  virtual Status ScanNodesWithLabel(std::string_view label, const NodeVisitor& visit) const = 0;
  // Nodes whose indexed property `key` equals `value`, or, for a list property such as
  // `aliases`, holds it. kInvalidArgument when `key` is not indexed (see IsIndexed).
  virtual Status LookupNodes(std::string_view key, const Value& value,
                             const NodeVisitor& visit) const = 0;
  virtual bool IsIndexed(std::string_view key) const = 0;
  // Edges at `node` in `direction`, restricted to `types` unless it is empty. Types are
  // compared after CanonicalRelationshipType ('_' reads as '-'). A self-loop is reported
  // once for kBoth.
  virtual Status ScanAdjacent(NodeId node, Direction direction,
                              const std::vector<std::string>& types,
                              const AdjacentVisitor& visit) const = 0;

  // A relationship's type and endpoints without its properties (kNotFound if there is none).
  virtual Result<EdgeEnds> GetEdgeEnds(EdgeId id) const;
  // One property of a node; null when the node lacks it; kNotFound if there is no node.
  virtual Result<Value> GetNodeProperty(NodeId id, std::string_view key) const;

  // Relationship types by dictionary id, for the id-based scans below. TypeId takes any
  // spelling ('_' reads as '-'); nullopt when the store has never seen the type, so that no
  // relationship has it. TypeName of an id TypeId gave is its canonical name.
  virtual std::optional<uint32_t> TypeId(std::string_view type) const = 0;
  virtual std::string TypeName(uint32_t type_id) const = 0;
  // As ScanAdjacent, with types as ids (all types when `type_ids` is empty).
  virtual Status ScanAdjacentRefs(NodeId node, Direction direction,
                                  const std::vector<uint32_t>& type_ids,
                                  const AdjacentRefVisitor& visit) const;
  // How many relationships ScanAdjacentRefs would visit.
  virtual Result<uint64_t> CountAdjacent(NodeId node, Direction direction,
                                         const std::vector<uint32_t>& type_ids) const;
  // Every relationship whose type is in `type_ids` (every relationship when empty), in no
  // particular order.
  virtual Status ScanEdgesByType(const std::vector<uint32_t>& type_ids,
                                 const EdgeEndsVisitor& visit) const;

  // The article node holding content with this SHA-256 (hex), if any.
  virtual Result<std::optional<NodeId>> FindArticle(std::string_view sha256_hex) const = 0;

  virtual Result<GraphCounts> Counts() const = 0;
  // Every label, relationship type and property key the store has seen (for completion).
  virtual std::vector<std::string> Labels() const = 0;
  virtual std::vector<std::string> RelationshipTypes() const = 0;
  virtual std::vector<std::string> PropertyKeys() const = 0;
};

// A write transaction: reads see the store as at Begin() plus this transaction's own writes;
// Commit() applies everything in one atomic RocksDB write, or nothing. Destroying an
// uncommitted transaction discards it.
class Transaction : public GraphReader {
 public:
  // Labels are kept sorted and unique. A property whose value is null is not stored.
  virtual Result<NodeId> CreateNode(std::vector<std::string> labels, PropertyMap properties) = 0;
  // kNotFound if an endpoint does not exist. The type is stored canonical (hyphens).
  virtual Result<EdgeId> CreateEdge(std::string type, NodeId source, NodeId target,
                                    PropertyMap properties) = 0;
  // A null value removes the property. kNotFound if there is no such node / edge.
  virtual Status SetNodeProperty(NodeId id, const std::string& key, const Value& value) = 0;
  virtual Status SetEdgeProperty(EdgeId id, const std::string& key, const Value& value) = 0;
  virtual Status AddLabels(NodeId id, const std::vector<std::string>& labels) = 0;
  virtual Status RemoveLabels(NodeId id, const std::vector<std::string>& labels) = 0;
  virtual Status DeleteEdge(EdgeId id) = 0;
  // Without `detach`, a node that still has relationships is refused with kInvalidArgument
  // (kind "DeleteConnectedNode"); with it, its relationships go first.
  virtual Status DeleteNode(NodeId id, bool detach) = 0;
  // Records that the article node `article` holds the content with this SHA-256.
  virtual Status PutArticle(std::string_view sha256_hex, NodeId article) = 0;

  virtual Status Commit() = 0;
};

// Fast loading of many new nodes and relationships (`kg import`): no reads, no checks, and
// nothing is visible until Finish(), which adds everything in one atomic step (sorted SST
// files ingested into all column families at once). Abandoning the loader adds nothing.
// Only one loader or transaction at a time per Store. Not thread-safe.
class BulkLoader {
 public:
  virtual ~BulkLoader() = default;

  // A hint that about this many nodes and relationships will be added: buffers are sized
  // once instead of growing.
  virtual void Reserve(size_t nodes, size_t edges) = 0;
  // As Transaction::CreateNode, but without reading anything.
  virtual NodeId AddNode(std::vector<std::string> labels, PropertyMap properties) = 0;
  // REQUIRES: source and target exist in the store or were added by this loader.
  virtual EdgeId AddEdge(std::string_view type, NodeId source, NodeId target,
                         const PropertyMap& properties) = 0;
  // Makes everything added visible and durable, atomically.
  virtual Status Finish() = 0;
};

// REQUIRES: every snapshot, transaction and bulk loader of a Store is destroyed before it.
// Snapshot() may be called from any thread; the rest from one thread at a time.
class Store {
 public:
  virtual ~Store() = default;

  // Opens or creates the store in `dir`. Errors: kBusy "store DIR is in use by process N"
  // when another writer holds it; kInvalidArgument when DIR exists but is not a kg store;
  // kCorruption for a damaged store or one of another format version.
  static Result<std::unique_ptr<Store>> Open(const std::string& dir, const OpenOptions& options);

  virtual const std::string& path() const = 0;
  virtual bool read_only() const = 0;

  // A read view of the store as it is now.
  virtual std::unique_ptr<GraphReader> Snapshot() const = 0;
  // kInvalidArgument when opened read-only. One transaction at a time per Store: kBusy while
  // another is neither committed nor destroyed.
  virtual Result<std::unique_ptr<Transaction>> Begin() = 0;

  // kInvalidArgument when opened read-only; kBusy while a transaction is open.
  virtual Result<std::unique_ptr<BulkLoader>> BeginBulkLoad() = 0;

  // Compacts all column families (after a bulk import); a no-op for read-only stores.
  virtual Status Compact() = 0;
  // Builds the read caches of the current generation now (the topology and the `name`
  // column), instead of when reads through RocksDB have added up. Blocks for about 0.3 s per
  // million relationships; returns at once when they are there, as after a bulk load into an
  // empty store, which hands them over. A no-op with ReadCacheMode::kOff. Any thread.
  virtual Status WarmTopology() = 0;
  virtual ReadCacheStats read_cache_stats() const = 0;

  // Bytes of table (SST) files per column family, by column family name (for benchmarks and
  // debugging; the write-ahead log and RocksDB's small files are not counted).
  virtual std::map<std::string, uint64_t> TableBytes() const = 0;

  // Commits are written to the log without fsync (they survive a crash of the process, not
  // of the machine); Sync() makes every commit so far durable. Closing the store syncs too.
  // A no-op for read-only stores.
  virtual Status Sync() = 0;
};

}  // namespace kg::storage
