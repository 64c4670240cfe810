// The in-memory read caches of one store generation (docs/storage.md, "Read caches"): the
// topology (adjacency of both directions as CSR arrays, relationship ends by id, relationships
// by type) and columns of one node property. Immutable once built, so the snapshots of a
// generation share them across threads without locks. Internal to storage/: no RocksDB here.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/value.h"
#include "storage/coding.h"
#include "storage/keys.h"

namespace kg::storage {

class Topology {
 public:
  // One adjacency entry; a node's entries are sorted by (type, other, edge), the order of the
  // `out` / `in` keys, so the entries of one type are a contiguous range.
  struct Entry {
    uint32_t type;
    uint32_t other;
    uint32_t edge;
    bool operator==(const Entry&) const = default;
  };
  // A relationship by id; type 0 (no dictionary id is 0) marks an id without a relationship.
  struct Ends {
    uint32_t type;
    uint32_t source;
    uint32_t target;
    bool operator==(const Ends&) const = default;
  };

  // One direction: node n's entries are entries[offsets[n], offsets[n + 1]).
  struct Adjacency {
    std::vector<uint32_t> offsets;  // one per node, and one more
    std::vector<Entry> entries;
    bool operator==(const Adjacency&) const = default;
  };

  // A topology from arrays made elsewhere (the bulk loader, from its own sorted buffers),
  // the relationships by type derived from `ends`. REQUIRES: what Builder would make of the
  // same relationships: both directions over the same nodes (node_limit + 1 offsets, where
  // node_limit is one more than the largest endpoint), entries sorted per node as the keys
  // are, `ends` up to the largest relationship id.
  static std::shared_ptr<const Topology> Assemble(Adjacency out, Adjacency in,
                                                  std::vector<Ends> ends);

  // Collects the `out` keys (in any order) and builds both directions. Ids must fit in 32 bits:
  // Add() returns false otherwise, and the store then keeps reading through RocksDB.
  class Builder {
   public:
    // Hints for reserving memory: the id high-water marks.
    Builder(uint64_t node_hint, uint64_t edge_hint);
    bool Add(const AdjacencyKey& key);
    std::shared_ptr<const Topology> Finish();

   private:
    struct Key {
      uint32_t source, type, target, edge;
    };
    std::vector<Key> keys_;
    uint64_t node_limit_ = 0, edge_limit_ = 0;
    uint32_t type_limit_ = 0;
  };

  // The node's entries in one direction (empty for a node the topology does not know).
  std::span<const Entry> Entries(uint64_t node, bool outgoing) const {
    const std::vector<uint32_t>& offsets = outgoing ? out_offsets_ : in_offsets_;
    if (node >= node_limit_) return {};
    const Entry* base = (outgoing ? out_ : in_).data();
    return {base + offsets[node], base + offsets[node + 1]};
  }
  // The entries of one type within Entries(): a binary search.
  static std::span<const Entry> OfType(std::span<const Entry> entries, uint32_t type);

  // Null when no relationship has this id.
  const Ends* FindEdge(uint64_t edge) const {
    if (edge >= ends_.size() || ends_[edge].type == 0) return nullptr;
    return &ends_[edge];
  }
  // Every relationship id, ascending (holes have type 0).
  const std::vector<Ends>& ends() const { return ends_; }
  // The ids of the relationships of one type, ascending.
  std::span<const uint32_t> EdgesOfType(uint32_t type) const {
    if (type + 1 >= type_offsets_.size()) return {};
    return {type_edges_.data() + type_offsets_[type], type_edges_.data() + type_offsets_[type + 1]};
  }

  uint64_t edge_count() const { return out_.size(); }
  size_t memory_bytes() const;

  // Same content (capacities aside): what tests compare.
  bool operator==(const Topology&) const = default;

 private:
  // type_offsets_ and type_edges_ from ends_: the ids of each type, ascending.
  void IndexByType(uint32_t type_limit);

  uint64_t node_limit_ = 0;  // nodes [0, node_limit_) have offsets
  std::vector<uint32_t> out_offsets_, in_offsets_;  // node_limit_ + 1 each
  std::vector<Entry> out_, in_;
  std::vector<Ends> ends_;                // indexed by relationship id
  std::vector<uint32_t> type_offsets_;    // type id -> start in type_edges_
  std::vector<uint32_t> type_edges_;
};

// One node property for every node: the encoded value (storage/coding.h) of each node in one
// arena, and whether the node exists at all.
class NodeColumn {
 public:
  enum class Lookup { kNoNode, kNull, kValue };

  class Builder {
   public:
    // Nodes must come in ascending id order. `encoded` is the property's encoded value, or
    // empty when the node lacks it. False when the column would exceed `max_bytes`. With
    // `index`, the column also finds nodes by value (FindNodes), as the property index does.
    explicit Builder(size_t max_bytes, bool index = false) : max_bytes_(max_bytes), index_(index) {}
    bool Add(uint64_t node, std::string_view encoded);
    std::shared_ptr<const NodeColumn> Finish();

   private:
    std::shared_ptr<NodeColumn> column_ = std::make_shared<NodeColumn>();
    size_t max_bytes_;
    bool index_;
    std::string scratch_;
  };

  // Decodes the node's value into *value when there is one.
  Lookup Get(uint64_t node, Value* value) const;
  size_t memory_bytes() const;

  bool operator==(const NodeColumn&) const = default;
  // Whether the column was built with an index (FindNodes).
  bool indexed() const { return indexed_; }
  // REQUIRES: indexed(). Calls visit(node) for the nodes whose value equals `value`, or, for a
  // list value, holds it, as the property index compares them (EncodeIndexValue: 1 meets 1.0),
  // in ascending id order, until visit returns false. Nothing for a null `value`.
  template <typename Visit>
  void FindNodes(const Value& value, const Visit& visit) const {
    if (value.is_null()) return;
    std::string wanted;
    EncodeIndexValue(value, &wanted);
    uint64_t hash = IndexHash(wanted);
    auto it = std::lower_bound(index_.begin(), index_.end(), IndexEntry{hash, 0});
    for (; it != index_.end() && it->hash == hash; ++it) {
      if (HoldsIndexValue(it->node, wanted) && !visit(uint64_t{it->node})) return;
    }
  }

 private:
  // One (value, node) pair of the index, by a hash of the value's index encoding; sorted by
  // hash and then node, so a value's nodes come in id order. Candidates are checked against
  // the column, so a hash collision costs a decode, never a wrong answer.
  struct IndexEntry {
    uint64_t hash;
    uint64_t node;
    bool operator<(const IndexEntry& other) const {
      return hash != other.hash ? hash < other.hash : node < other.node;
    }
    bool operator==(const IndexEntry&) const = default;
  };
  static uint64_t IndexHash(std::string_view encoded);
  // The index encodings of one value: the value's own, or one per distinct non-null element
  // of a list (as the property index keys are written).
  static std::vector<std::string> IndexValues(const Value& value);
  bool HoldsIndexValue(uint64_t node, std::string_view wanted) const;

  bool indexed_ = false;
  std::vector<IndexEntry> index_;

  // offsets_[n] .. offsets_[n + 1] is node n's encoded value; state_[n] says whether there is
  // a node n and whether it has the property.
  std::vector<uint64_t> offsets_{0};
  std::vector<uint8_t> state_;
  std::string arena_;
};

}  // namespace kg::storage
