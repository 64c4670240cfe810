#include "storage/store.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <set>
#include <shared_mutex>
#include <span>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include <rocksdb/db.h>
#include <rocksdb/env.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/options.h>
#include <rocksdb/table.h>
#include <rocksdb/utilities/write_batch_with_index.h>

#include "core/schema.h"
#include "storage/coding.h"
#include "storage/keys.h"
#include "storage/store_internal.h"
#include "storage/topology.h"

namespace kg::storage {

namespace fs = std::filesystem;

namespace {

const char* const kCfNames[kCfCount] = {"default", "meta", "node",  "edge",   "out",
                                        "in",      "label", "prop", "dict", "article"};

const char kFormatVersionKey[] = "format_version";
const char kNextNodeKey[] = "next.node";
const char kNextEdgeKey[] = "next.edge";
const char kNodeCountKey[] = "c.nodes";
const char kEdgeCountKey[] = "c.edges";
const char kLabelCountPrefix[] = "c.L";
const char kTypeCountPrefix[] = "c.T";

std::string LabelCountKey(uint32_t label) {
  std::string key = kLabelCountPrefix;
  PutFixed32BE(&key, label);
  return key;
}

std::string TypeCountKey(uint32_t type) {
  std::string key = kTypeCountPrefix;
  PutFixed32BE(&key, type);
  return key;
}

std::string Fixed64Value(uint64_t v) {
  std::string s;
  PutFixed64BE(&s, v);
  return s;
}

uint64_t ParseFixed64Value(const std::string& s) {
  return s.size() == 8 ? DecodeFixed64BE(s.data()) : 0;
}

bool StartsWith(const rocksdb::Slice& s, std::string_view prefix) {
  return s.size() >= prefix.size() && std::memcmp(s.data(), prefix.data(), prefix.size()) == 0;
}

// A read-only open must not create files in the store, so RocksDB gets a logger that drops
// everything instead of its LOG file.
class NullLogger : public rocksdb::Logger {
 public:
  using rocksdb::Logger::Logv;
  void Logv(const char* /*format*/, va_list /*ap*/) override {}
};

bool IsIndexedKey(std::string_view key) { return key == "name" || key == "aliases"; }

// Sorted, unique relationship type ids: `ids` itself when it already is (no copy for the
// usual zero or one type), else a sorted copy in *storage.
std::span<const uint32_t> SortedTypes(const std::vector<uint32_t>& ids,
                                      std::vector<uint32_t>* storage) {
  if (std::adjacent_find(ids.begin(), ids.end(), std::greater_equal<>()) == ids.end()) return ids;
  *storage = ids;
  std::sort(storage->begin(), storage->end());
  storage->erase(std::unique(storage->begin(), storage->end()), storage->end());
  return *storage;
}


// The index keys (without node id suffix) of one property value: one for a scalar, one per
// distinct non-null element for a list.
std::set<std::string> IndexPrefixes(uint32_t key_id, const Value& value) {
  std::set<std::string> prefixes;
  if (value.is_null()) return prefixes;
  if (value.is_list()) {
    for (const Value& element : value.as_list()) {
      if (!element.is_null()) prefixes.insert(EncodePropPrefix(key_id, element));
    }
  } else {
    prefixes.insert(EncodePropPrefix(key_id, value));
  }
  return prefixes;
}

}  // namespace

bool FindEncodedProperty(std::string_view record, uint32_t key_id, std::string_view* value) {
  *value = {};
  uint64_t n;
  if (!GetVarint64(&record, &n) || n > record.size()) return false;
  for (uint64_t i = 0; i < n; ++i) {
    uint64_t label;
    if (!GetVarint64(&record, &label)) return false;
  }
  if (!GetVarint64(&record, &n)) return false;
  for (uint64_t i = 0; i < n; ++i) {
    uint64_t key;
    if (!GetVarint64(&record, &key)) return false;
    std::string_view start = record;
    if (!SkipValue(&record)) return false;
    if (key == key_id) {
      *value = start.substr(0, start.size() - record.size());
      return true;
    }
  }
  return record.empty();
}

Status FromRocks(const rocksdb::Status& s, std::string_view context) {
  if (s.ok()) return Status::OK();
  std::string message = std::string(context) + ": " + s.ToString();
  if (s.IsNotFound()) return Status::NotFound(message);
  if (s.IsCorruption()) return Status::Corruption(message);
  if (s.IsIOError()) return Status::IOError(message);
  if (s.IsBusy() || s.IsTimedOut() || s.IsTryAgain()) return Status::Busy(message);
  if (s.IsInvalidArgument()) return Status::InvalidArgument(message);
  return Status::Internal(message);
}

// The defaults, for readers that do not know better: a lookup per id.
Status GraphReader::ScanNodeRecords(const std::function<bool(const Node&)>& visit) const {
  Status status = Status::OK();
  KG_RETURN_IF_ERROR(ScanNodes([&](NodeId id) {
    Result<Node> node = GetNode(id);
    if (!node.ok()) {
      status = node.status();
      return false;
    }
    return visit(*node);
  }));
  return status;
}

Status GraphReader::ScanEdgeRecords(const std::function<bool(const Edge&)>& visit) const {
  Status status = Status::OK();
  KG_RETURN_IF_ERROR(ScanEdges([&](EdgeId id) {
    Result<Edge> edge = GetEdge(id);
    if (!edge.ok()) {
      status = edge.status();
      return false;
    }
    return visit(*edge);
  }));
  return status;
}

Result<EdgeEnds> GraphReader::GetEdgeEnds(EdgeId id) const {
  Result<Edge> edge = GetEdge(id);
  if (!edge.ok()) return edge.status();
  std::optional<uint32_t> type = TypeId(edge->type);
  if (!type) return Status::Corruption("relationship type '" + edge->type + "' has no id");
  return EdgeEnds{edge->id, *type, edge->source, edge->target};
}

Result<Value> GraphReader::GetNodeProperty(NodeId id, std::string_view key) const {
  Result<Node> node = GetNode(id);
  if (!node.ok()) return node.status();
  auto it = node->properties.find(std::string(key));
  return it == node->properties.end() ? Value() : it->second;
}

// The id-based scans, by way of the name-based ones: correct for any reader, not fast.
Status GraphReader::ScanAdjacentRefs(NodeId node, Direction direction,
                                     const std::vector<uint32_t>& type_ids,
                                     const AdjacentRefVisitor& visit) const {
  std::vector<std::string> types;
  types.reserve(type_ids.size());
  for (uint32_t id : type_ids) types.push_back(TypeName(id));
  Status status = Status::OK();
  KG_RETURN_IF_ERROR(ScanAdjacent(node, direction, types, [&](const AdjacentEdge& e) {
    std::optional<uint32_t> id = TypeId(e.type);
    if (!id) {
      status = Status::Corruption("relationship type '" + e.type + "' has no id");
      return false;
    }
    return visit(AdjacentRef{e.edge, *id, e.other, e.direction});
  }));
  return status;
}

Result<uint64_t> GraphReader::CountAdjacent(NodeId node, Direction direction,
                                            const std::vector<uint32_t>& type_ids) const {
  uint64_t n = 0;
  KG_RETURN_IF_ERROR(ScanAdjacentRefs(node, direction, type_ids, [&](const AdjacentRef&) {
    ++n;
    return true;
  }));
  return n;
}

Status GraphReader::ScanEdgesByType(const std::vector<uint32_t>& type_ids,
                                    const EdgeEndsVisitor& visit) const {
  std::unordered_set<std::string> wanted;
  for (uint32_t id : type_ids) wanted.insert(TypeName(id));
  Status status = Status::OK();
  KG_RETURN_IF_ERROR(ScanEdgeRecords([&](const Edge& e) {
    if (!type_ids.empty() && wanted.count(e.type) == 0) return true;
    std::optional<uint32_t> id = TypeId(e.type);
    if (!id) {
      status = Status::Corruption("relationship type '" + e.type + "' has no id");
      return false;
    }
    return visit(EdgeEnds{e.id, *id, e.source, e.target});
  }));
  return status;
}

// ---------------------------------------------------------------------------------------
// StoreImpl: dictionary cache and id counters

std::optional<uint32_t> StoreImpl::FindDictId(DictKind kind, std::string_view name) const {
  std::shared_lock lock(dict_mutex_);
  const auto& ids = dict_ids_[DictIndex(kind)];
  auto it = ids.find(std::string(name));
  if (it == ids.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> StoreImpl::FindDictName(DictKind kind, uint32_t id) const {
  std::shared_lock lock(dict_mutex_);
  const auto& names = dict_names_[DictIndex(kind)];
  auto it = names.find(id);
  if (it == names.end()) return std::nullopt;
  return it->second;
}

uint32_t StoreImpl::AllocateDictId(DictKind kind) {
  std::unique_lock lock(dict_mutex_);
  return next_dict_id_[DictIndex(kind)]++;
}

void StoreImpl::PublishDictEntry(DictKind kind, const std::string& name, uint32_t id) {
  std::unique_lock lock(dict_mutex_);
  dict_ids_[DictIndex(kind)][name] = id;
  dict_names_[DictIndex(kind)][id] = name;
  next_dict_id_[DictIndex(kind)] = std::max(next_dict_id_[DictIndex(kind)], id + 1);
}

std::vector<std::string> StoreImpl::DictNames(DictKind kind) const {
  std::shared_lock lock(dict_mutex_);
  std::vector<std::string> names;
  for (const auto& [name, id] : dict_ids_[DictIndex(kind)]) names.push_back(name);
  std::sort(names.begin(), names.end());
  return names;
}

Status StoreImpl::LoadDictionary() {
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), cf(kDict)));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    rocksdb::Slice key = it->key();
    if (key.size() < 1) continue;
    char kind_byte = key[0];
    if (kind_byte != 'L' && kind_byte != 'T' && kind_byte != 'K') continue;
    if (it->value().size() != 4) {
      return Status::Corruption("store " + dir_ + ": bad dictionary entry");
    }
    uint32_t id = DecodeFixed32BE(it->value().data());
    std::string name(key.data() + 1, key.size() - 1);
    auto kind = static_cast<DictKind>(kind_byte);
    dict_ids_[DictIndex(kind)][name] = id;
    dict_names_[DictIndex(kind)][id] = name;
    next_dict_id_[DictIndex(kind)] = std::max(next_dict_id_[DictIndex(kind)], id + 1);
  }
  return FromRocks(it->status(), "store " + dir_);
}

// ---------------------------------------------------------------------------------------
// Record encoding (needs the dictionary, so it lives here rather than in coding.h)

namespace {

// Reads a node or edge's property list; `name_of` maps key ids to names.
template <typename NameOf>
bool DecodeProperties(std::string_view* in, const NameOf& name_of, PropertyMap* properties) {
  uint64_t count;
  if (!GetVarint64(in, &count)) return false;
  for (uint64_t i = 0; i < count; ++i) {
    uint64_t key_id;
    if (!GetVarint64(in, &key_id)) return false;
    std::optional<std::string> key = name_of(DictKind::kKey, static_cast<uint32_t>(key_id));
    if (!key) return false;
    Value value;
    if (!DecodeValue(in, &value)) return false;
    (*properties)[*key] = std::move(value);
  }
  return true;
}

}  // namespace

// ---------------------------------------------------------------------------------------
// Reader: every GraphReader method over two primitives (point get, iterator), so that the
// snapshot and the transaction (which also sees its own batch) share one implementation.

template <typename Base>
class ReaderImpl : public Base {
 public:
  explicit ReaderImpl(StoreImpl* store) : store_(store) {}

  Result<Node> GetNode(NodeId id) const override {
    std::string raw;
    rocksdb::Status s = RawGet(kNode, IdKey(id), &raw);
    if (s.IsNotFound()) return Status::NotFound("node " + std::to_string(id) + " does not exist");
    if (!s.ok()) return FromRocks(s, "reading node " + std::to_string(id));
    Node node;
    node.id = id;
    if (!DecodeNode(raw, &node)) {
      return Status::Corruption("node " + std::to_string(id) + ": malformed record");
    }
    return node;
  }

  Result<Edge> GetEdge(EdgeId id) const override {
    std::string raw;
    rocksdb::Status s = RawGet(kEdge, IdKey(id), &raw);
    if (s.IsNotFound()) {
      return Status::NotFound("relationship " + std::to_string(id) + " does not exist");
    }
    if (!s.ok()) return FromRocks(s, "reading relationship " + std::to_string(id));
    Edge edge;
    edge.id = id;
    if (!DecodeEdge(raw, &edge)) {
      return Status::Corruption("relationship " + std::to_string(id) + ": malformed record");
    }
    return edge;
  }

  Status ScanNodes(const NodeVisitor& visit) const override { return ScanIds(kNode, visit); }
  Status ScanEdges(const EdgeVisitor& visit) const override { return ScanIds(kEdge, visit); }

  Status ScanNodeRecords(const std::function<bool(const Node&)>& visit) const override {
    Status status = Status::OK();
    KG_RETURN_IF_ERROR(ScanPrefix(kNode, "", [&](const rocksdb::Slice& k, const rocksdb::Slice& v) {
      if (k.size() != 8) return true;
      Node node;
      node.id = DecodeFixed64BE(k.data());
      if (!DecodeNode(std::string_view(v.data(), v.size()), &node)) {
        status = Status::Corruption("node " + std::to_string(node.id) + ": malformed record");
        return false;
      }
      return visit(node);
    }));
    return status;
  }

  Status ScanEdgeRecords(const std::function<bool(const Edge&)>& visit) const override {
    Status status = Status::OK();
    KG_RETURN_IF_ERROR(ScanPrefix(kEdge, "", [&](const rocksdb::Slice& k, const rocksdb::Slice& v) {
      if (k.size() != 8) return true;
      Edge edge;
      edge.id = DecodeFixed64BE(k.data());
      if (!DecodeEdge(std::string_view(v.data(), v.size()), &edge)) {
        status = Status::Corruption("relationship " + std::to_string(edge.id) + ": malformed record");
        return false;
      }
      return visit(edge);
    }));
    return status;
  }

  Status ScanNodesWithLabel(std::string_view label, const NodeVisitor& visit) const override {
    std::optional<uint32_t> label_id = NameToId(DictKind::kLabel, label);
    if (!label_id) return Status::OK();
    std::string prefix;
    PutFixed32BE(&prefix, *label_id);
    return ScanPrefix(kLabel, prefix, [&](const rocksdb::Slice& key, const rocksdb::Slice&) {
      if (key.size() != 12) return true;
      return visit(DecodeFixed64BE(key.data() + 4));
    });
  }

  Status LookupNodes(std::string_view key, const Value& value,
                     const NodeVisitor& visit) const override {
    if (!IsIndexed(key)) {
      return Status::InvalidArgument("property '" + std::string(key) + "' is not indexed");
    }
    if (value.is_null()) return Status::OK();
    std::optional<uint32_t> key_id = NameToId(DictKind::kKey, key);
    if (!key_id) return Status::OK();
    std::string prefix = EncodePropPrefix(*key_id, value);
    return ScanPrefix(kProp, prefix, [&](const rocksdb::Slice& k, const rocksdb::Slice&) {
      if (k.size() != prefix.size() + 8) return true;
      return visit(DecodeFixed64BE(k.data() + prefix.size()));
    });
  }

  bool IsIndexed(std::string_view key) const override { return IsIndexedKey(key); }

  std::optional<uint32_t> TypeId(std::string_view type) const override {
    return NameToId(DictKind::kType, CanonicalRelationshipType(type));
  }
  std::string TypeName(uint32_t type_id) const override {
    return IdToName(DictKind::kType, type_id).value_or(std::string());
  }

  Status ScanAdjacent(NodeId node, Direction direction, const std::vector<std::string>& types,
                      const AdjacentVisitor& visit) const override {
    std::vector<uint32_t> type_ids;
    if (!ResolveTypes(types, &type_ids)) return Status::OK();
    Status status = Status::OK();
    AdjacentEdge edge;
    KG_RETURN_IF_ERROR(ScanAdjacencyKeys(node, direction, type_ids,
                                         [&](const AdjacencyKey& k, Direction seen_as) {
      std::optional<std::string> type = IdToName(DictKind::kType, k.type);
      if (!type) {
        status = Status::Corruption("unknown relationship type id " + std::to_string(k.type));
        return false;
      }
      edge = AdjacentEdge{k.edge, std::move(*type), k.other, seen_as};
      return visit(edge);
    }));
    return status;
  }

  // The id-based reads straight from the keys and records, without type names: what a
  // transaction uses, and a snapshot without its read caches.
  Status ScanAdjacentRefs(NodeId node, Direction direction, const std::vector<uint32_t>& type_ids,
                          const AdjacentRefVisitor& visit) const override {
    std::vector<uint32_t> storage;
    return ScanAdjacencyKeys(node, direction, SortedTypes(type_ids, &storage),
                             [&](const AdjacencyKey& k, Direction seen_as) {
      return visit(AdjacentRef{k.edge, k.type, k.other, seen_as});
    });
  }

  Result<uint64_t> CountAdjacent(NodeId node, Direction direction,
                                 const std::vector<uint32_t>& type_ids) const override {
    std::vector<uint32_t> storage;
    uint64_t n = 0;
    KG_RETURN_IF_ERROR(ScanAdjacencyKeys(node, direction, SortedTypes(type_ids, &storage),
                                         [&](const AdjacencyKey&, Direction) {
      ++n;
      return true;
    }));
    return n;
  }

  Status ScanEdgesByType(const std::vector<uint32_t>& type_ids,
                         const EdgeEndsVisitor& visit) const override {
    std::vector<uint32_t> storage;
    std::span<const uint32_t> types = SortedTypes(type_ids, &storage);
    Status status = Status::OK();
    KG_RETURN_IF_ERROR(ScanPrefix(kEdge, "", [&](const rocksdb::Slice& k, const rocksdb::Slice& v) {
      if (k.size() != 8) return true;
      EdgeEnds ends;
      ends.edge = DecodeFixed64BE(k.data());
      if (!DecodeEdgeEnds(std::string_view(v.data(), v.size()), &ends)) {
        status = Status::Corruption("relationship " + std::to_string(ends.edge) + ": malformed record");
        return false;
      }
      if (!types.empty() && !std::binary_search(types.begin(), types.end(), ends.type)) return true;
      return visit(ends);
    }));
    return status;
  }

  Result<EdgeEnds> GetEdgeEnds(EdgeId id) const override {
    NoteRocksWork(kGetWork);
    std::string raw;
    rocksdb::Status s = RawGet(kEdge, IdKey(id), &raw);
    if (s.IsNotFound()) {
      return Status::NotFound("relationship " + std::to_string(id) + " does not exist");
    }
    if (!s.ok()) return FromRocks(s, "reading relationship " + std::to_string(id));
    EdgeEnds ends;
    ends.edge = id;
    if (!DecodeEdgeEnds(raw, &ends)) {
      return Status::Corruption("relationship " + std::to_string(id) + ": malformed record");
    }
    return ends;
  }

  Result<Value> GetNodeProperty(NodeId id, std::string_view key) const override {
    std::string raw;
    rocksdb::Status s = RawGet(kNode, IdKey(id), &raw);
    if (s.IsNotFound()) return Status::NotFound("node " + std::to_string(id) + " does not exist");
    if (!s.ok()) return FromRocks(s, "reading node " + std::to_string(id));
    std::optional<uint32_t> key_id = NameToId(DictKind::kKey, key);
    if (!key_id) return Value();
    NotePropertyRead(*key_id);
    std::string_view encoded;
    Value value;
    if (!FindEncodedProperty(raw, *key_id, &encoded) ||
        (!encoded.empty() && !DecodeValue(&encoded, &value))) {
      return Status::Corruption("node " + std::to_string(id) + ": malformed record");
    }
    return value;
  }

  Result<std::optional<NodeId>> FindArticle(std::string_view sha256_hex) const override {
    std::string raw;
    rocksdb::Status s = RawGet(kArticle, rocksdb::Slice(sha256_hex.data(), sha256_hex.size()), &raw);
    if (s.IsNotFound()) return std::optional<NodeId>();
    if (!s.ok()) return FromRocks(s, "reading article index");
    if (raw.size() != 8) return Status::Corruption("article index: malformed entry");
    return std::optional<NodeId>(DecodeFixed64BE(raw.data()));
  }

  Result<GraphCounts> Counts() const override {
    GraphCounts counts;
    counts.nodes = ReadCounter(kNodeCountKey);
    counts.edges = ReadCounter(kEdgeCountKey);
    Status status = Status::OK();
    auto collect = [&](std::string_view prefix, DictKind kind, std::map<std::string, uint64_t>* out) {
      return ScanPrefix(kMeta, prefix, [&](const rocksdb::Slice& k, const rocksdb::Slice& v) {
        if (k.size() != prefix.size() + 4 || v.size() != 8) return true;
        uint64_t n = DecodeFixed64BE(v.data());
        if (n == 0) return true;
        std::optional<std::string> name = IdToName(kind, DecodeFixed32BE(k.data() + prefix.size()));
        if (!name) {
          status = Status::Corruption("counter for an unknown dictionary id");
          return false;
        }
        (*out)[*name] = n;
        return true;
      });
    };
    KG_RETURN_IF_ERROR(collect(kLabelCountPrefix, DictKind::kLabel, &counts.nodes_by_label));
    KG_RETURN_IF_ERROR(collect(kTypeCountPrefix, DictKind::kType, &counts.edges_by_type));
    KG_RETURN_IF_ERROR(status);
    return counts;
  }

  std::vector<std::string> Labels() const override { return store_->DictNames(DictKind::kLabel); }
  std::vector<std::string> RelationshipTypes() const override {
    return store_->DictNames(DictKind::kType);
  }
  std::vector<std::string> PropertyKeys() const override {
    return store_->DictNames(DictKind::kKey);
  }

 protected:
  virtual rocksdb::Status RawGet(Cf cf, const rocksdb::Slice& key, std::string* value) const = 0;
  virtual std::unique_ptr<rocksdb::Iterator> RawIterator(Cf cf) const = 0;
  // The transaction adds its not yet committed dictionary entries.
  virtual std::optional<uint32_t> NameToId(DictKind kind, std::string_view name) const {
    return store_->FindDictId(kind, name);
  }
  virtual std::optional<std::string> IdToName(DictKind kind, uint32_t id) const {
    return store_->FindDictName(kind, id);
  }

  // Reads through RocksDB add up to `work` (about one unit per adjacency entry); a snapshot
  // builds its read caches when enough has added up.
  static constexpr uint64_t kSeekWork = 4;
  static constexpr uint64_t kGetWork = 4;
  virtual void NoteRocksWork(uint64_t /*work*/) const {}
  virtual void NotePropertyRead(uint32_t /*key_id*/) const {}

  // The ids of relationship type names, sorted and unique, into *ids (empty: all types).
  // False when `types` names types but none exists, so nothing matches.
  bool ResolveTypes(const std::vector<std::string>& types, std::vector<uint32_t>* ids) const {
    for (const std::string& type : types) {
      std::optional<uint32_t> id = NameToId(DictKind::kType, CanonicalRelationshipType(type));
      if (id) ids->push_back(*id);
    }
    if (types.empty()) return true;
    if (ids->empty()) return false;
    std::sort(ids->begin(), ids->end());
    ids->erase(std::unique(ids->begin(), ids->end()), ids->end());
    return true;
  }

  // Calls visit(key, seen_as) for the adjacency keys of `node`, of the types `types` (sorted,
  // unique; all when empty), in key order, `out` before `in`, until it returns false. A
  // self-loop is in both `out` and `in`; for kBoth it is reported from `out` only.
  template <typename Visit>
  Status ScanAdjacencyKeys(NodeId node, Direction direction, std::span<const uint32_t> types,
                           const Visit& visit) const {
    bool stopped = false;
    uint64_t work = 0;
    auto scan_one = [&](Cf cf, Direction seen_as) -> Status {
      std::string prefix = IdKey(node);
      size_t prefixes = types.empty() ? 1 : types.size();
      for (size_t i = 0; i < prefixes && !stopped; ++i) {
        prefix.resize(8);
        if (!types.empty()) PutFixed32BE(&prefix, types[i]);
        work += kSeekWork;
        KG_RETURN_IF_ERROR(ScanPrefix(cf, prefix, [&](const rocksdb::Slice& k, const rocksdb::Slice&) {
          if (k.size() != kAdjacencyKeySize) return true;
          AdjacencyKey adjacency = DecodeAdjacencyKey(std::string_view(k.data(), k.size()));
          ++work;
          if (direction == Direction::kBoth && cf == kIn && adjacency.other == node) return true;
          if (!visit(adjacency, seen_as)) {
            stopped = true;
            return false;
          }
          return true;
        }));
      }
      return Status::OK();
    };
    Status status = Status::OK();
    if (direction == Direction::kOutgoing || direction == Direction::kBoth) {
      status = scan_one(kOut, Direction::kOutgoing);
    }
    if (status.ok() && !stopped &&
        (direction == Direction::kIncoming || direction == Direction::kBoth)) {
      status = scan_one(kIn, Direction::kIncoming);
    }
    NoteRocksWork(work);
    return status;
  }

  // Calls visit(key, value) for each key with `prefix`, in order, until it returns false.
  template <typename Visit>
  Status ScanPrefix(Cf cf, std::string_view prefix, const Visit& visit) const {
    std::unique_ptr<rocksdb::Iterator> it = RawIterator(cf);
    for (it->Seek(rocksdb::Slice(prefix.data(), prefix.size())); it->Valid(); it->Next()) {
      if (!StartsWith(it->key(), prefix)) break;
      if (!visit(it->key(), it->value())) break;
    }
    return FromRocks(it->status(), "scanning the store");
  }

  Status ScanIds(Cf cf, const std::function<bool(uint64_t)>& visit) const {
    return ScanPrefix(cf, "", [&](const rocksdb::Slice& k, const rocksdb::Slice&) {
      if (k.size() != 8) return true;
      return visit(DecodeFixed64BE(k.data()));
    });
  }

  uint64_t ReadCounter(std::string_view key) const {
    std::string raw;
    if (!RawGet(kMeta, rocksdb::Slice(key.data(), key.size()), &raw).ok()) return 0;
    return ParseFixed64Value(raw);
  }

  bool DecodeNode(std::string_view in, Node* node) const {
    uint64_t label_count;
    if (!GetVarint64(&in, &label_count) || label_count > in.size()) return false;
    for (uint64_t i = 0; i < label_count; ++i) {
      uint64_t label_id;
      if (!GetVarint64(&in, &label_id)) return false;
      std::optional<std::string> label = IdToName(DictKind::kLabel, static_cast<uint32_t>(label_id));
      if (!label) return false;
      node->labels.push_back(std::move(*label));
    }
    std::sort(node->labels.begin(), node->labels.end());
    auto name_of = [this](DictKind kind, uint32_t id) { return IdToName(kind, id); };
    return DecodeProperties(&in, name_of, &node->properties) && in.empty();
  }

  // The type and endpoints at the head of an edge record.
  static bool DecodeEdgeEnds(std::string_view in, EdgeEnds* ends) {
    uint64_t type_id;
    if (!GetVarint64(&in, &type_id) || in.size() < 16) return false;
    ends->type = static_cast<uint32_t>(type_id);
    ends->source = DecodeFixed64BE(in.data());
    ends->target = DecodeFixed64BE(in.data() + 8);
    return true;
  }

  bool DecodeEdge(std::string_view in, Edge* edge) const {
    uint64_t type_id;
    if (!GetVarint64(&in, &type_id) || in.size() < 16) return false;
    std::optional<std::string> type = IdToName(DictKind::kType, static_cast<uint32_t>(type_id));
    if (!type) return false;
    edge->type = std::move(*type);
    edge->source = DecodeFixed64BE(in.data());
    edge->target = DecodeFixed64BE(in.data() + 8);
    in.remove_prefix(16);
    auto name_of = [this](DictKind kind, uint32_t id) { return IdToName(kind, id); };
    return DecodeProperties(&in, name_of, &edge->properties) && in.empty();
  }

  StoreImpl* store_;
};

// ---------------------------------------------------------------------------------------
// Snapshot

// A read view on a RocksDB snapshot. Once the store has built the read caches of the
// snapshot's generation (docs/storage.md, "Read caches"), adjacency, scans by type, edge ends
// and cached node properties are answered from memory; everything else reads RocksDB.
class SnapshotImpl final : public ReaderImpl<GraphReader> {
 public:
  explicit SnapshotImpl(StoreImpl* store) : ReaderImpl(store) {
    generation_ = store->read_cache().Pin([&] {
      if (!store->read_only()) snapshot_ = store->db()->GetSnapshot();
    });
    read_options_.snapshot = snapshot_;
    use_cache_ = store->read_cache().mode() != ReadCacheMode::kOff;
  }
  ~SnapshotImpl() override {
    // Hand over what this snapshot read through RocksDB; the next snapshot that passes the
    // threshold builds (not this destructor).
    if (use_cache_ && pending_work_ > 0) {
      store_->read_cache().AddTopologyWork(generation_, pending_work_, TopologyThreshold());
    }
    for (const ColumnMemo& memo : columns_) FlushColumnWork(memo, /*build=*/false);
    if (snapshot_ != nullptr) store_->db()->ReleaseSnapshot(snapshot_);
  }

  Status ScanAdjacent(NodeId node, Direction direction, const std::vector<std::string>& types,
                      const AdjacentVisitor& visit) const override {
    const Topology* topology = CachedTopology();
    if (topology == nullptr) return ReaderImpl::ScanAdjacent(node, direction, types, visit);
    std::vector<uint32_t> type_ids;
    if (!ResolveTypes(types, &type_ids)) return Status::OK();
    Status status = Status::OK();
    AdjacentEdge edge;
    edge.other = 0;
    VisitCached(*topology, node, direction, type_ids,
                [&](const Topology::Entry& e, Direction seen_as) {
      const std::string* type = TypeNameOf(e.type);
      if (type == nullptr) {
        status = Status::Corruption("unknown relationship type id " + std::to_string(e.type));
        return false;
      }
      edge.edge = e.edge;
      edge.type = *type;  // reuses the buffer: no allocation per entry
      edge.other = e.other;
      edge.direction = seen_as;
      return visit(edge);
    });
    return status;
  }

  Status ScanAdjacentRefs(NodeId node, Direction direction, const std::vector<uint32_t>& type_ids,
                          const AdjacentRefVisitor& visit) const override {
    const Topology* topology = CachedTopology();
    if (topology == nullptr) return ReaderImpl::ScanAdjacentRefs(node, direction, type_ids, visit);
    std::vector<uint32_t> storage;
    VisitCached(*topology, node, direction, SortedTypes(type_ids, &storage),
                [&](const Topology::Entry& e, Direction seen_as) {
      return visit(AdjacentRef{e.edge, e.type, e.other, seen_as});
    });
    return Status::OK();
  }

  Result<uint64_t> CountAdjacent(NodeId node, Direction direction,
                                 const std::vector<uint32_t>& type_ids) const override {
    const Topology* topology = CachedTopology();
    if (topology == nullptr) return ReaderImpl::CountAdjacent(node, direction, type_ids);
    std::vector<uint32_t> storage;
    std::span<const uint32_t> types = SortedTypes(type_ids, &storage);
    auto count = [&](bool outgoing) {
      std::span<const Topology::Entry> all = topology->Entries(node, outgoing);
      uint64_t n = 0, loops = 0;
      auto add = [&](std::span<const Topology::Entry> range) {
        n += range.size();
        // A self-loop is in both directions; kBoth counts it once. Within one type the
        // entries are sorted by the other node, so the loops are found by binary search.
        if (!outgoing || direction != Direction::kBoth) return;
        for (auto it = range.begin(); it != range.end();) {
          uint32_t type = it->type;
          auto type_end = std::upper_bound(it, range.end(), type,
                                           [](uint32_t t, const Topology::Entry& e) { return t < e.type; });
          auto lo = std::lower_bound(it, type_end, node,
                                     [](const Topology::Entry& e, NodeId v) { return e.other < v; });
          auto hi = std::upper_bound(lo, type_end, node,
                                     [](NodeId v, const Topology::Entry& e) { return v < e.other; });
          loops += static_cast<uint64_t>(hi - lo);
          it = type_end;
        }
      };
      if (types.empty()) {
        add(all);
      } else {
        for (uint32_t type : types) add(Topology::OfType(all, type));
      }
      return n - loops;
    };
    uint64_t n = 0;
    if (direction != Direction::kIncoming) n += count(true);
    if (direction != Direction::kOutgoing) n += count(false);
    return n;
  }

  Status ScanEdgesByType(const std::vector<uint32_t>& type_ids,
                         const EdgeEndsVisitor& visit) const override {
    // Without the cache this is a scan of every relationship record, dearer than building.
    const Topology* topology = CachedTopology();
    if (topology == nullptr && use_cache_) topology = BuildTopology(/*wait=*/true);
    if (topology == nullptr) return ReaderImpl::ScanEdgesByType(type_ids, visit);
    const std::vector<Topology::Ends>& ends = topology->ends();
    if (type_ids.empty()) {
      for (size_t id = 0; id < ends.size(); ++id) {
        const Topology::Ends& e = ends[id];
        if (e.type != 0 && !visit(EdgeEnds{id, e.type, e.source, e.target})) break;
      }
      return Status::OK();
    }
    std::vector<uint32_t> storage;
    for (uint32_t type : SortedTypes(type_ids, &storage)) {
      for (uint32_t id : topology->EdgesOfType(type)) {
        const Topology::Ends& e = ends[id];
        if (!visit(EdgeEnds{id, e.type, e.source, e.target})) return Status::OK();
      }
    }
    return Status::OK();
  }

  Result<EdgeEnds> GetEdgeEnds(EdgeId id) const override {
    const Topology* topology = CachedTopology();
    if (topology == nullptr) return ReaderImpl::GetEdgeEnds(id);
    const Topology::Ends* e = topology->FindEdge(id);
    if (e == nullptr) return Status::NotFound("relationship " + std::to_string(id) + " does not exist");
    return EdgeEnds{id, e->type, e->source, e->target};
  }

  Status LookupNodes(std::string_view key, const Value& value,
                     const NodeVisitor& visit) const override {
    // The column of an indexed key holds the same (value, node) pairs as the property index
    // of this generation: a hash lookup instead of a RocksDB seek.
    if (IsIndexed(key)) {
      const NodeColumn* column = CachedColumn(key);
      if (column != nullptr && column->indexed()) {
        column->FindNodes(value, [&](uint64_t node) { return visit(node); });
        return Status::OK();
      }
    }
    return ReaderImpl::LookupNodes(key, value, visit);
  }

  Result<Value> GetNodeProperty(NodeId id, std::string_view key) const override {
    if (const NodeColumn* column = CachedColumn(key)) {
      Value value;
      switch (column->Get(id, &value)) {
        case NodeColumn::Lookup::kNoNode:
          return Status::NotFound("node " + std::to_string(id) + " does not exist");
        case NodeColumn::Lookup::kNull: return Value();
        case NodeColumn::Lookup::kValue: return value;
      }
    }
    return ReaderImpl::GetNodeProperty(id, key);
  }

  // Builds the topology and the `name` column of this snapshot's generation (waiting for a
  // build in progress).
  Status Warm() const {
    if (!use_cache_) return Status::OK();
    BuildTopology(/*wait=*/true);
    if (std::optional<uint32_t> name = NameToId(DictKind::kKey, "name")) {
      store_->read_cache().BuildColumn(generation_, *name, /*wait=*/true,
                                       [&] { return BuildColumnFromRocks(*name, /*index=*/true); });
    }
    return Status::OK();
  }

 protected:
  rocksdb::Status RawGet(Cf cf, const rocksdb::Slice& key, std::string* value) const override {
    return store_->db()->Get(read_options_, store_->cf(cf), key, value);
  }
  std::unique_ptr<rocksdb::Iterator> RawIterator(Cf cf) const override {
    return std::unique_ptr<rocksdb::Iterator>(store_->db()->NewIterator(read_options_, store_->cf(cf)));
  }

  void NoteRocksWork(uint64_t work) const override {
    if (!use_cache_) return;
    pending_work_ += work;
    if (pending_work_ < kWorkBatch) return;
    bool build = store_->read_cache().AddTopologyWork(generation_, pending_work_, TopologyThreshold());
    pending_work_ = 0;
    if (build) BuildTopology(/*wait=*/false);
  }

  void NotePropertyRead(uint32_t key_id) const override {
    if (!use_cache_) return;
    for (ColumnMemo& memo : columns_) {
      if (memo.key_id != key_id) continue;
      if (++memo.pending >= kColumnBatch) {
        FlushColumnWork(memo, /*build=*/true);
        memo.pending = 0;
      }
      return;
    }
  }

 private:
  // Reads through RocksDB are handed to the store in batches, to keep its mutex off the
  // per-call path.
  static constexpr uint64_t kWorkBatch = 4096;
  static constexpr uint64_t kColumnBatch = 256;
  // Build a cache once the snapshots of a generation have spent about as much time reading
  // through RocksDB as the build takes (a ski-rental rule: never more than twice the better
  // choice). Measured at 1M relationships (docs/storage.md): an adjacency entry through
  // RocksDB costs about 0.55 µs (a seek about 4 entries), the topology build 0.17 µs per
  // relationship, so one third of a work unit per relationship; a GetNodeProperty through
  // RocksDB 2.7 µs, a column build 0.22 µs per node, so one read per 12 nodes.
  static constexpr uint64_t kMinTopologyWork = 50'000;
  static constexpr uint64_t kTopologyWorkDivisor = 3;  // relationships per work unit
  static constexpr uint64_t kMinColumnReads = 5'000;
  static constexpr uint64_t kColumnReadDivisor = 12;  // nodes per read

  struct ColumnMemo {
    std::string key;
    std::optional<uint32_t> key_id;
    std::shared_ptr<const NodeColumn> column;
    uint64_t pending = 0;
  };

  uint64_t TopologyThreshold() const {
    return std::max(kMinTopologyWork, store_->next_edge_id() / kTopologyWorkDivisor);
  }
  uint64_t ColumnThreshold() const {
    return std::max(kMinColumnReads, store_->next_node_id() / kColumnReadDivisor);
  }

  const Topology* CachedTopology() const {
    if (topology_ || !use_cache_) return topology_.get();
    topology_ = store_->read_cache().topology(generation_);
    return topology_.get();
  }

  const Topology* BuildTopology(bool wait) const {
    std::shared_ptr<const Topology> built = store_->read_cache().BuildTopology(
        generation_, wait, [&] { return BuildTopologyFromRocks(); });
    if (built) topology_ = std::move(built);
    return topology_.get();
  }

  // One pass over `out` of this snapshot; null when an id does not fit the cache's 32 bits
  // or the read fails (the snapshot then stays with RocksDB).
  std::shared_ptr<const Topology> BuildTopologyFromRocks() const {
    rocksdb::ReadOptions options = read_options_;
    options.fill_cache = false;  // a one-off pass: keep the block cache for lookups
    options.readahead_size = 2 << 20;
    std::unique_ptr<rocksdb::Iterator> it(store_->db()->NewIterator(options, store_->cf(kOut)));
    Topology::Builder builder(store_->next_node_id(), store_->next_edge_id());
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      rocksdb::Slice key = it->key();
      if (key.size() != kAdjacencyKeySize) continue;
      if (!builder.Add(DecodeAdjacencyKey(std::string_view(key.data(), key.size())))) return nullptr;
    }
    if (!it->status().ok()) return nullptr;
    return builder.Finish();
  }

  // With `index` (for the indexed keys), the column also answers LookupNodes.
  std::shared_ptr<const NodeColumn> BuildColumnFromRocks(uint32_t key_id, bool index) const {
    rocksdb::ReadOptions options = read_options_;
    options.fill_cache = false;
    options.readahead_size = 2 << 20;
    std::unique_ptr<rocksdb::Iterator> it(store_->db()->NewIterator(options, store_->cf(kNode)));
    NodeColumn::Builder builder(ReadCache::kMaxColumnBytes, index);
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      rocksdb::Slice key = it->key();
      if (key.size() != 8) continue;
      std::string_view encoded;
      if (!FindEncodedProperty(std::string_view(it->value().data(), it->value().size()), key_id,
                               &encoded)) {
        return nullptr;
      }
      Value check;
      std::string_view copy = encoded;
      if (!encoded.empty() && !DecodeValue(&copy, &check)) return nullptr;
      if (!builder.Add(DecodeFixed64BE(key.data()), encoded)) return nullptr;
    }
    if (!it->status().ok()) return nullptr;
    return builder.Finish();
  }

  // The column for `key` if the store has one for this generation; remembers the answer
  // for a few keys, so that a property read per row costs no dictionary or mutex.
  const NodeColumn* CachedColumn(std::string_view key) const {
    if (!use_cache_) return nullptr;
    for (const ColumnMemo& memo : columns_) {
      if (memo.key == key) return memo.column.get();
    }
    if (columns_.size() >= 4) {
      FlushColumnWork(columns_.front(), /*build=*/false);
      columns_.erase(columns_.begin());
    }
    ColumnMemo memo;
    memo.key = std::string(key);
    memo.key_id = NameToId(DictKind::kKey, key);
    if (memo.key_id) memo.column = store_->read_cache().column(generation_, *memo.key_id);
    columns_.push_back(std::move(memo));
    return columns_.back().column.get();
  }

  void FlushColumnWork(const ColumnMemo& memo, bool build) const {
    if (!memo.key_id || memo.column) return;
    ColumnMemo& m = const_cast<ColumnMemo&>(memo);
    bool due = m.pending > 0 && store_->read_cache().AddColumnWork(generation_, *m.key_id, m.pending,
                                                                   ColumnThreshold());
    m.pending = 0;
    if (due && build) {
      m.column = store_->read_cache().BuildColumn(generation_, *m.key_id, /*wait=*/false,
                                                  [&] {
                                                    return BuildColumnFromRocks(*m.key_id,
                                                                                IsIndexedKey(m.key));
                                                  });
    } else if (build) {
      m.column = store_->read_cache().column(generation_, *m.key_id);  // built by another
    }
  }

  // Type names by id, for ScanAdjacent from the topology (names never change).
  const std::string* TypeNameOf(uint32_t type_id) const {
    if (type_id < type_names_.size() && type_names_[type_id]) return &*type_names_[type_id];
    std::optional<std::string> name = IdToName(DictKind::kType, type_id);
    if (!name) return nullptr;
    if (type_id >= type_names_.size()) type_names_.resize(type_id + 1);
    type_names_[type_id] = std::move(*name);
    return &*type_names_[type_id];
  }

  // Calls visit(entry, seen_as) as ScanAdjacencyKeys does for keys, in the same order.
  template <typename Visit>
  static void VisitCached(const Topology& topology, NodeId node, Direction direction,
                          std::span<const uint32_t> types, const Visit& visit) {
    auto scan_one = [&](bool outgoing, Direction seen_as) {
      std::span<const Topology::Entry> all = topology.Entries(node, outgoing);
      bool skip_loops = !outgoing && direction == Direction::kBoth;
      auto visit_range = [&](std::span<const Topology::Entry> range) {
        for (const Topology::Entry& e : range) {
          if (skip_loops && e.other == node) continue;
          if (!visit(e, seen_as)) return false;
        }
        return true;
      };
      if (types.empty()) return visit_range(all);
      for (uint32_t type : types) {
        if (!visit_range(Topology::OfType(all, type))) return false;
      }
      return true;
    };
    if (direction != Direction::kIncoming && !scan_one(true, Direction::kOutgoing)) return;
    if (direction != Direction::kOutgoing) scan_one(false, Direction::kIncoming);
  }

  const rocksdb::Snapshot* snapshot_ = nullptr;
  rocksdb::ReadOptions read_options_;
  uint64_t generation_ = 0;
  bool use_cache_ = true;
  mutable std::shared_ptr<const Topology> topology_;
  mutable uint64_t pending_work_ = 0;
  mutable std::vector<ColumnMemo> columns_;
  mutable std::vector<std::optional<std::string>> type_names_;
};

// ---------------------------------------------------------------------------------------
// Transaction

class TransactionImpl final : public ReaderImpl<Transaction> {
 public:
  explicit TransactionImpl(StoreImpl* store)
      : ReaderImpl(store), batch_(rocksdb::BytewiseComparator(), 0, /*overwrite_key=*/true) {
    snapshot_ = store->db()->GetSnapshot();
    read_options_.snapshot = snapshot_;
  }

  ~TransactionImpl() override {
    store_->db()->ReleaseSnapshot(snapshot_);
    if (!done_) store_->EndWriter();
  }

  Result<NodeId> CreateNode(std::vector<std::string> labels, PropertyMap properties) override {
    KG_RETURN_IF_ERROR(CheckOpen());
    std::sort(labels.begin(), labels.end());
    labels.erase(std::unique(labels.begin(), labels.end()), labels.end());
    for (auto it = properties.begin(); it != properties.end();) {
      it = it->second.is_null() ? properties.erase(it) : std::next(it);
    }
    NodeId id = store_->AllocateNodeIds(1);
    Node node{id, std::move(labels), std::move(properties)};
    PutNodeRecord(node);
    for (const std::string& label : node.labels) {
      uint32_t label_id = DictId(DictKind::kLabel, label);
      Put(kLabel, EncodeLabelKey(label_id, id), "");
      AddCounter(LabelCountKey(label_id), 1);
    }
    for (const auto& [key, value] : node.properties) UpdateIndex(id, key, Value(), value);
    AddCounter(kNodeCountKey, 1);
    return id;
  }

  Result<EdgeId> CreateEdge(std::string type, NodeId source, NodeId target,
                            PropertyMap properties) override {
    KG_RETURN_IF_ERROR(CheckOpen());
    KG_RETURN_IF_ERROR(CheckNodeExists(source));
    KG_RETURN_IF_ERROR(CheckNodeExists(target));
    for (auto it = properties.begin(); it != properties.end();) {
      it = it->second.is_null() ? properties.erase(it) : std::next(it);
    }
    EdgeId id = store_->AllocateEdgeIds(1);
    Edge edge{id, CanonicalRelationshipType(type), source, target, std::move(properties)};
    uint32_t type_id = DictId(DictKind::kType, edge.type);
    PutEdgeRecord(edge, type_id);
    Put(kOut, EncodeAdjacencyKey({source, type_id, target, id}), "");
    Put(kIn, EncodeAdjacencyKey({target, type_id, source, id}), "");
    AddCounter(kEdgeCountKey, 1);
    AddCounter(TypeCountKey(type_id), 1);
    return id;
  }

  Status SetNodeProperty(NodeId id, const std::string& key, const Value& value) override {
    KG_RETURN_IF_ERROR(CheckOpen());
    Result<Node> node = GetNode(id);
    if (!node.ok()) return node.status();
    Value old;
    auto it = node->properties.find(key);
    if (it != node->properties.end()) old = it->second;
    if (value.is_null()) {
      if (it == node->properties.end()) return Status::OK();
      node->properties.erase(it);
    } else {
      node->properties[key] = value;
    }
    PutNodeRecord(*node);
    UpdateIndex(id, key, old, value);
    return Status::OK();
  }

  Status SetEdgeProperty(EdgeId id, const std::string& key, const Value& value) override {
    KG_RETURN_IF_ERROR(CheckOpen());
    Result<Edge> edge = GetEdge(id);
    if (!edge.ok()) return edge.status();
    if (value.is_null()) {
      if (edge->properties.erase(key) == 0) return Status::OK();
    } else {
      edge->properties[key] = value;
    }
    PutEdgeRecord(*edge, DictId(DictKind::kType, edge->type));
    return Status::OK();
  }

  Status AddLabels(NodeId id, const std::vector<std::string>& labels) override {
    KG_RETURN_IF_ERROR(CheckOpen());
    Result<Node> node = GetNode(id);
    if (!node.ok()) return node.status();
    bool changed = false;
    for (const std::string& label : labels) {
      if (std::binary_search(node->labels.begin(), node->labels.end(), label)) continue;
      node->labels.insert(std::lower_bound(node->labels.begin(), node->labels.end(), label), label);
      uint32_t label_id = DictId(DictKind::kLabel, label);
      Put(kLabel, EncodeLabelKey(label_id, id), "");
      AddCounter(LabelCountKey(label_id), 1);
      changed = true;
    }
    if (changed) PutNodeRecord(*node);
    return Status::OK();
  }

  Status RemoveLabels(NodeId id, const std::vector<std::string>& labels) override {
    KG_RETURN_IF_ERROR(CheckOpen());
    Result<Node> node = GetNode(id);
    if (!node.ok()) return node.status();
    bool changed = false;
    for (const std::string& label : labels) {
      auto it = std::lower_bound(node->labels.begin(), node->labels.end(), label);
      if (it == node->labels.end() || *it != label) continue;
      node->labels.erase(it);
      uint32_t label_id = DictId(DictKind::kLabel, label);
      Delete(kLabel, EncodeLabelKey(label_id, id));
      AddCounter(LabelCountKey(label_id), -1);
      changed = true;
    }
    if (changed) PutNodeRecord(*node);
    return Status::OK();
  }

  Status DeleteEdge(EdgeId id) override {
    KG_RETURN_IF_ERROR(CheckOpen());
    Result<Edge> edge = GetEdge(id);
    if (!edge.ok()) return edge.status();
    uint32_t type_id = DictId(DictKind::kType, edge->type);
    Delete(kEdge, IdKey(id));
    Delete(kOut, EncodeAdjacencyKey({edge->source, type_id, edge->target, id}));
    Delete(kIn, EncodeAdjacencyKey({edge->target, type_id, edge->source, id}));
    AddCounter(kEdgeCountKey, -1);
    AddCounter(TypeCountKey(type_id), -1);
    return Status::OK();
  }

  Status DeleteNode(NodeId id, bool detach) override {
    KG_RETURN_IF_ERROR(CheckOpen());
    Result<Node> node = GetNode(id);
    if (!node.ok()) return node.status();
    std::vector<EdgeId> edges;
    KG_RETURN_IF_ERROR(ScanAdjacent(id, Direction::kBoth, {}, [&](const AdjacentEdge& e) {
      edges.push_back(e.edge);
      return detach;  // without detach one edge is enough to refuse
    }));
    if (!edges.empty() && !detach) {
      return Status::InvalidArgument("cannot delete node " + std::to_string(id) +
                                     " because it still has relationships; use DETACH DELETE")
          .WithKind("DeleteConnectedNode");
    }
    for (EdgeId edge : edges) KG_RETURN_IF_ERROR(DeleteEdge(edge));
    for (const std::string& label : node->labels) {
      uint32_t label_id = DictId(DictKind::kLabel, label);
      Delete(kLabel, EncodeLabelKey(label_id, id));
      AddCounter(LabelCountKey(label_id), -1);
    }
    for (const auto& [key, value] : node->properties) UpdateIndex(id, key, value, Value());
    if (node->HasLabel("Article")) {
      auto sha = node->properties.find("sha256");
      if (sha != node->properties.end() && sha->second.is_string()) {
        Result<std::optional<NodeId>> article = FindArticle(sha->second.as_string());
        if (article.ok() && article->has_value() && **article == id) {
          Delete(kArticle, sha->second.as_string());
        }
      }
    }
    Delete(kNode, IdKey(id));
    AddCounter(kNodeCountKey, -1);
    return Status::OK();
  }

  Status PutArticle(std::string_view sha256_hex, NodeId article) override {
    KG_RETURN_IF_ERROR(CheckOpen());
    Put(kArticle, std::string(sha256_hex), IdKey(article));
    return Status::OK();
  }

  Status Commit() override {
    KG_RETURN_IF_ERROR(CheckOpen());
    Put(kMeta, kNextNodeKey, Fixed64Value(store_->next_node_id()));
    Put(kMeta, kNextEdgeKey, Fixed64Value(store_->next_edge_id()));
    // A new generation: snapshots taken from now on see this commit, its dictionary entries
    // included, and none of the read caches of the old generation.
    rocksdb::Status s = store_->read_cache().Apply([&] {
      rocksdb::Status write = store_->db()->Write(rocksdb::WriteOptions(), batch_.GetWriteBatch());
      if (write.ok()) {
        for (const auto& [kind_name, id] : pending_ids_) {
          store_->PublishDictEntry(kind_name.first, kind_name.second, id);
        }
      }
      return write;
    });
    if (!s.ok()) return FromRocks(s, "committing to store " + store_->path());
    done_ = true;
    // A committed transaction is spent: the next one may begin before this object goes.
    store_->EndWriter();
    return Status::OK();
  }

 protected:
  rocksdb::Status RawGet(Cf cf, const rocksdb::Slice& key, std::string* value) const override {
    return const_cast<rocksdb::WriteBatchWithIndex&>(batch_).GetFromBatchAndDB(
        store_->db(), read_options_, store_->cf(cf), key, value);
  }
  std::unique_ptr<rocksdb::Iterator> RawIterator(Cf cf) const override {
    rocksdb::Iterator* base = store_->db()->NewIterator(read_options_, store_->cf(cf));
    return std::unique_ptr<rocksdb::Iterator>(
        const_cast<rocksdb::WriteBatchWithIndex&>(batch_).NewIteratorWithBase(store_->cf(cf), base));
  }
  std::optional<uint32_t> NameToId(DictKind kind, std::string_view name) const override {
    auto it = pending_ids_.find({kind, std::string(name)});
    if (it != pending_ids_.end()) return it->second;
    return store_->FindDictId(kind, name);
  }
  std::optional<std::string> IdToName(DictKind kind, uint32_t id) const override {
    auto it = pending_names_.find({kind, id});
    if (it != pending_names_.end()) return it->second;
    return store_->FindDictName(kind, id);
  }

 private:
  Status CheckOpen() const {
    if (done_) return Status::InvalidArgument("the transaction is already committed");
    return Status::OK();
  }

  void Put(Cf cf, std::string_view key, std::string_view value) {
    batch_.Put(store_->cf(cf), rocksdb::Slice(key.data(), key.size()),
               rocksdb::Slice(value.data(), value.size()));
  }
  void Delete(Cf cf, std::string_view key) {
    batch_.Delete(store_->cf(cf), rocksdb::Slice(key.data(), key.size()));
  }

  uint32_t DictId(DictKind kind, const std::string& name) {
    if (std::optional<uint32_t> id = NameToId(kind, name)) return *id;
    uint32_t id = store_->AllocateDictId(kind);
    Put(kDict, EncodeDictNameKey(kind, name), [&] {
      std::string v;
      PutFixed32BE(&v, id);
      return v;
    }());
    Put(kDict, EncodeDictIdKey(kind, id), name);
    pending_ids_[{kind, name}] = id;
    pending_names_[{kind, id}] = name;
    return id;
  }

  void AddCounter(std::string_view key, int64_t delta) {
    uint64_t current = ReadCounter(key);
    Put(kMeta, key, Fixed64Value(current + static_cast<uint64_t>(delta)));
  }

  Status CheckNodeExists(NodeId id) const {
    std::string raw;
    rocksdb::Status s = RawGet(kNode, IdKey(id), &raw);
    if (s.IsNotFound()) return Status::NotFound("node " + std::to_string(id) + " does not exist");
    return FromRocks(s, "reading node " + std::to_string(id));
  }

  void EncodeProperties(const PropertyMap& properties, std::string* out) {
    size_t count = 0;
    for (const auto& [key, value] : properties) count += value.is_null() ? 0 : 1;
    PutVarint64(out, count);
    for (const auto& [key, value] : properties) {
      if (value.is_null()) continue;
      PutVarint64(out, DictId(DictKind::kKey, key));
      EncodeValue(value, out);
    }
  }

  void PutNodeRecord(const Node& node) {
    std::string record;
    PutVarint64(&record, node.labels.size());
    for (const std::string& label : node.labels) PutVarint64(&record, DictId(DictKind::kLabel, label));
    EncodeProperties(node.properties, &record);
    Put(kNode, IdKey(node.id), record);
  }

  void PutEdgeRecord(const Edge& edge, uint32_t type_id) {
    std::string record;
    PutVarint64(&record, type_id);
    PutFixed64BE(&record, edge.source);
    PutFixed64BE(&record, edge.target);
    EncodeProperties(edge.properties, &record);
    Put(kEdge, IdKey(edge.id), record);
  }

  void UpdateIndex(NodeId id, const std::string& key, const Value& old_value,
                   const Value& new_value) {
    if (!IsIndexedKey(key)) return;
    uint32_t key_id = DictId(DictKind::kKey, key);
    std::set<std::string> old_prefixes = IndexPrefixes(key_id, old_value);
    std::set<std::string> new_prefixes = IndexPrefixes(key_id, new_value);
    for (const std::string& prefix : old_prefixes) {
      if (new_prefixes.count(prefix) == 0) Delete(kProp, prefix + IdKey(id));
    }
    for (const std::string& prefix : new_prefixes) {
      if (old_prefixes.count(prefix) == 0) Put(kProp, prefix + IdKey(id), "");
    }
  }

  rocksdb::WriteBatchWithIndex batch_;
  const rocksdb::Snapshot* snapshot_ = nullptr;
  rocksdb::ReadOptions read_options_;
  bool done_ = false;
  std::map<std::pair<DictKind, std::string>, uint32_t> pending_ids_;
  std::map<std::pair<DictKind, uint32_t>, std::string> pending_names_;
};

// ---------------------------------------------------------------------------------------
// StoreImpl: open, lock, close

StoreImpl::~StoreImpl() {
  CloseDb();
  if (lock_fd_ >= 0) {
    // Leave the file (a reader may be looking at it); the flock is what counts.
    flock(lock_fd_, LOCK_UN);
    close(lock_fd_);
  }
}

std::unique_ptr<GraphReader> StoreImpl::Snapshot() const {
  return std::make_unique<SnapshotImpl>(const_cast<StoreImpl*>(this));
}

Result<std::unique_ptr<Transaction>> StoreImpl::Begin() {
  if (read_only_) {
    return Status::InvalidArgument("store " + dir_ + " is open read-only");
  }
  if (!TryBeginWriter()) {
    return Status::Busy("store " + dir_ + " already has an open transaction");
  }
  return std::unique_ptr<Transaction>(std::make_unique<TransactionImpl>(this));
}

Status StoreImpl::WarmTopology() {
  if (read_cache_.mode() == ReadCacheMode::kOff) return Status::OK();
  SnapshotImpl snapshot(this);
  return snapshot.Warm();
}

Status StoreImpl::Compact() {
  if (read_only_) return Status::OK();
  rocksdb::CompactRangeOptions options;
  for (int i = 0; i < kCfCount; ++i) {
    KG_RETURN_IF_ERROR(FromRocks(db_->CompactRange(options, handles_[i], nullptr, nullptr),
                                 "compacting store " + dir_));
  }
  return Status::OK();
}

std::map<std::string, uint64_t> StoreImpl::TableBytes() const {
  std::map<std::string, uint64_t> bytes;
  for (int i = 0; i < kCfCount; ++i) {
    rocksdb::ColumnFamilyMetaData meta;
    db_->GetColumnFamilyMetaData(handles_[i], &meta);
    bytes[kCfNames[i]] = meta.size;
  }
  return bytes;
}

Status StoreImpl::Sync() {
  if (read_only_) return Status::OK();
  return FromRocks(db_->FlushWAL(/*sync=*/true), "syncing store " + dir_);
}

bool StoreImpl::TryBeginWriter() {
  bool expected = false;
  return writer_active_.compare_exchange_strong(expected, true);
}

void StoreImpl::EndWriter() { writer_active_.store(false); }

uint64_t StoreImpl::AllocateNodeIds(uint64_t n) { return next_node_id_.fetch_add(n); }
uint64_t StoreImpl::AllocateEdgeIds(uint64_t n) { return next_edge_id_.fetch_add(n); }

namespace {

rocksdb::Options MakeOptions(bool read_only, bool create) {
  rocksdb::Options options;
  options.create_if_missing = create;
  options.create_missing_column_families = create;
  options.max_open_files = -1;
  options.keep_log_file_num = 2;
  options.max_manifest_file_size = 16 << 20;
  options.IncreaseParallelism(2);
  if (read_only) options.info_log = std::make_shared<NullLogger>();
  return options;
}

rocksdb::ColumnFamilyOptions MakeCfOptions(const std::shared_ptr<rocksdb::Cache>& cache,
                                           bool point_lookups) {
  rocksdb::ColumnFamilyOptions options;
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = cache;
  // Bloom filters help only Get(); the index column families are read by prefix scans.
  if (point_lookups) table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  table.whole_key_filtering = true;
  table.cache_index_and_filter_blocks = false;
  // 16 KiB blocks compress better than the default 4 KiB (ZSTD finds more to share), and at
  // 1M triples 1-hop reads were no slower (docs/benchmarks.md); the block cache holds them
  // uncompressed.
  table.block_size = 16 << 10;
  options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  options.write_buffer_size = 32 << 20;
  // LZ4 for the files that flushes and compactions rewrite soon; ZSTD (level 1: nearly the
  // ratio of its default level 3, at less cost) for the bottommost level, where bulk loads
  // (SstFileWriter takes this setting) and full compactions put nearly all the data: 40 %
  // smaller than LZ4 on our keys and records.
  options.compression = rocksdb::kLZ4Compression;
  options.bottommost_compression = rocksdb::kZSTD;
  options.bottommost_compression_opts.level = 1;
  options.bottommost_compression_opts.enabled = true;
  return options;
}

// Takes the writer lock: an flock on DIR/kg.lock, which records the holder's pid.
Result<int> LockStore(const std::string& dir) {
  std::string lock_path = (fs::path(dir) / "kg.lock").string();
  int fd = open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    return Status::IOError("cannot open " + lock_path + ": " + std::strerror(errno));
  }
  if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    int err = errno;
    std::string holder = "unknown";
    char buf[32] = {};
    ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
    if (n > 0) {
      std::string text(buf, static_cast<size_t>(n));
      while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
      if (!text.empty()) holder = text;
    }
    close(fd);
    if (err == EWOULDBLOCK) {
      return Status::Busy("store " + dir + " is in use by process " + holder);
    }
    return Status::IOError("cannot lock " + lock_path + ": " + std::strerror(err));
  }
  std::string pid = std::to_string(getpid()) + "\n";
  if (ftruncate(fd, 0) != 0 || pwrite(fd, pid.data(), pid.size(), 0) < 0) {
    // The pid is only for the message of a second writer; the lock itself holds.
  }
  return fd;
}

std::vector<std::string> ListWalFiles(const std::string& db_dir) {
  std::vector<std::string> wals;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(db_dir, ec)) {
    std::string name = entry.path().filename().string();
    if (name.size() > 4 && name.ends_with(".log")) wals.push_back(std::move(name));
  }
  std::sort(wals.begin(), wals.end());
  return wals;
}

enum class FolderState { kMissing, kEmpty, kStore, kOther };

FolderState InspectFolder(const std::string& dir) {
  std::error_code ec;
  fs::file_status status = fs::status(dir, ec);
  if (ec || !fs::exists(status)) return FolderState::kMissing;
  if (!fs::is_directory(status)) return FolderState::kOther;
  if (fs::exists(fs::path(dir) / "db" / "CURRENT", ec)) return FolderState::kStore;
  // Leftovers of a creation that did not finish (which always takes kg.lock first) are not
  // someone else's data; without kg.lock a lone db/ might well be.
  bool has_lock = fs::exists(fs::path(dir) / "kg.lock", ec);
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    std::string name = entry.path().filename().string();
    if (name == "kg.lock") continue;
    if (has_lock && (name == "db" || name == "db.new") && entry.is_directory()) continue;
    return FolderState::kOther;
  }
  return FolderState::kEmpty;
}

}  // namespace

Status StoreImpl::OpenDb(bool create) {
  return OpenDbAt((fs::path(dir_) / "db").string(), create);
}

// Makes the database in DIR/db.new and renames it to DIR/db once it has all its column
// families and its format version, so that a creation cut short leaves no half store.
Status StoreImpl::CreateDb() {
  fs::path final_dir = fs::path(dir_) / "db";
  fs::path temp_dir = fs::path(dir_) / "db.new";
  std::error_code ec;
  fs::remove_all(temp_dir, ec);
  fs::remove_all(final_dir, ec);  // only ever a leftover without CURRENT (see InspectFolder)
  KG_RETURN_IF_ERROR(OpenDbAt(temp_dir.string(), /*create=*/true));
  Status status = CheckOrWriteFormat(/*created=*/true);
  CloseDb();
  KG_RETURN_IF_ERROR(status);
  fs::rename(temp_dir, final_dir, ec);
  if (ec) return Status::IOError("cannot create store " + dir_ + ": " + ec.message());
  int dir_fd = open(dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0) {
    fsync(dir_fd);
    close(dir_fd);
  }
  return Status::OK();
}

void StoreImpl::CloseDb() {
  if (db_ == nullptr) return;
  if (!read_only_) db_->FlushWAL(/*sync=*/true).PermitUncheckedError();
  for (rocksdb::ColumnFamilyHandle* handle : handles_) {
    db_->DestroyColumnFamilyHandle(handle).PermitUncheckedError();
  }
  handles_.clear();
  db_->Close().PermitUncheckedError();
  delete db_;
  db_ = nullptr;
}

Status StoreImpl::OpenDbAt(const std::string& db_dir, bool create) {
  rocksdb::Options options = MakeOptions(read_only_, create);
  auto cache = rocksdb::NewLRUCache(64 << 20);
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (int i = 0; i < kCfCount; ++i) {
    // Relationship records are read by the ids that adjacency keys hold, which exist: a
    // bloom filter there would never save a read and costs 10 bits a relationship.
    bool point_lookups = i != kOut && i != kIn && i != kLabel && i != kProp && i != kEdge;
    descriptors.emplace_back(kCfNames[i], MakeCfOptions(cache, point_lookups));
  }
  if (!create) {
    std::vector<std::string> existing;
    rocksdb::Status s = rocksdb::DB::ListColumnFamilies(options, db_dir, &existing);
    if (!s.ok()) return FromRocks(s, "opening store " + dir_);
    for (int i = 0; i < kCfCount; ++i) {
      if (std::find(existing.begin(), existing.end(), kCfNames[i]) == existing.end()) {
        return Status::Corruption("store " + dir_ + " is damaged or not a kg store (no column family '" +
                                  kCfNames[i] + "')");
      }
    }
  }
  rocksdb::Status s;
  if (read_only_) {
    // The writer may delete a table file (after a compaction) between our reading of the
    // MANIFEST and our opening of the file; RocksDB reports that as an IO error, sometimes
    // wrapped in a Corruption. Read the MANIFEST again then.
    //
    // The same race can tear the view without an error: if the writer flushes and deletes a
    // WAL file after we read the MANIFEST but before we replay that WAL, we would miss the
    // WAL's writes and keep later ones. The writer creates and deletes WAL files only at a
    // flush, so an open during which the set of WAL files did not change is consistent;
    // otherwise open again.
    for (int attempt = 0;; ++attempt) {
      std::vector<std::string> wals_before = ListWalFiles(db_dir);
      s = rocksdb::DB::OpenForReadOnly(options, db_dir, descriptors, &handles_, &db_);
      bool vanished = s.IsIOError() || s.IsPathNotFound() ||
                      s.ToString().find("No such file or directory") != std::string::npos;
      bool changed = s.ok() && ListWalFiles(db_dir) != wals_before;
      if (attempt >= 20 || (s.ok() && !changed) || (!s.ok() && !vanished)) break;
      if (s.ok()) CloseDb();
      std::this_thread::sleep_for(std::chrono::milliseconds(5 * (attempt + 1)));
    }
  } else {
    s = rocksdb::DB::Open(options, db_dir, descriptors, &handles_, &db_);
  }
  if (!s.ok()) {
    db_ = nullptr;
    return FromRocks(s, "opening store " + dir_);
  }
  return Status::OK();
}

Status StoreImpl::CheckOrWriteFormat(bool created) {
  std::string raw;
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), cf(kMeta), kFormatVersionKey, &raw);
  if (s.IsNotFound()) {
    if (!created) return Status::Corruption("store " + dir_ + " has no format version");
    rocksdb::WriteBatch batch;
    batch.Put(cf(kMeta), kFormatVersionKey, Fixed64Value(kFormatVersion));
    batch.Put(cf(kMeta), kNextNodeKey, Fixed64Value(0));
    batch.Put(cf(kMeta), kNextEdgeKey, Fixed64Value(0));
    rocksdb::WriteOptions write_options;
    write_options.sync = true;
    return FromRocks(db_->Write(write_options, &batch), "creating store " + dir_);
  }
  if (!s.ok()) return FromRocks(s, "opening store " + dir_);
  uint64_t version = ParseFixed64Value(raw);
  if (raw.size() != 8 || version != kFormatVersion) {
    return Status::Corruption("store " + dir_ + " has format version " + std::to_string(version) +
                              "; this kg reads format version " + std::to_string(kFormatVersion));
  }
  return Status::OK();
}

Status StoreImpl::LoadCounters() {
  for (auto [key, target] : {std::pair{kNextNodeKey, &next_node_id_},
                             std::pair{kNextEdgeKey, &next_edge_id_}}) {
    std::string raw;
    rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), cf(kMeta), key, &raw);
    if (!s.ok() && !s.IsNotFound()) return FromRocks(s, "opening store " + dir_);
    target->store(s.ok() ? ParseFixed64Value(raw) : 0);
  }
  return Status::OK();
}

Result<std::unique_ptr<Store>> Store::Open(const std::string& dir, const OpenOptions& options) {
  FolderState state = InspectFolder(dir);
  if (state == FolderState::kOther) return Status::InvalidArgument(dir + " is not a kg store");
  bool exists = state == FolderState::kStore;
  if (!exists && (options.read_only || !options.create_if_missing)) {
    return Status::NotFound("no kg store at " + dir);
  }
  auto store = std::make_unique<StoreImpl>(dir, options.read_only, options.read_cache);
  if (!options.read_only) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) return Status::IOError("cannot create " + dir + ": " + ec.message());
    Result<int> fd = LockStore(dir);
    if (!fd.ok()) return fd.status();
    store->lock_fd_ = *fd;
    // Another writer may have created the store between our look and our lock.
    exists = InspectFolder(dir) == FolderState::kStore;
  }
  if (!exists) KG_RETURN_IF_ERROR(store->CreateDb());
  KG_RETURN_IF_ERROR(store->OpenDb(/*create=*/false));
  KG_RETURN_IF_ERROR(store->CheckOrWriteFormat(/*created=*/false));
  KG_RETURN_IF_ERROR(store->LoadCounters());
  KG_RETURN_IF_ERROR(store->LoadDictionary());
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace kg::storage
