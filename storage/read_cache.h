// The store's generations and the read caches built for one of them (docs/storage.md, "Read
// caches"): which snapshot may use which cache, when to build one, and where it is kept.
// Internal to storage/; the caches themselves are in storage/topology.h.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>

#include "storage/store.h"
#include "storage/topology.h"

namespace kg::storage {

class ReadCache {
 public:
  // A node property column bigger than this is not kept.
  static constexpr size_t kMaxColumnBytes = size_t{256} << 20;

  explicit ReadCache(ReadCacheMode mode) : mode_(mode) {}

  ReadCacheMode mode() const { return mode_; }
  uint64_t generation() const { return generation_.load(); }

  // Runs take() (taking a RocksDB snapshot) with no write in progress, and returns the
  // generation that snapshot sees: every write before it and none after it.
  template <typename Take>
  uint64_t Pin(const Take& take) const {
    std::shared_lock lock(write_mutex_);
    take();
    return generation_.load();
  }

  // Caches of the generation a write makes, built by the writer itself: a bulk load into a
  // store without relationships (or nodes) knows the whole of the new topology (or node
  // columns). Each must be exactly what a build from a snapshot of that generation would make.
  struct Handover {
    std::shared_ptr<const Topology> topology;
    std::map<uint32_t, std::shared_ptr<const NodeColumn>> columns;  // by property key id
  };

  // Runs write() (a commit, an ingestion) while no snapshot is being taken. When it succeeds
  // the store is at a new generation and the caches of the old one are let go (snapshots that
  // hold them keep them alive); the caches of `handover`, if any, are the new generation's.
  template <typename Write>
  auto Apply(const Write& write, Handover handover = {}) {
    std::unique_lock lock(write_mutex_);
    auto status = write();
    if (status.ok()) {
      uint64_t generation = generation_.fetch_add(1) + 1;
      std::lock_guard cache_lock(cache_mutex_);
      topology_.reset();
      topology_generation_.store(kNone);
      columns_.clear();
      topology_work_ = 0;
      column_work_.clear();
      failed_ = false;
      if (mode_ == ReadCacheMode::kOff) return status;
      if (handover.topology) {
        topology_ = std::move(handover.topology);
        topology_generation_.store(generation, std::memory_order_release);
        stats_.topology_handovers += 1;
      }
      for (auto& [key, column] : handover.columns) {
        if (!column || columns_.size() >= kMaxColumns) continue;
        columns_[key] = std::move(column);
        stats_.column_handovers += 1;
      }
    }
    return status;
  }

  // The topology built for `generation`, or null. Cheap when there is none.
  std::shared_ptr<const Topology> topology(uint64_t generation) const {
    if (topology_generation_.load(std::memory_order_acquire) != generation) return nullptr;
    std::lock_guard lock(cache_mutex_);
    return topology_generation_.load() == generation ? topology_ : nullptr;
  }

  // Adds `work` (adjacency entries plus seeks a snapshot of `generation` read through RocksDB);
  // true when the total for the current generation reached `threshold`, once.
  bool AddTopologyWork(uint64_t generation, uint64_t work, uint64_t threshold) {
    std::lock_guard lock(cache_mutex_);
    if (generation != generation_.load() || topology_ || building_ || failed_) return false;
    topology_work_ += work;
    return topology_work_ >= threshold;
  }

  // Builds the topology of `generation` with build() (from a snapshot of that generation) and
  // keeps it, unless one is there. While another thread builds, returns null at once, or
  // waits for it when `wait`. A null from build() (ids too large, a read error) is not retried
  // within the generation.
  std::shared_ptr<const Topology> BuildTopology(
      uint64_t generation, bool wait, const std::function<std::shared_ptr<const Topology>()>& build) {
    std::unique_lock build_lock = LockBuild(wait);
    if (!build_lock.owns_lock()) return nullptr;
    {
      std::lock_guard lock(cache_mutex_);
      if (generation != generation_.load() || failed_) return nullptr;
      if (topology_generation_.load() == generation) return topology_;
      building_ = true;
    }
    auto start = std::chrono::steady_clock::now();
    std::shared_ptr<const Topology> built = build();
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    std::lock_guard lock(cache_mutex_);
    building_ = false;
    // A write may have come meanwhile: then the result serves the snapshots that have it.
    if (generation != generation_.load()) return built;
    if (!built) {
      failed_ = true;
      return nullptr;
    }
    topology_ = built;
    topology_generation_.store(generation, std::memory_order_release);
    stats_.topology_builds += 1;
    stats_.topology_build_ms = ms;
    return built;
  }

  // The column of property key `key` built for `generation`, or null.
  std::shared_ptr<const NodeColumn> column(uint64_t generation, uint32_t key) const {
    std::lock_guard lock(cache_mutex_);
    if (generation != generation_.load()) return nullptr;
    auto it = columns_.find(key);
    return it == columns_.end() ? nullptr : it->second;
  }

  // As AddTopologyWork, for GetNodeProperty calls on `key` that went to RocksDB.
  bool AddColumnWork(uint64_t generation, uint32_t key, uint64_t calls, uint64_t threshold) {
    std::lock_guard lock(cache_mutex_);
    if (generation != generation_.load() || columns_.count(key) != 0) return false;
    if (columns_.size() >= kMaxColumns) return false;
    uint64_t& total = column_work_[key];
    total += calls;
    return total >= threshold;
  }

  // As BuildTopology. A failed build (the column would pass its memory bound) is kept as a
  // null entry, so it is not tried again within the generation.
  std::shared_ptr<const NodeColumn> BuildColumn(
      uint64_t generation, uint32_t key, bool wait,
      const std::function<std::shared_ptr<const NodeColumn>()>& build) {
    std::unique_lock build_lock = LockBuild(wait);
    if (!build_lock.owns_lock()) return nullptr;
    {
      std::lock_guard lock(cache_mutex_);
      if (generation != generation_.load()) return nullptr;
      auto it = columns_.find(key);
      if (it != columns_.end()) return it->second;
    }
    auto start = std::chrono::steady_clock::now();
    std::shared_ptr<const NodeColumn> built = build();
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    std::lock_guard lock(cache_mutex_);
    if (generation != generation_.load()) return built;
    columns_[key] = built;
    if (built) {
      stats_.column_builds += 1;
      stats_.column_build_ms = ms;
    }
    return built;
  }

  ReadCacheStats stats() const {
    std::lock_guard lock(cache_mutex_);
    ReadCacheStats stats = stats_;
    stats.generation = generation_.load();
    stats.topology_bytes = topology_ ? topology_->memory_bytes() : 0;
    stats.topology_edges = topology_ ? topology_->edge_count() : 0;
    stats.column_bytes = 0;
    stats.columns = 0;
    for (const auto& [key, column] : columns_) {
      if (!column) continue;
      stats.column_bytes += column->memory_bytes();
      stats.columns += 1;
    }
    return stats;
  }

 private:
  // One build at a time: waits for the one in progress when `wait`, else gives up at once
  // (the lock returned then owns nothing).
  std::unique_lock<std::mutex> LockBuild(bool wait) {
    std::unique_lock lock(build_mutex_, std::defer_lock);
    if (wait) {
      lock.lock();
    } else {
      (void)lock.try_lock();
    }
    return lock;
  }

  static constexpr uint64_t kNone = std::numeric_limits<uint64_t>::max();
  static constexpr size_t kMaxColumns = 8;

  const ReadCacheMode mode_;
  // Shared while a snapshot is taken, exclusive during a write: a snapshot's generation is
  // exactly the writes its RocksDB snapshot holds.
  mutable std::shared_mutex write_mutex_;
  std::atomic<uint64_t> generation_{0};

  std::mutex build_mutex_;  // one build at a time
  mutable std::mutex cache_mutex_;  // the members below
  std::atomic<uint64_t> topology_generation_{kNone};
  std::shared_ptr<const Topology> topology_;
  bool building_ = false;
  bool failed_ = false;
  uint64_t topology_work_ = 0;
  std::map<uint32_t, std::shared_ptr<const NodeColumn>> columns_;
  std::map<uint32_t, uint64_t> column_work_;
  ReadCacheStats stats_;
};

}  // namespace kg::storage
