// The store's implementation class, shared by store.cpp and bulk_loader.cpp. Not part of the
// contract: other modules include storage/store.h only.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <rocksdb/db.h>

#include "storage/keys.h"
#include "storage/read_cache.h"
#include "storage/store.h"

namespace kg::storage {

enum Cf : int { kDefault, kMeta, kNode, kEdge, kOut, kIn, kLabel, kProp, kDict, kArticle, kCfCount };

inline constexpr uint64_t kFormatVersion = 1;

// New dictionary entries of a transaction or bulk load, to publish when it is written.
using DictEntries = std::map<std::pair<DictKind, std::string>, uint32_t>;

// The encoded value of property `key_id` in a node record, without decoding the others;
// *value is empty when the node lacks it. False for a malformed record.
bool FindEncodedProperty(std::string_view record, uint32_t key_id, std::string_view* value);

Status FromRocks(const rocksdb::Status& s, std::string_view context);

class StoreImpl final : public Store {
 public:
  StoreImpl(std::string dir, bool read_only, ReadCacheMode read_cache = ReadCacheMode::kAuto)
      : dir_(std::move(dir)), read_only_(read_only), read_cache_(read_cache) {}
  ~StoreImpl() override;

  const std::string& path() const override { return dir_; }
  bool read_only() const override { return read_only_; }
  std::unique_ptr<GraphReader> Snapshot() const override;
  Result<std::unique_ptr<Transaction>> Begin() override;
  Result<std::unique_ptr<BulkLoader>> BeginBulkLoad() override;
  Status Compact() override;
  std::map<std::string, uint64_t> TableBytes() const override;
  Status Sync() override;
  Status WarmTopology() override;
  ReadCacheStats read_cache_stats() const override { return read_cache_.stats(); }

  rocksdb::DB* db() const { return db_; }
  rocksdb::ColumnFamilyHandle* cf(Cf cf) const { return handles_[cf]; }

  std::optional<uint32_t> FindDictId(DictKind kind, std::string_view name) const;
  std::optional<std::string> FindDictName(DictKind kind, uint32_t id) const;
  uint32_t AllocateDictId(DictKind kind);
  void PublishDictEntry(DictKind kind, const std::string& name, uint32_t id);
  std::vector<std::string> DictNames(DictKind kind) const;

  uint64_t AllocateNodeIds(uint64_t n);
  uint64_t AllocateEdgeIds(uint64_t n);
  uint64_t next_node_id() const { return next_node_id_.load(); }
  uint64_t next_edge_id() const { return next_edge_id_.load(); }

  ReadCache& read_cache() const { return read_cache_; }
  // The bulk loader's ingestion: a write of a new generation, as a commit is. Its new
  // dictionary entries are published, and the caches it hands over installed, before any
  // snapshot can see the new generation (so none sees an id without its name).
  rocksdb::Status IngestExternalFiles(const std::vector<rocksdb::IngestExternalFileArg>& args,
                                      const DictEntries& new_entries,
                                      ReadCache::Handover handover) {
    rocksdb::Status s = read_cache_.Apply(
        [&] {
          rocksdb::Status ingest = db_->IngestExternalFiles(args);
          if (ingest.ok()) {
            for (const auto& [kind_name, id] : new_entries)
              PublishDictEntry(kind_name.first, kind_name.second, id);
          }
          return ingest;
        },
        std::move(handover));
    if (s.ok() && after_bulk_ingest_for_testing_) after_bulk_ingest_for_testing_();
    return s;
  }
  // Called right after a bulk load's ingestion succeeded, before Finish() returns.
  void SetAfterBulkIngestForTesting(std::function<void()> hook) {
    after_bulk_ingest_for_testing_ = std::move(hook);
  }

  // One transaction or bulk load at a time.
  bool TryBeginWriter();
  void EndWriter();

 private:
  friend class Store;

  static size_t DictIndex(DictKind kind) {
    return kind == DictKind::kLabel ? 0 : kind == DictKind::kType ? 1 : 2;
  }

  Status OpenDb(bool create);
  Status OpenDbAt(const std::string& db_dir, bool create);
  Status CreateDb();
  void CloseDb();
  Status CheckOrWriteFormat(bool created);
  Status LoadCounters();
  Status LoadDictionary();

  std::string dir_;
  bool read_only_;
  int lock_fd_ = -1;
  rocksdb::DB* db_ = nullptr;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;

  mutable std::shared_mutex dict_mutex_;
  std::array<std::unordered_map<std::string, uint32_t>, 3> dict_ids_;
  std::array<std::unordered_map<uint32_t, std::string>, 3> dict_names_;
  std::array<uint32_t, 3> next_dict_id_ = {1, 1, 1};

  std::atomic<uint64_t> next_node_id_{0};
  std::atomic<uint64_t> next_edge_id_{0};
  std::atomic<bool> writer_active_{false};
  mutable ReadCache read_cache_;
  std::function<void()> after_bulk_ingest_for_testing_;
};

}  // namespace kg::storage
