#include "storage/topology.h"

#include <algorithm>
#include <cassert>
#include <limits>
#include <tuple>

#include "storage/coding.h"

namespace kg::storage {

namespace {

constexpr uint64_t kMax32 = std::numeric_limits<uint32_t>::max();

bool EntryLess(const Topology::Entry& a, const Topology::Entry& b) {
  return std::tie(a.type, a.other, a.edge) < std::tie(b.type, b.other, b.edge);
}

template <typename T>
size_t Bytes(const std::vector<T>& v) {
  return v.capacity() * sizeof(T);
}

}  // namespace

Topology::Builder::Builder(uint64_t /*node_hint*/, uint64_t edge_hint) {
  keys_.reserve(static_cast<size_t>(std::min<uint64_t>(edge_hint, uint64_t{1} << 28)));
}

bool Topology::Builder::Add(const AdjacencyKey& key) {
  // Offsets are 32-bit too, so the number of relationships must fit as well.
  if (key.node >= kMax32 || key.other >= kMax32 || key.edge >= kMax32 || key.type >= kMax32 ||
      keys_.size() >= kMax32) {
    return false;
  }
  keys_.push_back({static_cast<uint32_t>(key.node), key.type, static_cast<uint32_t>(key.other),
                   static_cast<uint32_t>(key.edge)});
  node_limit_ = std::max(node_limit_, std::max(key.node, key.other) + 1);
  edge_limit_ = std::max(edge_limit_, key.edge + 1);
  type_limit_ = std::max(type_limit_, key.type + 1);
  return true;
}

std::shared_ptr<const Topology> Topology::Builder::Finish() {
  auto topology = std::make_shared<Topology>();
  Topology& t = *topology;
  const size_t n = static_cast<size_t>(node_limit_);
  const size_t e = keys_.size();
  t.node_limit_ = node_limit_;

  // Outgoing: a stable counting sort by source. Keys in RocksDB order come out sorted within
  // each node already; anything else (another key layout) is sorted per node afterwards.
  t.out_offsets_.assign(n + 1, 0);
  for (const Key& k : keys_) ++t.out_offsets_[k.source + 1];
  for (size_t i = 0; i < n; ++i) t.out_offsets_[i + 1] += t.out_offsets_[i];
  t.out_.resize(e);
  t.ends_.assign(static_cast<size_t>(edge_limit_), Ends{0, 0, 0});
  {
    std::vector<uint32_t> next(t.out_offsets_.begin(), t.out_offsets_.end() - 1);
    for (const Key& k : keys_) {
      t.out_[next[k.source]++] = Entry{k.type, k.target, k.edge};
      t.ends_[k.edge] = Ends{k.type, k.source, k.target};
    }
  }
  keys_.clear();
  keys_.shrink_to_fit();
  for (size_t node = 0; node < n; ++node) {
    auto begin = t.out_.begin() + t.out_offsets_[node], end = t.out_.begin() + t.out_offsets_[node + 1];
    if (!std::is_sorted(begin, end, EntryLess)) std::sort(begin, end, EntryLess);
  }

  // Incoming, sorted by (type, source, edge) per target without comparisons: the outgoing
  // entries ordered by type (stably, so by source within a type), then stably by target.
  std::vector<uint32_t> type_offsets(static_cast<size_t>(type_limit_) + 1, 0);
  for (const Entry& entry : t.out_) ++type_offsets[entry.type + 1];
  for (size_t i = 0; i + 1 < type_offsets.size(); ++i) type_offsets[i + 1] += type_offsets[i];
  struct Ref {
    uint32_t source, index;
  };
  std::vector<Ref> by_type(e);
  {
    std::vector<uint32_t> next(type_offsets.begin(), type_offsets.end() - 1);
    for (size_t node = 0; node < n; ++node) {
      for (uint32_t i = t.out_offsets_[node]; i < t.out_offsets_[node + 1]; ++i) {
        by_type[next[t.out_[i].type]++] = Ref{static_cast<uint32_t>(node), i};
      }
    }
  }
  t.in_offsets_.assign(n + 1, 0);
  for (const Entry& entry : t.out_) ++t.in_offsets_[entry.other + 1];
  for (size_t i = 0; i < n; ++i) t.in_offsets_[i + 1] += t.in_offsets_[i];
  t.in_.resize(e);
  {
    std::vector<uint32_t> next(t.in_offsets_.begin(), t.in_offsets_.end() - 1);
    for (const Ref& ref : by_type) {
      const Entry& out = t.out_[ref.index];
      t.in_[next[out.other]++] = Entry{out.type, ref.source, out.edge};
    }
  }
  by_type = {};

  t.IndexByType(type_limit_);
  return topology;
}

std::shared_ptr<const Topology> Topology::Assemble(Adjacency out, Adjacency in,
                                                   std::vector<Ends> ends) {
  assert(out.offsets.size() == in.offsets.size() && !out.offsets.empty());
  assert(out.entries.size() == in.entries.size());
  auto topology = std::make_shared<Topology>();
  Topology& t = *topology;
  t.node_limit_ = out.offsets.size() - 1;
  t.out_offsets_ = std::move(out.offsets);
  t.out_ = std::move(out.entries);
  t.in_offsets_ = std::move(in.offsets);
  t.in_ = std::move(in.entries);
  t.ends_ = std::move(ends);
  uint32_t type_limit = 0;
  for (const Ends& e : t.ends_) type_limit = std::max(type_limit, e.type + 1);
  t.IndexByType(type_limit);
  return topology;
}

void Topology::IndexByType(uint32_t type_limit) {
  // A counting sort of the ids: ascending within each type.
  type_offsets_.assign(static_cast<size_t>(type_limit) + 1, 0);
  for (const Ends& e : ends_) {
    if (e.type != 0) ++type_offsets_[e.type + 1];
  }
  for (size_t i = 0; i + 1 < type_offsets_.size(); ++i) type_offsets_[i + 1] += type_offsets_[i];
  type_edges_.resize(type_offsets_.back());
  std::vector<uint32_t> next(type_offsets_.begin(), type_offsets_.end() - 1);
  for (size_t id = 0; id < ends_.size(); ++id) {
    if (ends_[id].type != 0) type_edges_[next[ends_[id].type]++] = static_cast<uint32_t>(id);
  }
}

std::span<const Topology::Entry> Topology::OfType(std::span<const Entry> entries, uint32_t type) {
  auto begin = std::lower_bound(entries.begin(), entries.end(), type,
                                [](const Entry& entry, uint32_t t) { return entry.type < t; });
  auto end = std::upper_bound(begin, entries.end(), type,
                              [](uint32_t t, const Entry& entry) { return t < entry.type; });
  return {begin, end};
}

size_t Topology::memory_bytes() const {
  return sizeof(*this) + Bytes(out_offsets_) + Bytes(in_offsets_) + Bytes(out_) + Bytes(in_) +
         Bytes(ends_) + Bytes(type_offsets_) + Bytes(type_edges_);
}

bool NodeColumn::Builder::Add(uint64_t node, std::string_view encoded) {
  NodeColumn& c = *column_;
  if (node < c.state_.size()) return false;  // not ascending
  while (c.state_.size() < node) {
    c.state_.push_back(0);
    c.offsets_.push_back(c.offsets_.back());
  }
  c.arena_.append(encoded);
  c.state_.push_back(encoded.empty() ? 1 : 2);
  c.offsets_.push_back(c.arena_.size());
  if (index_ && !encoded.empty()) {
    Value value;
    std::string_view bytes = encoded;
    if (!DecodeValue(&bytes, &value)) return false;
    if (value.is_list()) {
      for (const std::string& v : IndexValues(value)) c.index_.push_back({IndexHash(v), node});
    } else {
      scratch_.clear();  // one value: no list of encodings to allocate
      EncodeIndexValue(value, &scratch_);
      c.index_.push_back({IndexHash(scratch_), node});
    }
  }
  return c.arena_.size() + c.offsets_.size() * 9 + c.index_.size() * sizeof(IndexEntry) <=
         max_bytes_;
}

std::shared_ptr<const NodeColumn> NodeColumn::Builder::Finish() {
  column_->offsets_.shrink_to_fit();
  column_->state_.shrink_to_fit();
  column_->arena_.shrink_to_fit();
  column_->indexed_ = index_;
  std::sort(column_->index_.begin(), column_->index_.end());
  column_->index_.shrink_to_fit();
  return std::move(column_);
}

uint64_t NodeColumn::IndexHash(std::string_view encoded) {
  // FNV-1a, then a final mix (the encodings share long prefixes).
  uint64_t h = 14695981039346656037ull;
  for (char c : encoded) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  return h;
}

std::vector<std::string> NodeColumn::IndexValues(const Value& value) {
  std::vector<std::string> out;
  auto add = [&](const Value& v) {
    std::string encoded;
    EncodeIndexValue(v, &encoded);
    if (std::find(out.begin(), out.end(), encoded) == out.end()) out.push_back(std::move(encoded));
  };
  if (value.is_null()) return out;
  if (value.is_list()) {
    for (const Value& element : value.as_list()) {
      if (!element.is_null()) add(element);
    }
  } else {
    add(value);
  }
  return out;
}

bool NodeColumn::HoldsIndexValue(uint64_t node, std::string_view wanted) const {
  Value value;
  if (Get(node, &value) != Lookup::kValue) return false;
  for (const std::string& v : IndexValues(value)) {
    if (v == wanted) return true;
  }
  return false;
}

NodeColumn::Lookup NodeColumn::Get(uint64_t node, Value* value) const {
  if (node >= state_.size() || state_[node] == 0) return Lookup::kNoNode;
  if (state_[node] == 1) return Lookup::kNull;
  std::string_view encoded(arena_.data() + offsets_[node],
                           static_cast<size_t>(offsets_[node + 1] - offsets_[node]));
  // The bytes were checked when the column was built.
  return DecodeValue(&encoded, value) ? Lookup::kValue : Lookup::kNull;
}

size_t NodeColumn::memory_bytes() const {
  return sizeof(*this) + Bytes(offsets_) + Bytes(state_) + arena_.capacity() + Bytes(index_);
}

}  // namespace kg::storage
