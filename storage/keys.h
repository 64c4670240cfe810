// Key layouts of the store's column families (see docs/storage.md). All integers are
// fixed-width big-endian so that RocksDB's bytewise order is (node, type, other, edge) order
// and a prefix of a key selects a contiguous range.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "storage/coding.h"

namespace kg::storage {

// node: node id (8) -> labels and properties. edge: edge id (8) -> type, endpoints, properties.
inline std::string IdKey(uint64_t id) {
  std::string key;
  PutFixed64BE(&key, id);
  return key;
}

// out: source (8) type (4) target (8) edge (8); in: target (8) type (4) source (8) edge (8).
inline constexpr size_t kAdjacencyKeySize = 28;
struct AdjacencyKey {
  uint64_t node = 0;
  uint32_t type = 0;
  uint64_t other = 0;
  uint64_t edge = 0;
};

inline std::string EncodeAdjacencyKey(const AdjacencyKey& k) {
  std::string key;
  key.reserve(kAdjacencyKeySize);
  PutFixed64BE(&key, k.node);
  PutFixed32BE(&key, k.type);
  PutFixed64BE(&key, k.other);
  PutFixed64BE(&key, k.edge);
  return key;
}

// The same into a buffer, without allocating (the bulk loader writes millions).
inline void EncodeAdjacencyKey(const AdjacencyKey& k, char (&out)[kAdjacencyKeySize]) {
  auto put = [&out](size_t at, uint64_t v, int bytes) {
    for (int i = bytes - 1; i >= 0; --i, v >>= 8)
      out[at + static_cast<size_t>(i)] = static_cast<char>(v & 0xff);
  };
  put(0, k.node, 8);
  put(8, k.type, 4);
  put(12, k.other, 8);
  put(20, k.edge, 8);
}

// REQUIRES: key.size() == kAdjacencyKeySize.
inline AdjacencyKey DecodeAdjacencyKey(std::string_view key) {
  return AdjacencyKey{DecodeFixed64BE(key.data()), DecodeFixed32BE(key.data() + 8),
                      DecodeFixed64BE(key.data() + 12), DecodeFixed64BE(key.data() + 20)};
}

// label: label id (4) node id (8) -> empty.
inline std::string EncodeLabelKey(uint32_t label, uint64_t node) {
  std::string key;
  PutFixed32BE(&key, label);
  PutFixed64BE(&key, node);
  return key;
}

// prop: key id (4) IndexValue node id (8) -> empty. The prefix without the node id selects
// the nodes whose property equals (or, for lists, holds) the value.
inline std::string EncodePropPrefix(uint32_t key_id, const Value& value) {
  std::string key;
  PutFixed32BE(&key, key_id);
  EncodeIndexValue(value, &key);
  return key;
}

inline std::string EncodePropKey(uint32_t key_id, const Value& value, uint64_t node) {
  std::string key = EncodePropPrefix(key_id, value);
  PutFixed64BE(&key, node);
  return key;
}

// dict: kind byte + name -> id (4); lower-case kind byte + id (4) -> name.
enum class DictKind : char { kLabel = 'L', kType = 'T', kKey = 'K' };

inline std::string EncodeDictNameKey(DictKind kind, std::string_view name) {
  std::string key(1, static_cast<char>(kind));
  key.append(name);
  return key;
}

inline std::string EncodeDictIdKey(DictKind kind, uint32_t id) {
  std::string key(1, static_cast<char>(static_cast<char>(kind) + ('a' - 'A')));
  PutFixed32BE(&key, id);
  return key;
}

}  // namespace kg::storage
