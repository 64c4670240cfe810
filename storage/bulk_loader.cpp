// The bulk path of `kg ingest --triples`: nodes and relationships are buffered in memory,
// sorted per column family, written as SST files (several per big column family, on several
// threads) and ingested in one IngestExternalFiles call, which RocksDB records atomically in
// the MANIFEST: after a crash the whole import is in the store or none of it.

#include <algorithm>
#include <array>
#include <atomic>
#include <cassert>
#include <filesystem>
#include <functional>
#include <limits>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <unordered_map>

#include <rocksdb/env.h>
#include <rocksdb/options.h>
#include <rocksdb/sst_file_writer.h>

#include "core/schema.h"
#include "storage/coding.h"
#include "storage/keys.h"
#include "storage/store_internal.h"
#include "storage/topology.h"

namespace kg::storage {

namespace fs = std::filesystem;

namespace {

// A relationship as the loader keeps it until Finish(), which makes its record and both
// adjacency keys from it: 24 bytes instead of a record and two 28-byte keys.
struct EdgeEntry {
  NodeId source;
  NodeId target;
  uint32_t type;
  uint32_t properties;  // which of the stored encoded property lists
};

// One direction's adjacency in key order: the relationships grouped by node (a counting sort:
// a load's node ids are dense), each group in (type, other end, edge id) order.
class AdjacencyOrder {
 public:
  struct Entry {
    uint64_t other;
    uint32_t type;
    uint32_t index;  // into the loader's relationships; the edge id is first edge + index
  };

  // REQUIRES: edges.size() < 2^32.
  AdjacencyOrder(const std::vector<EdgeEntry>& edges, bool outgoing) {
    if (edges.empty()) return;
    auto node_of = [outgoing](const EdgeEntry& e) { return outgoing ? e.source : e.target; };
    auto [min_it, max_it] = std::minmax_element(
        edges.begin(), edges.end(),
        [&](const EdgeEntry& a, const EdgeEntry& b) { return node_of(a) < node_of(b); });
    min_node_ = node_of(*min_it);
    uint64_t range = node_of(*max_it) - min_node_ + 1;
    // Ids far apart (a small load onto a big store): count by rank among the nodes instead.
    bool dense = range <= 4 * static_cast<uint64_t>(edges.size()) + 1024;
    if (!dense) {
      for (const EdgeEntry& e : edges) nodes_.push_back(node_of(e));
      std::sort(nodes_.begin(), nodes_.end());
      nodes_.erase(std::unique(nodes_.begin(), nodes_.end()), nodes_.end());
      range = nodes_.size();
    }
    auto group_of = [&](const EdgeEntry& e) -> size_t {
      NodeId node = node_of(e);
      if (dense) return node - min_node_;
      return std::lower_bound(nodes_.begin(), nodes_.end(), node) - nodes_.begin();
    };
    starts_.assign(range + 1, 0);
    for (const EdgeEntry& e : edges) ++starts_[group_of(e) + 1];
    for (size_t g = 1; g <= range; ++g) starts_[g] += starts_[g - 1];
    std::vector<uint32_t> next(starts_.begin(), starts_.end() - 1);
    entries_.resize(edges.size());
    for (size_t i = 0; i < edges.size(); ++i) {
      const EdgeEntry& e = edges[i];
      entries_[next[group_of(e)]++] =
          Entry{outgoing ? e.target : e.source, e.type, static_cast<uint32_t>(i)};
    }
    for (size_t g = 0; g < range; ++g) {
      if (starts_[g + 1] - starts_[g] < 2) continue;
      std::sort(entries_.begin() + starts_[g], entries_.begin() + starts_[g + 1],
                [](const Entry& a, const Entry& b) {
                  if (a.type != b.type) return a.type < b.type;
                  if (a.other != b.other) return a.other < b.other;
                  return a.index < b.index;
                });
    }
  }

  size_t size() const { return entries_.size(); }

  // Calls visit(key) for the keys of entries [begin, end), in order.
  template <typename Visit>
  Status ForEachKey(size_t begin, size_t end, EdgeId first_edge, const Visit& visit) const {
    if (begin >= end) return Status::OK();
    size_t g = std::upper_bound(starts_.begin(), starts_.end(), begin) - starts_.begin() - 1;
    char key[kAdjacencyKeySize];
    for (size_t j = begin; j < end; ++j) {
      while (starts_[g + 1] <= j) ++g;
      const Entry& e = entries_[j];
      NodeId node = nodes_.empty() ? min_node_ + g : nodes_[g];
      EncodeAdjacencyKey({node, e.type, e.other, first_edge + e.index}, key);
      KG_RETURN_IF_ERROR(visit(std::string_view(key, sizeof key)));
    }
    return Status::OK();
  }

 private:
  NodeId min_node_ = 0;
  std::vector<NodeId> nodes_;     // group -> node when the ids are sparse; empty when dense
  std::vector<uint32_t> starts_;  // group -> first entry; one more at the end
  std::vector<Entry> entries_;
};

// One direction's adjacency as the read cache keeps it (Topology::Adjacency), for a load into
// a store without relationships: the same grouping and order as AdjacencyOrder, over all node
// ids below `node_limit`, in 12-byte entries. REQUIRES: ids fit 32 bits.
Topology::Adjacency SortForTopology(const std::vector<EdgeEntry>& edges, EdgeId first_edge,
                                    size_t node_limit, bool outgoing) {
  Topology::Adjacency adjacency;
  std::vector<uint32_t>& offsets = adjacency.offsets;
  offsets.assign(node_limit + 1, 0);
  for (const EdgeEntry& e : edges) ++offsets[(outgoing ? e.source : e.target) + 1];
  for (size_t n = 0; n < node_limit; ++n) offsets[n + 1] += offsets[n];
  adjacency.entries.resize(edges.size());
  {
    std::vector<uint32_t> next(offsets.begin(), offsets.end() - 1);
    auto edge = static_cast<uint32_t>(first_edge);
    for (const EdgeEntry& e : edges) {
      NodeId node = outgoing ? e.source : e.target, other = outgoing ? e.target : e.source;
      adjacency.entries[next[node]++] = {e.type, static_cast<uint32_t>(other), edge++};
    }
  }
  // Within a node the entries are in id order: sort by (type, other end) and keep it.
  auto less = [](const Topology::Entry& a, const Topology::Entry& b) {
    uint64_t ka = uint64_t{a.type} << 32 | a.other, kb = uint64_t{b.type} << 32 | b.other;
    return ka != kb ? ka < kb : a.edge < b.edge;
  };
  for (size_t n = 0; n < node_limit; ++n) {
    if (offsets[n + 1] - offsets[n] < 2) continue;
    std::sort(adjacency.entries.begin() + offsets[n], adjacency.entries.begin() + offsets[n + 1],
              less);
  }
  return adjacency;
}

// Calls visit(key) for the keys of entries [begin, end) of `adjacency`, in order.
template <typename Visit>
Status ForEachKey(const Topology::Adjacency& adjacency, size_t begin, size_t end,
                  const Visit& visit) {
  if (begin >= end) return Status::OK();
  const std::vector<uint32_t>& offsets = adjacency.offsets;
  size_t node = std::upper_bound(offsets.begin(), offsets.end(), begin) - offsets.begin() - 1;
  char key[kAdjacencyKeySize];
  for (size_t j = begin; j < end; ++j) {
    while (offsets[node + 1] <= j) ++node;
    const Topology::Entry& e = adjacency.entries[j];
    EncodeAdjacencyKey({node, e.type, e.other, e.edge}, key);
    KG_RETURN_IF_ERROR(visit(std::string_view(key, sizeof key)));
  }
  return Status::OK();
}

// Runs the jobs on `threads` threads; the first failure, if any.
Status RunJobs(std::vector<std::function<Status()>>* jobs, int threads) {
  std::vector<Status> results(jobs->size(), Status::OK());
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i = next.fetch_add(1); i < jobs->size(); i = next.fetch_add(1))
      results[i] = (*jobs)[i]();
  };
  std::vector<std::thread> helpers;
  for (int i = 1; i < threads; ++i) helpers.emplace_back(worker);
  worker();
  for (std::thread& helper : helpers) helper.join();
  for (Status& status : results) KG_RETURN_IF_ERROR(status);
  return Status::OK();
}

class BulkLoaderImpl final : public BulkLoader {
 public:
  explicit BulkLoaderImpl(StoreImpl* store) : store_(store) {}
  ~BulkLoaderImpl() override {
    std::error_code ec;
    if (!temp_dir_.empty()) fs::remove_all(temp_dir_, ec);
    store_->EndWriter();
  }

  void Reserve(size_t nodes, size_t edges) override {
    nodes_.reserve(nodes_.size() + nodes);
    labels_.reserve(labels_.size() + nodes);
    props_.reserve(props_.size() + nodes);
    edges_.reserve(edges_.size() + edges);
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
    // Most loads give many relationships the same properties ({confidence: 1.0}): a list
    // equal to the previous relationship's is not stored again.
    scratch_.clear();
    EncodeProperties(properties, &scratch_);
    if (property_lists_.empty() ||
        scratch_ != std::string_view(edge_properties_).substr(property_lists_.back())) {
      property_lists_.push_back(edge_properties_.size());
      edge_properties_.append(scratch_);
    }
    if (edges_.empty()) first_edge_ = id;
    assert(id == first_edge_ + edges_.size());
    edges_.push_back({source, target, type_id, static_cast<uint32_t>(property_lists_.size() - 1)});
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
    int threads = static_cast<int>(std::clamp(std::thread::hardware_concurrency(), 2u, 8u));

    // Sorted runs of keys become SST files, several per big column family so that the
    // threads share the work evenly; every file of a column family covers its own key range.
    std::mutex files_mutex;
    std::array<std::vector<std::pair<size_t, std::string>>, kCfCount> files;  // (part, path)
    auto write_file = [&](Cf cf, size_t part,
                          const std::function<Status(const PutFn&)>& fill) -> Status {
      std::string path = temp_dir_ + "/" + std::to_string(static_cast<int>(cf)) + "-" +
                         std::to_string(part) + ".sst";
      rocksdb::Options options(store_->db()->GetDBOptions(), store_->db()->GetOptions(store_->cf(cf)));
      // The files are read right after the load: leave them in the page cache.
      rocksdb::SstFileWriter writer(rocksdb::EnvOptions(), options, store_->cf(cf),
                                    /*invalidate_page_cache=*/false);
      KG_RETURN_IF_ERROR(FromRocks(writer.Open(path), "bulk load"));
      KG_RETURN_IF_ERROR(fill([&writer](std::string_view key, std::string_view value) {
        return FromRocks(writer.Put(rocksdb::Slice(key.data(), key.size()),
                                    rocksdb::Slice(value.data(), value.size())),
                         "bulk load");
      }));
      KG_RETURN_IF_ERROR(FromRocks(writer.Finish(), "bulk load"));
      std::lock_guard lock(files_mutex);
      files[cf].emplace_back(part, std::move(path));
      return Status::OK();
    };
    auto parts_of = [&](size_t n) -> size_t {
      return n < (size_t{1} << 17) ? 1 : static_cast<size_t>(threads);
    };

    // One queue of jobs: the two adjacency sorts first, then the files that are one job each
    // (node, label, prop: the prop job sorts strings, so it is long), then the big column
    // families split into equal parts, so that the threads finish together; the tiny files
    // come last. The adjacency files wait for their sort, which a worker has begun before it
    // can reach them. (With the single files last, one thread wrote `prop` alone for about
    // 200 ms at 1M triples while the other had nothing left.)
    //
    // In a load into a store without relationships, the orders are made as the read cache's
    // topology, which the new generation then takes over: no scan after the load.
    ReadCache::Handover handover;
    const std::optional<size_t> topology_nodes = TopologyNodeLimit();
    std::optional<AdjacencyOrder> out_order, in_order;
    Topology::Adjacency out_topology, in_topology;
    std::atomic<bool> out_sorted{false}, in_sorted{false};
    std::vector<std::function<Status()>> jobs;
    for (auto [order, topology, sorted, outgoing] :
         {std::tuple{&out_order, &out_topology, &out_sorted, true},
          std::tuple{&in_order, &in_topology, &in_sorted, false}}) {
      jobs.push_back([&, order = order, topology = topology, sorted = sorted, outgoing = outgoing] {
        if (topology_nodes) {
          *topology = SortForTopology(edges_, first_edge_, *topology_nodes, outgoing);
        } else {
          order->emplace(edges_, outgoing);
        }
        sorted->store(true);
        sorted->notify_all();
        return Status::OK();
      });
    }
    // Ids only grow, so nodes_ is in key order already.
    if (!nodes_.empty()) {
      jobs.push_back([&] {
        return write_file(kNode, 0, [&](const PutFn& put) {
          for (size_t i = 0; i < nodes_.size(); ++i) {
            KG_RETURN_IF_ERROR(put(IdKey(first_node_ + i), Record(node_records_, nodes_, i)));
          }
          return Status::OK();
        });
      });
    }
    // When the store had no nodes, the `name` column after the load is made of this load's
    // nodes alone: it is handed over too.
    std::shared_ptr<const NodeColumn> name_column;
    std::optional<uint32_t> name_key = NameColumnKey();
    if (name_key) {
      jobs.push_back([&] {
        NodeColumn::Builder builder(ReadCache::kMaxColumnBytes, /*index=*/true);  // `name` is indexed
        for (size_t i = 0; i < nodes_.size(); ++i) {
          std::string_view encoded;
          if (!FindEncodedProperty(Record(node_records_, nodes_, i), *name_key, &encoded) ||
              !builder.Add(first_node_ + i, encoded)) {
            return Status::OK();  // none then: a scan builds it, or finds it too big, later
          }
        }
        name_column = builder.Finish();
        return Status::OK();
      });
    }
    if (!labels_.empty()) {
      jobs.push_back([&] {
        std::sort(labels_.begin(), labels_.end());
        return write_file(kLabel, 0, [&](const PutFn& put) {
          for (const auto& [label, node] : labels_)
            KG_RETURN_IF_ERROR(put(EncodeLabelKey(label, node), ""));
          return Status::OK();
        });
      });
    }
    if (!props_.empty()) {
      jobs.push_back([&] {
        std::sort(props_.begin(), props_.end());
        props_.erase(std::unique(props_.begin(), props_.end()), props_.end());
        return write_file(kProp, 0, [&](const PutFn& put) {
          for (const std::string& key : props_) KG_RETURN_IF_ERROR(put(key, ""));
          return Status::OK();
        });
      });
    }
    std::vector<Topology::Ends> ends;
    if (topology_nodes) {
      jobs.push_back([&] {
        ends.assign(edges_.empty() ? 0 : first_edge_ + edges_.size(), Topology::Ends{0, 0, 0});
        for (size_t i = 0; i < edges_.size(); ++i) {
          const EdgeEntry& e = edges_[i];
          ends[first_edge_ + i] = {e.type, static_cast<uint32_t>(e.source),
                                   static_cast<uint32_t>(e.target)};
        }
        return Status::OK();
      });
    }
    size_t edge_parts = parts_of(edges_.size());
    for (size_t part = 0; part < edge_parts && !edges_.empty(); ++part) {
      jobs.push_back([&, part] {
        return write_file(kEdge, part, [&](const PutFn& put) {
          std::string key, record;
          size_t begin = edges_.size() * part / edge_parts,
                 end = edges_.size() * (part + 1) / edge_parts;
          for (size_t i = begin; i < end; ++i) {
            const EdgeEntry& e = edges_[i];
            key.clear();
            PutFixed64BE(&key, first_edge_ + i);
            record.clear();
            PutVarint64(&record, e.type);
            PutFixed64BE(&record, e.source);
            PutFixed64BE(&record, e.target);
            record.append(PropertyList(e.properties));
            KG_RETURN_IF_ERROR(put(key, record));
          }
          return Status::OK();
        });
      });
    }
    size_t adjacency_parts = parts_of(edges_.size());
    for (auto [cf, order, topology, sorted] :
         {std::tuple{kOut, &out_order, &out_topology, &out_sorted},
          std::tuple{kIn, &in_order, &in_topology, &in_sorted}}) {
      for (size_t part = 0; part < adjacency_parts && !edges_.empty(); ++part) {
        jobs.push_back([&, cf = cf, order = order, topology = topology, sorted = sorted, part] {
          sorted->wait(false);
          return write_file(cf, part, [&](const PutFn& put) {
            size_t n = edges_.size(), parts = adjacency_parts;
            size_t begin = n * part / parts, end = n * (part + 1) / parts;
            auto put_key = [&](std::string_view key) { return put(key, ""); };
            if (topology_nodes) return ForEachKey(*topology, begin, end, put_key);
            return (*order)->ForEachKey(begin, end, first_edge_, put_key);
          });
        });
      }
    }
    std::map<std::string, std::string> dict;
    for (const auto& [kind_name, id] : pending_ids_) {
      std::string id_value;
      PutFixed32BE(&id_value, id);
      dict[EncodeDictNameKey(kind_name.first, kind_name.second)] = id_value;
      dict[EncodeDictIdKey(kind_name.first, id)] = kind_name.second;
    }
    if (!dict.empty()) {
      jobs.push_back([&] {
        return write_file(kDict, 0, [&](const PutFn& put) {
          for (const auto& [key, value] : dict) KG_RETURN_IF_ERROR(put(key, value));
          return Status::OK();
        });
      });
    }
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
    jobs.push_back([&] {
      return write_file(kMeta, 0, [&](const PutFn& put) {
        for (const auto& [key, value] : meta) {
          std::string encoded;
          PutFixed64BE(&encoded, value);
          KG_RETURN_IF_ERROR(put(key, encoded));
        }
        return Status::OK();
      });
    });
    KG_RETURN_IF_ERROR(RunJobs(&jobs, threads));
    std::vector<rocksdb::IngestExternalFileArg> args;
    for (int cf = 0; cf < kCfCount; ++cf) {
      if (files[cf].empty()) continue;
      std::sort(files[cf].begin(), files[cf].end());
      rocksdb::IngestExternalFileArg arg;
      arg.column_family = store_->cf(static_cast<Cf>(cf));
      for (auto& [part, path] : files[cf]) arg.external_files.push_back(std::move(path));
      arg.options.move_files = true;
      arg.options.allow_global_seqno = true;
      arg.options.allow_blocking_flush = true;
      args.push_back(std::move(arg));
    }
    if (topology_nodes) {
      handover.topology =
          Topology::Assemble(std::move(out_topology), std::move(in_topology), std::move(ends));
    }
    if (name_column) handover.columns[*name_key] = std::move(name_column);
    KG_RETURN_IF_ERROR(FromRocks(store_->IngestExternalFiles(args, pending_ids_, std::move(handover)),
                                 "bulk load into " + store_->path()));
    fs::remove_all(temp_dir_, ec);
    temp_dir_.clear();
    return Status::OK();
  }

 private:
  using PutFn = std::function<Status(std::string_view key, std::string_view value)>;

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

  // By the type as given (before CanonicalRelationshipType): a load names few types, many times.
  uint32_t TypeId(std::string_view type) {
    for (const auto& [spelling, id] : type_ids_) {
      if (spelling == type) return id;
    }
    uint32_t id = DictId(DictKind::kType, CanonicalRelationshipType(type));
    type_ids_.emplace_back(std::string(type), id);
    return id;
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

  // True when column family `cf` holds nothing (before the load is ingested).
  bool Empty(Cf cf) const {
    std::unique_ptr<rocksdb::Iterator> it(
        store_->db()->NewIterator(rocksdb::ReadOptions(), store_->cf(cf)));
    it->SeekToFirst();
    return !it->Valid() && it->status().ok();
  }

  // When the store has no relationships and the ids fit the topology's 32 bits, the topology
  // after the load is made of this load's relationships alone: the number of node ids it
  // spans (one more than the largest endpoint, as a scan would find). Nullopt otherwise.
  std::optional<size_t> TopologyNodeLimit() const {
    constexpr uint64_t kMax32 = std::numeric_limits<uint32_t>::max();
    if (store_->read_cache().mode() == ReadCacheMode::kOff) return std::nullopt;
    if (first_edge_ + edges_.size() >= kMax32) return std::nullopt;
    uint64_t limit = 0;
    for (const EdgeEntry& e : edges_) limit = std::max({limit, e.source + 1, e.target + 1});
    if (limit > kMax32 || !Empty(kOut)) return std::nullopt;
    return static_cast<size_t>(limit);
  }

  // The key id of `name`, when the store has no nodes and this load gives some a name: the
  // `name` column after the load is then made of this load's nodes alone. Nullopt otherwise.
  std::optional<uint32_t> NameColumnKey() const {
    if (store_->read_cache().mode() == ReadCacheMode::kOff || nodes_.empty()) return std::nullopt;
    auto it = cache_[2].find("name");
    if (it == cache_[2].end() || !Empty(kNode)) return std::nullopt;
    return it->second;
  }

  std::string_view PropertyList(uint32_t i) const {
    size_t end = i + 1 < property_lists_.size() ? property_lists_[i + 1] : edge_properties_.size();
    return std::string_view(edge_properties_).substr(property_lists_[i], end - property_lists_[i]);
  }

  StoreImpl* store_;
  bool finished_ = false;
  std::string temp_dir_;
  // Node records live in an arena: a million small strings would cost more than the writing.
  // Ids are handed out consecutively (one writer), so a record is found by its offset alone.
  static std::string_view Record(const std::string& arena, const std::vector<size_t>& offsets,
                                 size_t i) {
    size_t end = i + 1 < offsets.size() ? offsets[i + 1] : arena.size();
    return std::string_view(arena).substr(offsets[i], end - offsets[i]);
  }
  std::string node_records_;
  std::vector<size_t> nodes_;  // record offsets
  NodeId first_node_ = 0;
  std::vector<EdgeEntry> edges_;
  std::string edge_properties_;         // encoded property lists, each once per run of equal ones
  std::vector<size_t> property_lists_;  // their offsets
  std::string scratch_;
  EdgeId first_edge_ = 0;
  std::vector<std::pair<std::string, uint32_t>> type_ids_;
  std::vector<std::pair<uint32_t, NodeId>> labels_;
  std::vector<std::string> props_;
  std::unordered_map<uint32_t, uint64_t> label_deltas_;
  std::unordered_map<uint32_t, uint64_t> type_deltas_;
  std::array<std::unordered_map<std::string, uint32_t>, 3> cache_;
  DictEntries pending_ids_;
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
