// ImportTriples: parse and check the whole file, resolve names to nodes, then add everything
// through one storage::BulkLoader (one atomic SST ingestion).

#include <algorithm>
#include <atomic>
#include <cassert>
#include <cctype>
#include <chrono>
#include <cstring>
#include <deque>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#if defined(__GLIBC__)  // defined by the C++ library headers above
#include <malloc.h>
#endif

#include <nlohmann/json.hpp>

#include "core/schema.h"
#include "ingest/ingester.h"

namespace kg::ingest {

namespace {

using Json = nlohmann::json;

constexpr std::string_view kUntypedLabel = "Entity";

struct EntitySpec {
  std::string label;  // "" when the file gives no type
  std::string name;
  std::vector<std::string> aliases;
  std::vector<std::string> titles;
  int64_t mentions = 0;
  bool quote = false;
};

struct TripleSpec {
  uint32_t subject = 0;  // index into the entity table
  uint32_t object = 0;
  uint32_t type = 0;     // index into the type table
  uint32_t evidence = 0;  // index + 1 into the parser's evidence list; 0 = none
  double confidence = 1.0;
};

struct Edge3 {
  NodeId source;
  uint32_t type;
  NodeId target;
  bool operator==(const Edge3& o) const {
    return source == o.source && type == o.type && target == o.target;
  }
};

struct Edge3Hash {
  static uint64_t Mix(uint64_t x) {  // the splitmix64 finalizer
    x ^= x >> 30;
    x *= 0xBF58476D1CE4E5B9ull;
    x ^= x >> 27;
    x *= 0x94D049BB133111EBull;
    return x ^ (x >> 31);
  }
  size_t operator()(const Edge3& e) const {
    return static_cast<size_t>(Mix(Mix(e.source ^ (static_cast<uint64_t>(e.type) << 48)) + e.target));
  }
};

// The names of an entities file (ImportOptions::entities_path): name -> the entity's index in
// the parser's first table and its label. Filled before the triples are parsed and only read
// while they are, so both parse threads may look names up at once.
class NameIndex {
 public:
  static uint64_t Hash(std::string_view name) { return std::hash<std::string_view>()(name); }

  // REQUIRES: called before any Insert, with at least the number of names to come.
  void Reserve(size_t names) {
    size_t size = 1024;
    while (size < names * 2) size *= 2;
    slots_.assign(size, Slot{});
  }
  bool empty() const { return count_ == 0; }

  struct Entry {
    uint32_t index;
    uint8_t label;  // EntityTable::LabelCode
  };
  // The entry of `name`, if any. REQUIRES: hash == Hash(name).
  std::optional<Entry> Find(uint64_t hash, std::string_view name) const {
    if (count_ == 0) return std::nullopt;
    size_t mask = slots_.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
      const Slot& slot = slots_[i];
      if (slot.index_plus1 == 0) return std::nullopt;
      if (slot.hash == hash && slot.size == name.size() &&
          std::memcmp(names_.data() + slot.offset, name.data(), name.size()) == 0) {
        return Entry{slot.index_plus1 - 1, slot.label};
      }
    }
  }
  // Adds `name` unless it is there; returns its entry. REQUIRES: fewer names than reserved.
  Entry Insert(uint64_t hash, std::string_view name, Entry entry) {
    size_t mask = slots_.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
      Slot& slot = slots_[i];
      if (slot.index_plus1 == 0) {
        slot = Slot{hash, names_.size(), static_cast<uint32_t>(name.size()), entry.index + 1,
                    entry.label};
        names_.append(name);
        ++count_;
        return entry;
      }
      if (slot.hash == hash && slot.size == name.size() &&
          std::memcmp(names_.data() + slot.offset, name.data(), name.size()) == 0) {
        return Entry{slot.index_plus1 - 1, slot.label};
      }
    }
  }
  // Brings the first slot of `hash` toward the cache; then, once it is there, the name it
  // holds (see Parser::FlushNames).
  void PrefetchSlot(uint64_t hash) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[hash & (slots_.size() - 1)]);
  }
  void PrefetchName(uint64_t hash) const {
    if (slots_.empty()) return;
    const Slot& slot = slots_[hash & (slots_.size() - 1)];
    if (slot.index_plus1 != 0) __builtin_prefetch(names_.data() + slot.offset);
  }
  void Clear() {
    std::vector<Slot>().swap(slots_);
    std::string().swap(names_);
    count_ = 0;
  }

 private:
  struct Slot {
    uint64_t hash = 0;
    size_t offset = 0;  // of the name in names_
    uint32_t size = 0;
    uint32_t index_plus1 = 0;  // 0 = free
    uint8_t label = 0;
  };
  std::vector<Slot> slots_;  // a power of two, at most half full
  std::string names_;
  size_t count_ = 0;
};

// Entities keyed by (label, name) in an open-addressing table whose slots hold the full hash
// and where the names' bytes sit in one arena: a million-line import does two lookups a line,
// and chasing EntitySpec strings cost more than the rest of the parse.
class EntityTable {
 public:
  // The label is part of the key through the hash: `name_hash` is NameIndex::Hash(name) and
  // `label_code` LabelCode(label, quote).
  static uint64_t Hash(uint64_t name_hash, uint8_t label_code) {
    return name_hash * 0x9E3779B97F4A7C15ull + label_code;
  }

  // REQUIRES: hash == Hash(NameIndex::Hash(name), LabelCode(label, quote)).
  uint32_t Intern(uint64_t hash, std::string_view label, std::string_view name, bool quote) {
    if ((entities_.size() + 1) * 2 > slots_.size()) Grow();
    size_t mask = slots_.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
      Slot& slot = slots_[i];
      if (slot.index_plus1 == 0) {
        uint32_t index = static_cast<uint32_t>(entities_.size());
        slot = Slot{hash, index + 1, static_cast<uint32_t>(name.size()), names_.size()};
        names_.append(name);
        entities_.push_back(EntitySpec{std::string(label), std::string(name), {}, {}, 0, quote});
        return index;
      }
      // Equal names have equal std::hash, so equal full hashes with equal names mean equal
      // label codes too: the comparison is exact.
      if (slot.hash == hash && slot.size == name.size() &&
          std::memcmp(names_.data() + slot.offset, name.data(), name.size()) == 0) {
        return slot.index_plus1 - 1;
      }
    }
  }

  std::vector<EntitySpec>& entities() { return entities_; }
  // As NameIndex::PrefetchSlot and PrefetchName, for Intern.
  void PrefetchSlot(uint64_t hash) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[hash & (slots_.size() - 1)]);
  }
  void PrefetchName(uint64_t hash) const {
    if (slots_.empty()) return;
    const Slot& slot = slots_[hash & (slots_.size() - 1)];
    if (slot.index_plus1 != 0) __builtin_prefetch(names_.data() + slot.offset);
  }
  void Reserve(size_t entities) {
    entities_.reserve(entities);
    while (slots_.size() < 2 * entities + 2) Grow();
  }
  void DropIndex() {
    std::vector<Slot>().swap(slots_);
    std::string().swap(names_);
  }

  // REQUIRES: `label` is empty or an entity type (the callers check), unless `quote`.
  static uint8_t LabelCode(std::string_view label, bool quote) {
    if (quote) return 6;
    if (label.empty()) return 0;
    std::optional<EntityType> type = ParseEntityType(label);
    return type ? static_cast<uint8_t>(1 + static_cast<int>(*type)) : 7;
  }

 private:
  void Grow() {
    std::vector<Slot> slots(std::max<size_t>(1024, slots_.size() * 2));
    size_t mask = slots.size() - 1;
    for (const Slot& slot : slots_) {
      if (slot.index_plus1 == 0) continue;
      size_t i = slot.hash & mask;
      while (slots[i].index_plus1 != 0) i = (i + 1) & mask;
      slots[i] = slot;
    }
    slots_ = std::move(slots);
  }

  struct Slot {
    uint64_t hash = 0;
    uint32_t index_plus1 = 0;  // 0 = free
    uint32_t size = 0;         // of the name
    size_t offset = 0;         // of the name in names_
  };
  std::vector<EntitySpec> entities_;
  std::vector<Slot> slots_;  // a power of two, at most half full
  std::string names_;
};

// Splits a CSV record (RFC 4180 quoting, within one line) into `fields`; false on a stray or
// unterminated quote.
bool SplitCsv(std::string_view line, std::vector<std::string_view>* fields, std::string* unquoted) {
  fields->clear();
  unquoted->clear();
  if (line.find('"') == std::string_view::npos) {  // the common case
    for (size_t pos = 0;;) {
      size_t comma = line.find(',', pos);
      if (comma == std::string_view::npos) {
        fields->push_back(line.substr(pos));
        return true;
      }
      fields->push_back(line.substr(pos, comma - pos));
      pos = comma + 1;
    }
  }
  // Unquoted fields view the line; quoted ones are copied into `unquoted`, whose pieces are
  // viewed only after the whole line is split (appending may move its bytes).
  std::vector<std::pair<size_t, size_t>> quoted;  // field number, offset into unquoted
  std::vector<size_t> ends;
  size_t pos = 0;
  while (true) {
    if (pos < line.size() && line[pos] == '"') {
      size_t begin = unquoted->size();
      ++pos;
      while (true) {
        size_t quote = line.find('"', pos);
        if (quote == std::string_view::npos) return false;
        unquoted->append(line.substr(pos, quote - pos));
        pos = quote + 1;
        if (pos < line.size() && line[pos] == '"') {
          unquoted->push_back('"');
          ++pos;
          continue;
        }
        break;
      }
      quoted.emplace_back(fields->size(), begin);
      ends.push_back(unquoted->size());
      fields->emplace_back();
      if (pos < line.size() && line[pos] != ',') return false;
    } else {
      size_t comma = line.find(',', pos);
      size_t end = comma == std::string_view::npos ? line.size() : comma;
      std::string_view field = line.substr(pos, end - pos);
      if (field.find('"') != std::string_view::npos) return false;
      fields->push_back(field);
      ends.push_back(0);
      pos = end;
    }
    if (pos >= line.size()) break;
    ++pos;  // the comma
    if (pos == line.size()) {
      fields->emplace_back();
      break;
    }
  }
  for (const auto& [field, begin] : quoted) {
    (*fields)[field] = std::string_view(*unquoted).substr(begin, ends[field] - begin);
  }
  return true;
}

// Calls visit(line, line_number) for each line that is not blank or (with `comments`) a '#'
// comment, with a final '\r' removed, until visit returns false.
template <typename Visit>
void ForEachLine(std::string_view data, const Visit& visit, bool comments = true) {
  size_t line_number = 0;
  for (size_t pos = 0; pos < data.size();) {
    size_t end = data.find('\n', pos);
    if (end == std::string_view::npos) end = data.size();
    std::string_view line = data.substr(pos, end - pos);
    pos = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || (comments && line[0] == '#')) continue;
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    if (!visit(line, line_number)) return;
  }
}

// Splits a TSV line; returns the field count (6 meaning "more than 5").
size_t SplitTsv(std::string_view line, std::string_view (&fields)[6]) {
  size_t count = 0;
  size_t start = 0;
  while (count < 6) {
    size_t tab = line.find('\t', start);
    fields[count++] = line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start);
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  return count;
}

constexpr uint32_t kOtherPart = 0xffffffff;
constexpr uint32_t kDeclared = 0x80000000;

class Parser {
 public:
  explicit Parser(std::string path) : path_(std::move(path)) {}

  // TSV on two threads: both read every line; each resolves the names that fall in its half
  // (by QueueName's cheap function of the name) and interns those not declared in the
  // entities file (the main thread also checks the lines and interns the types); the halves
  // are joined at the end. Name lookups are cache-miss bound, so this halves their time.
  Status ParseTsv(std::string_view data) {
    std::vector<uint32_t> helper_subjects, helper_objects;
    helper_subjects.reserve(triples_.capacity());
    helper_objects.reserve(triples_.capacity());
    std::atomic<bool> stop{false};
    std::thread helper([&] {
      size_t n = 0;
      ForEachLine(data, [&](std::string_view line, size_t) {
        if ((++n & 0xfff) == 0 && stop.load(std::memory_order_relaxed)) return false;
        std::string_view f[6];
        size_t count = SplitTsv(line, f);
        if (count != 3 && count != 5) return false;  // the main thread reports it
        for (size_t i = 0; i < count; ++i) {
          if (f[i].empty()) return false;
        }
        std::string_view subject_type = count == 5 ? f[1] : std::string_view();
        std::string_view object = count == 5 ? f[3] : f[2];
        std::string_view object_type = count == 5 ? f[4] : std::string_view();
        for (std::string_view type : {subject_type, object_type}) {
          if (!type.empty() && !ParseEntityType(type)) return false;
        }
        if (helper_subjects.size() == helper_subjects.capacity()) FlushNames(1);
        helper_subjects.push_back(0);
        helper_objects.push_back(0);
        QueueName(1, subject_type, f[0], &helper_subjects.back());
        QueueName(1, object_type, object, &helper_objects.back());
        return true;
      });
      FlushNames(1);
    });
    Status status = Status::OK();
    ForEachLine(data, [&](std::string_view line, size_t line_number) {
      status = ParseTsvLine(line, line_number);
      return status.ok();
    });
    FlushNames(0);
    if (!status.ok()) stop = true;  // the helper's work is moot
    helper.join();
    KG_RETURN_IF_ERROR(status);
    if (helper_subjects.size() != triples_.size()) {
      return Status::Internal(path_ + ": the two parse threads disagree on the line count");
    }
    // The helper's indices are into the second table, or (kDeclared) into the first.
    uint32_t offset = static_cast<uint32_t>(tables_[0].entities().size());
    auto joined = [offset](uint32_t helper) {
      return (helper & kDeclared) != 0 ? helper & ~kDeclared : helper + offset;
    };
    for (size_t i = 0; i < triples_.size(); ++i) {
      if (triples_[i].subject == kOtherPart) triples_[i].subject = joined(helper_subjects[i]);
      if (triples_[i].object == kOtherPart) triples_[i].object = joined(helper_objects[i]);
    }
    std::vector<EntitySpec>& all = tables_[0].entities();
    std::vector<EntitySpec>& second = tables_[1].entities();
    all.insert(all.end(), std::make_move_iterator(second.begin()), std::make_move_iterator(second.end()));
    second.clear();
    return Status::OK();
  }

  Status ParseTsvLine(std::string_view line, size_t line_number) {
    std::string_view fields[6];
    size_t count = SplitTsv(line, fields);
    if (count != 3 && count != 5) {
      return Error(line_number, "expected 3 or 5 tab-separated fields, found " +
                                    (count == 6 ? std::string("more than 5") : std::to_string(count)));
    }
    for (size_t i = 0; i < count; ++i) {
      if (fields[i].empty()) return Error(line_number, "field " + std::to_string(i + 1) + " is empty");
    }
    std::string_view subject_type, object_type, predicate, object;
    if (count == 3) {
      predicate = fields[1];
      object = fields[2];
    } else {
      subject_type = fields[1];
      predicate = fields[2];
      object = fields[3];
      object_type = fields[4];
      for (std::string_view type : {subject_type, object_type}) {
        if (!ParseEntityType(type)) {
          return Error(line_number, "unknown entity type '" + std::string(type) +
                                        "' (expected Person, Organization, Place, Work or Event)");
        }
      }
    }
    TripleSpec triple;
    triple.type = Type(predicate);
    if (triples_.size() == triples_.capacity()) FlushNames(0);  // the queue points into it
    triples_.push_back(std::move(triple));
    QueueName(0, subject_type, fields[0], &triples_.back().subject);
    QueueName(0, object_type, object, &triples_.back().object);
    return Status::OK();
  }

  Status ParseJsonLine(std::string_view line, size_t line_number) {
    Json json = Json::parse(line.begin(), line.end(), nullptr, /*allow_exceptions=*/false);
    if (json.is_discarded() || !json.is_object()) return Error(line_number, "not a JSON object");
    auto text = [&](const char* key) -> std::optional<std::string> {
      auto it = json.find(key);
      if (it == json.end() || !it->is_string()) return std::nullopt;
      return it->get<std::string>();
    };
    auto type_of = [&](const char* key, std::string* label) -> Status {
      std::optional<std::string> type = text(key);
      if (!type || type->empty()) return Status::OK();
      if (!ParseEntityType(*type)) {
        return Error(line_number, "unknown entity type '" + *type + "' in \"" + key + "\"");
      }
      *label = *type;
      return Status::OK();
    };
    if (json.contains("entity")) {
      std::optional<std::string> name = text("entity");
      if (!name || name->empty()) return Error(line_number, "\"entity\" must be a non-empty string");
      std::string label;
      KG_RETURN_IF_ERROR(type_of("type", &label));
      EntitySpec& entity = entities()[Entity(label, *name)];
      for (const char* key : {"aliases", "titles"}) {
        auto it = json.find(key);
        if (it == json.end() || !it->is_array()) continue;
        for (const Json& item : *it) {
          if (item.is_string()) (key[0] == 'a' ? entity.aliases : entity.titles).push_back(item.get<std::string>());
        }
      }
      if (auto it = json.find("mentions"); it != json.end() && it->is_number_integer()) {
        entity.mentions += it->get<int64_t>();
      }
      return Status::OK();
    }
    std::optional<std::string> subject = text("subject"), predicate = text("predicate"),
                               object = text("object");
    if (!subject || !predicate || !object || subject->empty() || predicate->empty() || object->empty()) {
      return Error(line_number,
                   "expected \"subject\", \"predicate\" and \"object\" strings (or an \"entity\")");
    }
    std::string subject_label, object_label;
    KG_RETURN_IF_ERROR(type_of("subject_type", &subject_label));
    std::optional<std::string> object_type = text("object_type");
    bool quote = (object_type && (*object_type == "Quote" || *object_type == "quote")) ||
                 (CanonicalRelationshipType(*predicate) == "said" &&
                  (!object_type || object_type->empty()));
    if (!quote) KG_RETURN_IF_ERROR(type_of("object_type", &object_label));
    TripleSpec triple;
    triple.subject = Entity(subject_label, *subject);
    triple.object = quote ? Quote(*object) : Entity(object_label, *object);
    triple.type = Type(*predicate);
    if (auto it = json.find("confidence"); it != json.end() && it->is_number()) {
      triple.confidence = std::clamp(it->get<double>(), 0.0, 1.0);
    }
    if (auto it = json.find("evidence"); it != json.end() && it->is_object()) {
      evidence_.push_back(ToValue(*it));
      triple.evidence = static_cast<uint32_t>(evidence_.size());
    }
    triples_.push_back(std::move(triple));
    return Status::OK();
  }

  // An entities file (ImportOptions::entities_path): a header row naming the columns, among
  // them `name` and optionally `type`, then one entity per row. Its entities come first in
  // the entity table, and names that the triples give without a type take its types.
  Status ParseEntities(std::string_view data, const std::string& path) {
    size_t lines = static_cast<size_t>(std::count(data.begin(), data.end(), '\n')) + 1;
    declared_.Reserve(lines);
    tables_[0].Reserve(lines);
    auto error = [&](size_t line_number, const std::string& message) {
      return Status::InvalidArgument(path + ":" + std::to_string(line_number) + ": " + message);
    };
    std::vector<std::string_view> fields;
    std::string unquoted;
    size_t columns = 0, name_column = 0, type_column = 0;
    bool header = true, has_type = false;
    Status status = Status::OK();
    auto row = [&](std::string_view line, size_t line_number) {
      if (!SplitCsv(line, &fields, &unquoted)) {
        status = error(line_number,
                       "malformed quotes (a quoted field is \"...\", with \"\" for a quote)");
        return false;
      }
      if (header) {
        header = false;
        columns = fields.size();
        bool has_name = false;
        for (size_t i = 0; i < fields.size(); ++i) {
          std::string_view field = fields[i];
          if (i == 0 && field.substr(0, 3) == "\xEF\xBB\xBF")
            field.remove_prefix(3);  // a UTF-8 BOM
          while (!field.empty() && field.front() == ' ') field.remove_prefix(1);
          while (!field.empty() && field.back() == ' ') field.remove_suffix(1);
          std::string column(field);
          for (char& c : column) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
          if (column == "name" && !has_name) {
            has_name = true;
            name_column = i;
          } else if (column == "type" && !has_type) {
            has_type = true;
            type_column = i;
          }
        }
        if (!has_name)
          status = error(line_number,
                         "the header names no \"name\" column (expected e.g. id,name,type)");
        return status.ok();
      }
      if (fields.size() != columns) {
        status = error(line_number, "expected " + std::to_string(columns) +
                                        " comma-separated fields, found " +
                                        std::to_string(fields.size()));
        return false;
      }
      std::string_view name = fields[name_column];
      std::string_view type = has_type ? fields[type_column] : std::string_view();
      if (name.empty()) {
        status = error(line_number, "the name is empty");
        return false;
      }
      if (!type.empty() && !ParseEntityType(type)) {
        status = error(line_number,
                       "unknown entity type '" + std::string(type) +
                           "' (expected Person, Organization, Place, Work or Event, or nothing)");
        return false;
      }
      uint8_t label = EntityTable::LabelCode(type, false);
      uint64_t hash = NameIndex::Hash(name);
      uint32_t index = tables_[0].Intern(EntityTable::Hash(hash, label), type, name, false);
      NameIndex::Entry entry = declared_.Insert(hash, name, {index, label});
      if (entry.label != label) {
        auto type_name = [&](uint8_t code) {
          return code == 0 ? std::string("no type")
                           : std::string(tables_[0].entities()[entry.index].label);
        };
        status =
            error(line_number, "'" + std::string(name) + "' has " +
                                   (type.empty() ? std::string("no type") : std::string(type)) +
                                   " here and " + type_name(entry.label) + " on an earlier line");
        return false;
      }
      return true;
    };
    ForEachLine(data, row, /*comments=*/false);
    return status;
  }

  void Reserve(size_t lines) { triples_.reserve(lines); }
  std::vector<EntitySpec>& entities() { return tables_[0].entities(); }
  std::vector<TripleSpec>& triples() { return triples_; }
  std::vector<Value>& evidence() { return evidence_; }
  // Frees the lookup tables once parsing is done (a million-line import is memory-bound).
  void DropIndex() {
    tables_[0].DropIndex();
    tables_[1].DropIndex();
    declared_.Clear();
  }
  const std::vector<std::string>& types() const { return types_; }

 private:
  Status Error(size_t line_number, const std::string& message) const {
    return Status::InvalidArgument(path_ + ":" + std::to_string(line_number) + ": " + message);
  }

  uint32_t Entity(std::string_view label, std::string_view name) {
    return InternAll(label, name, false);
  }
  uint32_t Quote(std::string_view text) { return InternAll("Quote", text, true); }

  uint32_t InternAll(std::string_view label, std::string_view name, bool quote) {
    uint64_t name_hash = NameIndex::Hash(name);
    uint8_t label_code = EntityTable::LabelCode(label, quote);
    if (!quote) {
      if (std::optional<uint32_t> declared = Declared(name_hash, label_code, name))
        return *declared;
    }
    return tables_[0].Intern(EntityTable::Hash(name_hash, label_code), label, name, quote);
  }

  // Sets *out, now or at the next FlushNames(part), to part `part`'s index of the entity, or
  // to kOtherPart when the other part owns the name; the second part's declared entities are
  // marked kDeclared, as their index is into the first table. Resolving names a batch at a
  // time lets their cache misses overlap: a lookup is a miss on the slot, then on the name.
  void QueueName(int part, std::string_view label, std::string_view name, uint32_t* out) {
    // Cheaper than a hash, which only the owner then computes. REQUIRES: !name.empty().
    if (static_cast<int>((name.size() ^ static_cast<unsigned char>(name.back())) & 1) != part) {
      *out = kOtherPart;
      return;
    }
    NameBatch& batch = batches_[part];
    batch.names[batch.size++] =
        PendingName{out, label, name, NameIndex::Hash(name), EntityTable::LabelCode(label, false)};
    if (batch.size == kNameBatch) FlushNames(part);
  }

  void FlushNames(int part) {
    NameBatch& batch = batches_[part];
    // With an entities file most names are declared; without one, all are interned.
    if (!declared_.empty()) {
      for (size_t i = 0; i < batch.size; ++i) declared_.PrefetchSlot(batch.names[i].hash);
      for (size_t i = 0; i < batch.size; ++i) declared_.PrefetchName(batch.names[i].hash);
    } else {
      EntityTable& table = tables_[part];
      for (size_t i = 0; i < batch.size; ++i) {
        table.PrefetchSlot(EntityTable::Hash(batch.names[i].hash, batch.names[i].label_code));
      }
      for (size_t i = 0; i < batch.size; ++i) {
        table.PrefetchName(EntityTable::Hash(batch.names[i].hash, batch.names[i].label_code));
      }
    }
    for (size_t i = 0; i < batch.size; ++i) {
      const PendingName& pending = batch.names[i];
      std::optional<uint32_t> declared = Declared(pending.hash, pending.label_code, pending.name);
      if (declared) {
        *pending.out = part == 0 ? *declared : *declared | kDeclared;
      } else {
        *pending.out = tables_[part].Intern(EntityTable::Hash(pending.hash, pending.label_code),
                                            pending.label, pending.name, false);
      }
    }
    batch.size = 0;
  }

  // The entity of the entities file that `name` with this label means: the one of that name
  // when the label is its type or none.
  std::optional<uint32_t> Declared(uint64_t name_hash, uint8_t label_code,
                                   std::string_view name) const {
    if (declared_.empty()) return std::nullopt;
    std::optional<NameIndex::Entry> entry = declared_.Find(name_hash, name);
    if (!entry || (label_code != 0 && label_code != entry->label)) return std::nullopt;
    return entry->index;
  }

  // REQUIRES: `predicate` stays valid for the parser's life (it views the file's bytes or
  // is interned below).
  uint32_t Type(std::string_view predicate) {
    if (predicate == last_type_name_) return last_type_;
    auto it = type_index_.find(predicate);
    if (it == type_index_.end()) {
      types_.push_back(CanonicalRelationshipType(predicate));
      type_names_.emplace_back(predicate);
      it = type_index_.emplace(type_names_.back(), static_cast<uint32_t>(types_.size() - 1)).first;
    }
    last_type_name_ = it->first;
    return last_type_ = it->second;
  }

  static Value ToValue(const Json& json) {
    switch (json.type()) {
      case Json::value_t::boolean: return Value(json.get<bool>());
      case Json::value_t::number_integer:
      case Json::value_t::number_unsigned: return Value(json.get<int64_t>());
      case Json::value_t::number_float: return Value(json.get<double>());
      case Json::value_t::string: return Value(json.get<std::string>());
      case Json::value_t::array: {
        ValueList list;
        for (const Json& item : json) list.push_back(ToValue(item));
        return Value(std::move(list));
      }
      case Json::value_t::object: {
        ValueMap map;
        for (auto it = json.begin(); it != json.end(); ++it) map[it.key()] = ToValue(it.value());
        return Value(std::move(map));
      }
      default: return Value();
    }
  }

  struct PendingName {
    uint32_t* out;
    std::string_view label;
    std::string_view name;
    uint64_t hash;  // NameIndex::Hash(name)
    uint8_t label_code;
  };
  static constexpr size_t kNameBatch = 16;
  struct NameBatch {
    PendingName names[kNameBatch];
    size_t size = 0;
  };

  std::string path_;
  EntityTable tables_[2];
  NameIndex declared_;
  NameBatch batches_[2];  // one per parse thread
  std::vector<TripleSpec> triples_;
  std::vector<Value> evidence_;
  std::deque<std::string> type_names_;  // as written; a deque keeps the views below valid
  std::unordered_map<std::string_view, uint32_t> type_index_;
  std::vector<std::string> types_;       // canonical
  std::string_view last_type_name_;
  uint32_t last_type_ = 0;
};

Status ReadWholeFile(const std::string& path, std::string* data) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return Status::NotFound("cannot read '" + path + "': " + std::strerror(errno));
  std::streamoff size = in.tellg();
  if (size < 0) return Status::IOError("cannot read '" + path + "'");
  data->resize(static_cast<size_t>(size));
  in.seekg(0);
  if (!in.read(data->data(), size))
    return Status::IOError("cannot read '" + path + "': read error");
  return Status::OK();
}

bool IsEntityNode(const Node& node) {
  for (const std::string& label : node.labels) {
    if (label == kUntypedLabel || ParseEntityType(label)) return true;
  }
  return false;
}

}  // namespace

Result<IngestReport> ImportTriples(storage::Store* store, const std::string& path,
                                   const ImportOptions& options) {
  auto start = std::chrono::steady_clock::now();
  if (store->read_only()) return Status::InvalidArgument("store " + store->path() + " is open read-only");
  // The parse and the loader free a few hundred MB in pieces (1M triples), which glibc keeps
  // in the arenas of the threads that used them; give it back once everything is freed.
  struct TrimOnReturn {
    ~TrimOnReturn() {
#if defined(__GLIBC__)
      malloc_trim(0);
#endif
    }
  } trim_on_return;
  // Parse and check everything before writing anything.
  Parser parser(path);
  // The triples file is read (and its lines counted) while the entities file is parsed.
  std::string data;
  size_t lines = 0;
  Status read = Status::OK();
  std::thread reader([&] {
    read = ReadWholeFile(path, &data);
    lines = static_cast<size_t>(std::count(data.begin(), data.end(), '\n')) + 1;
  });
  Status entities_read = Status::OK();
  if (!options.entities_path.empty()) {
    std::string entities_data;
    entities_read = ReadWholeFile(options.entities_path, &entities_data);
    if (entities_read.ok())
      entities_read = parser.ParseEntities(entities_data, options.entities_path);
  }
  reader.join();
  KG_RETURN_IF_ERROR(entities_read);
  KG_RETURN_IF_ERROR(read);
  parser.Reserve(lines);
  size_t first = data.find_first_not_of(" \t\r\n");
  bool json = first != std::string::npos && data[first] == '{';
  if (json) {
    Status status = Status::OK();
    ForEachLine(data, [&](std::string_view line, size_t line_number) {
      status = parser.ParseJsonLine(line, line_number);
      return status.ok();
    });
    KG_RETURN_IF_ERROR(status);
  } else {
    KG_RETURN_IF_ERROR(parser.ParseTsv(data));
  }
  parser.DropIndex();
  std::string().swap(data);

  // Names that the store already has: reuse those nodes (same label, or any entity for an
  // untyped name). Skipped on an empty store, the common case of a first import.
  std::unique_ptr<storage::GraphReader> snapshot = store->Snapshot();
  Result<storage::GraphCounts> counts = snapshot->Counts();
  if (!counts.ok()) return counts.status();
  bool empty_store = counts->nodes == 0;
  std::vector<EntitySpec>& entities = parser.entities();
  std::vector<NodeId> node_of(entities.size());
  std::vector<bool> existing(entities.size(), false);
  if (!empty_store) {
    for (size_t i = 0; i < entities.size(); ++i) {
      const EntitySpec& entity = entities[i];
      if (entity.quote) continue;
      std::optional<NodeId> found;
      Status status = Status::OK();
      KG_RETURN_IF_ERROR(snapshot->LookupNodes("name", Value(entity.name), [&](NodeId id) {
        Result<Node> node = snapshot->GetNode(id);
        if (!node.ok()) {
          status = node.status();
          return false;
        }
        if (entity.label.empty() ? IsEntityNode(*node) : node->HasLabel(entity.label)) {
          found = id;
          return false;
        }
        return true;
      }));
      KG_RETURN_IF_ERROR(status);
      if (found) {
        node_of[i] = *found;
        existing[i] = true;
      }
    }
  }

  Result<std::unique_ptr<storage::BulkLoader>> loader = store->BeginBulkLoad();
  if (!loader.ok()) return loader.status();
  // One edge per distinct (subject, type, object); repeated statements merge their evidence.
  // `node(entity)` is the node an entity stands for. In an empty store every entity becomes
  // a node of its own, so its index will do, and the dedup runs beside the AddNode calls.
  std::vector<TripleSpec>& triples = parser.triples();
  std::vector<size_t> unique;
  std::vector<Value>& statements = parser.evidence();
  std::unordered_map<size_t, ValueList> evidence;  // by index into `unique`; JSON lines only
  size_t duplicates = 0, already_stored = 0;
  auto dedup = [&](const auto& node) {
    size_t table_size = 1024;
    while (table_size < triples.size() * 2) table_size *= 2;
    // Slots: the hash's high half, then index into `unique` + 1 (0 = free); the triples are
    // compared only when the halves agree, so a new triple costs one probe.
    std::vector<uint64_t> first_of(table_size, 0);
    unique.reserve(triples.size());
    Edge3Hash edge_hash;
    for (size_t i = 0; i < triples.size(); ++i) {
      const TripleSpec& t = triples[i];
      Edge3 key{node(t.subject), t.type, node(t.object)};
      uint64_t hash = edge_hash(key);
      uint64_t tag = hash >> 32;
      size_t slot = hash & (table_size - 1);
      size_t found = 0;
      for (;; slot = (slot + 1) & (table_size - 1)) {
        if (first_of[slot] == 0) break;
        if ((first_of[slot] >> 32) != tag) continue;
        size_t candidate = first_of[slot] & 0xffffffff;
        const TripleSpec& other = triples[unique[candidate - 1]];
        if (Edge3{node(other.subject), other.type, node(other.object)} == key) {
          found = candidate;
          break;
        }
      }
      if (found == 0) {
        first_of[slot] = (tag << 32) | (unique.size() + 1);
        unique.push_back(i);
        if (t.evidence != 0)
          evidence[unique.size() - 1].push_back(std::move(statements[t.evidence - 1]));
        continue;
      }
      ++duplicates;
      TripleSpec& kept = triples[unique[found - 1]];
      kept.confidence = 1.0 - (1.0 - kept.confidence) * (1.0 - t.confidence);
      if (t.evidence != 0) evidence[found - 1].push_back(std::move(statements[t.evidence - 1]));
    }
  };
  std::thread dedup_beside;
  if (empty_store) {
    dedup_beside = std::thread([&] { dedup([](uint32_t entity) -> NodeId { return entity; }); });
  }

  (*loader)->Reserve(entities.size(), parser.triples().size());
  FileOutcome outcome;
  outcome.path = path;
  for (size_t i = 0; i < entities.size(); ++i) {
    if (existing[i]) continue;
    EntitySpec& entity = entities[i];
    PropertyMap properties;
    std::vector<std::string> labels;
    if (entity.quote) {
      labels = {"Quote"};
      properties["text"] = Value(entity.name);
    } else {
      labels = {entity.label.empty() ? std::string(kUntypedLabel) : entity.label};
      properties["name"] = Value(entity.name);
      auto list = [](const std::vector<std::string>& items) {
        ValueList values;
        for (const std::string& item : items) values.emplace_back(item);
        return Value(std::move(values));
      };
      if (!entity.aliases.empty()) properties["aliases"] = list(entity.aliases);
      if (!entity.titles.empty()) properties["titles"] = list(entity.titles);
      if (entity.mentions > 0) properties["mentions"] = Value(entity.mentions);
      ++outcome.entities;
    }
    node_of[i] = (*loader)->AddNode(std::move(labels), std::move(properties));
  }

  if (dedup_beside.joinable()) {
    dedup_beside.join();
  } else {
    dedup([&](uint32_t entity) { return node_of[entity]; });
  }
  // A million-line import is memory-bound: free what is done with before the next buffers.
  std::vector<EntitySpec>().swap(entities);
  const PropertyMap plain = {{"confidence", Value(1.0)}};
  const std::vector<std::string>& types = parser.types();
  // Triples between two nodes the store already had may be stored already. One adjacency
  // scan per (source, type) answers all of them: per triple, a hub would be scanned
  // thousands of times.
  std::vector<bool> stored(unique.size(), false);
  if (!empty_store) {
    struct Candidate {
      NodeId source;
      uint32_t type;
      size_t u;
    };
    std::vector<Candidate> candidates;
    for (size_t u = 0; u < unique.size(); ++u) {
      const TripleSpec& t = triples[unique[u]];
      if (existing[t.subject] && existing[t.object]) candidates.push_back({node_of[t.subject], t.type, u});
    }
    std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
      return a.source != b.source ? a.source < b.source : a.type < b.type;
    });
    std::vector<NodeId> targets;
    for (size_t begin = 0; begin < candidates.size();) {
      size_t end = begin;
      while (end < candidates.size() && candidates[end].source == candidates[begin].source &&
             candidates[end].type == candidates[begin].type) {
        ++end;
      }
      targets.clear();
      KG_RETURN_IF_ERROR(snapshot->ScanAdjacent(
          candidates[begin].source, Direction::kOutgoing, {types[candidates[begin].type]},
          [&](const storage::AdjacentEdge& e) {
            targets.push_back(e.other);
            return true;
          }));
      std::sort(targets.begin(), targets.end());
      for (size_t i = begin; i < end; ++i) {
        NodeId target = node_of[triples[unique[candidates[i].u]].object];
        stored[candidates[i].u] = std::binary_search(targets.begin(), targets.end(), target);
      }
      begin = end;
    }
  }
  for (size_t u = 0; u < unique.size(); ++u) {
    const TripleSpec& t = triples[unique[u]];
    NodeId source = node_of[t.subject], target = node_of[t.object];
    if (stored[u]) {
      ++already_stored;
      continue;
    }
    auto statements_of = evidence.find(u);
    if (t.confidence == 1.0 && statements_of == evidence.end()) {
      (*loader)->AddEdge(types[t.type], source, target, plain);
    } else {
      PropertyMap properties = {{"confidence", Value(t.confidence)}};
      if (statements_of != evidence.end()) properties["evidence"] = Value(std::move(statements_of->second));
      (*loader)->AddEdge(types[t.type], source, target, properties);
    }
    ++outcome.triples;
  }
  std::vector<TripleSpec>().swap(triples);
  std::vector<size_t>().swap(unique);
  std::vector<NodeId>().swap(node_of);
  KG_RETURN_IF_ERROR((*loader)->Finish());
  loader->reset();

  if (duplicates > 0 || already_stored > 0) {
    outcome.message = std::to_string(duplicates) + " repeated triples merged, " +
                      std::to_string(already_stored) + " already in the store";
  }
  IngestReport report;
  report.added = 1;
  report.entities = outcome.entities;
  report.triples = outcome.triples;
  report.files.push_back(std::move(outcome));
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace kg::ingest
