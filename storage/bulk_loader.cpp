// The bulk path of `kg import`: records are buffered in memory, sorted per column family,
// written as SST files and ingested in one IngestExternalFiles call, which RocksDB records
// atomically in the MANIFEST: after a crash the whole import is in the store or none of it.

#include <algorithm>
#include <cassert>
#include <atomic>
#include <functional>
#include <thread>
#include <filesystem>
#include <map>
#include <set>
#include <unordered_map>

#include <rocksdb/env.h>
#include <rocksdb/options.h>
#include <rocksdb/sst_file_writer.h>

#include "core/schema.h"
#include "storage/coding.h"
#include "storage/keys.h"
#include "storage/store_internal.h"

namespace kg::storage {

namespace fs = std::filesystem;

namespace {

inline bool AdjacencyLess(const AdjacencyKey& a, const AdjacencyKey& b) {
  if (a.node != b.node) return a.node < b.node;
  if (a.type != b.type) return a.type < b.type;
  if (a.other != b.other) return a.other < b.other;
  return a.edge < b.edge;
}

void EncodeAdjacencyKeyTo(const AdjacencyKey& k, char* out) {
  auto put64 = [](uint64_t v, char* p) {
    for (int i = 7; i >= 0; --i, v >>= 8) p[i] = static_cast<char>(v & 0xff);
  };
  put64(k.node, out);
  for (int i = 3; i >= 0; --i) out[8 + (3 - i)] = static_cast<char>((k.type >> (8 * i)) & 0xff);
  put64(k.other, out + 12);
  put64(k.edge, out + 20);
}

// Adjacency keys in (node, type, other, edge) order. Node ids of one import are dense, so a
// counting sort by node followed by small sorts per node beats a comparison sort of the lot.
void SortAdjacency(std::vector<AdjacencyKey>* keys) {
  if (keys->size() < 2) return;
  auto less = [](const AdjacencyKey& a, const AdjacencyKey& b) { return AdjacencyLess(a, b); };
  auto [min_it, max_it] = std::minmax_element(
      keys->begin(), keys->end(),
      [](const AdjacencyKey& a, const AdjacencyKey& b) { return a.node < b.node; });
  uint64_t min_node = min_it->node;
  uint64_t range = max_it->node - min_node + 1;
  if (range > 4 * keys->size() + 1024) {
    std::sort(keys->begin(), keys->end(), less);
    return;
  }
  std::vector<uint32_t> starts(range + 1, 0);
  for (const AdjacencyKey& k : *keys) ++starts[k.node - min_node + 1];
  for (uint64_t i = 1; i <= range; ++i) starts[i] += starts[i - 1];
  std::vector<AdjacencyKey> sorted(keys->size());
  std::vector<uint32_t> next(starts.begin(), starts.end() - 1);
  for (const AdjacencyKey& k : *keys) sorted[next[k.node - min_node]++] = k;
  for (uint64_t i = 0; i < range; ++i) {
    if (starts[i + 1] - starts[i] > 1) {
      std::sort(sorted.begin() + starts[i], sorted.begin() + starts[i + 1], less);
    }
  }
  *keys = std::move(sorted);
}

class BulkLoaderImpl final : public BulkLoader {
 public:
  explicit BulkLoaderImpl(StoreImpl* store) : store_(store) {}
  ~BulkLoaderImpl() override {
    std::error_code ec;
    if (!temp_dir_.empty()) fs::remove_all(temp_dir_, ec);
    store_->EndWriter();
  }

  NodeId AddNode(std::vector<std::string> labels, PropertyMap properties) override {
    std::sort(labels.begin(), labels.end());
    labels.erase(std::unique(labels.begin(), labels.end()), labels.end());
    NodeId id = store_->AllocateNodeIds(1);
    size_t begin = node_records_.size();
    PutVarint64(&node_records_, labels.size());
    for (const std::string& label : labels) {
      uint32_t label_id = DictId(DictKind::kLabel, label);
      PutVarint64(&node_records_, label_id);
      labels_.emplace_back(label_id, id);
      ++label_deltas_[label_id];
    }
    EncodeProperties(properties, &node_records_);
    if (nodes_.empty()) first_node_ = id;
    assert(id == first_node_ + nodes_.size());
    nodes_.push_back(begin);
    for (const auto& [key, value] : properties) {
      if ((key != "name" && key != "aliases") || value.is_null()) continue;
      uint32_t key_id = DictId(DictKind::kKey, key);
      std::set<std::string> prefixes;
      if (value.is_list()) {
        for (const Value& element : value.as_list()) {
          if (!element.is_null()) prefixes.insert(EncodePropPrefix(key_id, element));
        }
      } else {
        prefixes.insert(EncodePropPrefix(key_id, value));
      }
      for (const std::string& prefix : prefixes) {
        std::string prop_key = prefix;
        PutFixed64BE(&prop_key, id);
        props_.push_back(std::move(prop_key));
      }
    }
    return id;
  }

  EdgeId AddEdge(std::string_view type, NodeId source, NodeId target,
                 const PropertyMap& properties) override {
    EdgeId id = store_->AllocateEdgeIds(1);
    uint32_t type_id = TypeId(type);
    size_t begin = edge_records_.size();
    PutVarint64(&edge_records_, type_id);
    PutFixed64BE(&edge_records_, source);
    PutFixed64BE(&edge_records_, target);
    EncodeProperties(properties, &edge_records_);
    if (edges_.empty()) first_edge_ = id;
    assert(id == first_edge_ + edges_.size());
    edges_.push_back(begin);
    out_.push_back({source, type_id, target, id});
    in_.push_back({target, type_id, source, id});
    ++type_deltas_[type_id];
    return id;
  }

  Status Finish() override {
    if (finished_) return Status::InvalidArgument("the bulk load is already finished");
    finished_ = true;
    temp_dir_ = (fs::path(store_->path()) / "bulk.tmp").string();
    std::error_code ec;
    fs::remove_all(temp_dir_, ec);
    fs::create_directories(temp_dir_, ec);
    if (ec) return Status::IOError("cannot create " + temp_dir_ + ": " + ec.message());

    // One SST file per column family, written on up to two threads (the files are
    // independent); the sorting happens inside the tasks too.
    struct FileTask {
      Cf cf;
      std::function<Status(rocksdb::SstFileWriter*)> fill;
      Status status;
    };
    std::vector<FileTask> tasks;
    auto add_file = [&](Cf cf, std::function<Status(rocksdb::SstFileWriter*)> fill,
                        bool empty) -> Status {
      if (!empty) tasks.push_back({cf, std::move(fill), Status::OK()});
      return Status::OK();
    };
    auto run_task = [&](FileTask* task) -> Status {
      Cf cf = task->cf;
      rocksdb::Options options(store_->db()->GetDBOptions(), store_->db()->GetOptions(store_->cf(cf)));
      rocksdb::SstFileWriter writer(rocksdb::EnvOptions(), options, store_->cf(cf));
      KG_RETURN_IF_ERROR(FromRocks(writer.Open(FileName(cf)), "bulk load"));
      KG_RETURN_IF_ERROR(task->fill(&writer));
      return FromRocks(writer.Finish(), "bulk load");
    };
    auto put = [](rocksdb::SstFileWriter* writer, std::string_view key, std::string_view value) {
      rocksdb::Status s = writer->Put(rocksdb::Slice(key.data(), key.size()),
                                      rocksdb::Slice(value.data(), value.size()));
      return s.ok() ? Status::OK() : FromRocks(s, "bulk load");
    };

    // Ids only grow, so nodes_ and edges_ are already in key order.
    KG_RETURN_IF_ERROR(add_file(kNode, [&](rocksdb::SstFileWriter* w) {
      for (size_t i = 0; i < nodes_.size(); ++i) {
        KG_RETURN_IF_ERROR(put(w, IdKey(first_node_ + i), Record(node_records_, nodes_, i)));
      }
      return Status::OK();
    }, nodes_.empty()));
    KG_RETURN_IF_ERROR(add_file(kEdge, [&](rocksdb::SstFileWriter* w) {
      for (size_t i = 0; i < edges_.size(); ++i) {
        KG_RETURN_IF_ERROR(put(w, IdKey(first_edge_ + i), Record(edge_records_, edges_, i)));
      }
      return Status::OK();
    }, edges_.empty()));
    for (auto [cf, keys] : {std::pair{kOut, &out_}, std::pair{kIn, &in_}}) {
      KG_RETURN_IF_ERROR(add_file(cf, [&put, keys = keys](rocksdb::SstFileWriter* w) {
        SortAdjacency(keys);
        char buffer[kAdjacencyKeySize];
        for (const AdjacencyKey& k : *keys) {
          EncodeAdjacencyKeyTo(k, buffer);
          KG_RETURN_IF_ERROR(put(w, std::string_view(buffer, sizeof buffer), ""));
        }
        return Status::OK();
      }, keys->empty()));
    }
    KG_RETURN_IF_ERROR(add_file(kLabel, [&](rocksdb::SstFileWriter* w) {
      std::sort(labels_.begin(), labels_.end());
      for (const auto& [label, node] : labels_) {
        KG_RETURN_IF_ERROR(put(w, EncodeLabelKey(label, node), ""));
      }
      return Status::OK();
    }, labels_.empty()));
    KG_RETURN_IF_ERROR(add_file(kProp, [&](rocksdb::SstFileWriter* w) {
      std::sort(props_.begin(), props_.end());
      props_.erase(std::unique(props_.begin(), props_.end()), props_.end());
      for (const std::string& key : props_) KG_RETURN_IF_ERROR(put(w, key, ""));
      return Status::OK();
    }, props_.empty()));

    std::map<std::string, std::string> dict;
    for (const auto& [kind_name, id] : pending_ids_) {
      std::string id_value;
      PutFixed32BE(&id_value, id);
      dict[EncodeDictNameKey(kind_name.first, kind_name.second)] = id_value;
      dict[EncodeDictIdKey(kind_name.first, id)] = kind_name.second;
    }
    KG_RETURN_IF_ERROR(add_file(kDict, [&](rocksdb::SstFileWriter* w) {
      for (const auto& [key, value] : dict) KG_RETURN_IF_ERROR(put(w, key, value));
      return Status::OK();
    }, dict.empty()));

    // Counters and id high-water marks: current value plus this load's additions. Safe to
    // read-then-write because no transaction can run while the loader exists.
    std::map<std::string, uint64_t> meta;
    auto add_counter = [&](std::string key, uint64_t delta) -> Status {
      std::string raw;
      rocksdb::Status s = store_->db()->Get(rocksdb::ReadOptions(), store_->cf(kMeta), key, &raw);
      if (!s.ok() && !s.IsNotFound()) return FromRocks(s, "bulk load");
      uint64_t current = raw.size() == 8 ? DecodeFixed64BE(raw.data()) : 0;
      meta[std::move(key)] = current + delta;
      return Status::OK();
    };
    KG_RETURN_IF_ERROR(add_counter("c.nodes", nodes_.size()));
    KG_RETURN_IF_ERROR(add_counter("c.edges", edges_.size()));
    for (const auto& [label, n] : label_deltas_) {
      std::string key = "c.L";
      PutFixed32BE(&key, label);
      KG_RETURN_IF_ERROR(add_counter(std::move(key), n));
    }
    for (const auto& [type, n] : type_deltas_) {
      std::string key = "c.T";
      PutFixed32BE(&key, type);
      KG_RETURN_IF_ERROR(add_counter(std::move(key), n));
    }
    meta["next.node"] = store_->next_node_id();
    meta["next.edge"] = store_->next_edge_id();
    KG_RETURN_IF_ERROR(add_file(kMeta, [&](rocksdb::SstFileWriter* w) {
      for (const auto& [key, value] : meta) {
        std::string encoded;
        PutFixed64BE(&encoded, value);
        KG_RETURN_IF_ERROR(put(w, key, encoded));
      }
      return Status::OK();
    }, false));

    // Biggest first (out, in, edge), so that two threads finish together.
    std::stable_sort(tasks.begin(), tasks.end(), [](const FileTask& a, const FileTask& b) {
      auto rank = [](Cf cf) { return cf == kOut ? 0 : cf == kIn ? 1 : cf == kEdge ? 2 : 3; };
      return rank(a.cf) < rank(b.cf);
    });
    std::atomic<size_t> next_task{0};
    auto worker = [&] {
      for (size_t i = next_task.fetch_add(1); i < tasks.size(); i = next_task.fetch_add(1)) {
        tasks[i].status = run_task(&tasks[i]);
      }
    };
    {
      std::thread helper(worker);
      worker();
      helper.join();
    }
    std::vector<rocksdb::IngestExternalFileArg> args;
    for (const FileTask& task : tasks) {
      KG_RETURN_IF_ERROR(task.status);
      rocksdb::IngestExternalFileArg arg;
      arg.column_family = store_->cf(task.cf);
      arg.external_files.push_back(FileName(task.cf));
      arg.options.move_files = true;
      arg.options.allow_global_seqno = true;
      arg.options.allow_blocking_flush = true;
      args.push_back(std::move(arg));
    }

    KG_RETURN_IF_ERROR(
        FromRocks(store_->IngestExternalFiles(args), "bulk load into " + store_->path()));
    for (const auto& [kind_name, id] : pending_ids_) {
      store_->PublishDictEntry(kind_name.first, kind_name.second, id);
    }
    fs::remove_all(temp_dir_, ec);
    temp_dir_.clear();
    return Status::OK();
  }

 private:
  std::string FileName(Cf cf) const {
    return temp_dir_ + "/" + std::to_string(static_cast<int>(cf)) + ".sst";
  }

  uint32_t DictId(DictKind kind, const std::string& name) {
    auto& cache = cache_[static_cast<size_t>(kind == DictKind::kLabel ? 0 : kind == DictKind::kType ? 1 : 2)];
    auto it = cache.find(name);
    if (it != cache.end()) return it->second;
    uint32_t id;
    if (std::optional<uint32_t> existing = store_->FindDictId(kind, name)) {
      id = *existing;
    } else {
      id = store_->AllocateDictId(kind);
      pending_ids_[{kind, name}] = id;
    }
    cache.emplace(name, id);
    return id;
  }

  uint32_t TypeId(std::string_view type) {
    if (!last_type_.empty() && type == last_type_) return last_type_id_;
    last_type_id_ = DictId(DictKind::kType, CanonicalRelationshipType(type));
    last_type_ = std::string(type);
    return last_type_id_;
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

  StoreImpl* store_;
  bool finished_ = false;
  std::string temp_dir_;
  // Records live in two arenas: a million small strings would cost more than the writing.
  // Ids are handed out consecutively (one writer), so a record is found by its offset alone.
  static std::string_view Record(const std::string& arena, const std::vector<size_t>& offsets,
                                 size_t i) {
    size_t end = i + 1 < offsets.size() ? offsets[i + 1] : arena.size();
    return std::string_view(arena).substr(offsets[i], end - offsets[i]);
  }
  std::string node_records_, edge_records_;
  std::vector<size_t> nodes_, edges_;  // record offsets
  NodeId first_node_ = 0;
  EdgeId first_edge_ = 0;
  std::string last_type_;
  uint32_t last_type_id_ = 0;
  std::vector<AdjacencyKey> out_;
  std::vector<AdjacencyKey> in_;
  std::vector<std::pair<uint32_t, NodeId>> labels_;
  std::vector<std::string> props_;
  std::unordered_map<uint32_t, uint64_t> label_deltas_;
  std::unordered_map<uint32_t, uint64_t> type_deltas_;
  std::array<std::unordered_map<std::string, uint32_t>, 3> cache_;
  std::map<std::pair<DictKind, std::string>, uint32_t> pending_ids_;
};

}  // namespace

Result<std::unique_ptr<BulkLoader>> StoreImpl::BeginBulkLoad() {
  if (read_only_) return Status::InvalidArgument("store " + dir_ + " is open read-only");
  if (!TryBeginWriter()) {
    return Status::Busy("store " + dir_ + " already has an open transaction");
  }
  return std::unique_ptr<BulkLoader>(std::make_unique<BulkLoaderImpl>(this));
}

}  // namespace kg::storage
