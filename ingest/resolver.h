// Entity resolution across articles: decides whether an extracted entity is one already in
// the store. The rule is documented in docs/storage.md ("Entity resolution").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/extraction.h"
#include "core/graph_types.h"
#include "core/schema.h"
#include "core/status.h"
#include "storage/store.h"

namespace kg::ingest {

// Lower case, accents folded (Latin letters), dashes and underscores read as spaces, dots
// dropped, a leading "the" and a trailing possessive dropped, spaces collapsed.
std::string NormalizeName(std::string_view name);
// NormalizeName, then leading honorifics ("mr", "ms", "dr", "president", ...) dropped.
std::string NormalizePersonName(std::string_view name);
bool WithinOneEdit(std::string_view a, std::string_view b);
// Whether two person names can name one person: equal; or surnames equal or one edit apart
// (both at least 5 letters) and either one name is a lone surname or the first names agree
// (equal, or an initial).
bool PersonNamesCompatible(std::string_view a, std::string_view b);

struct KnownEntity {
  NodeId id = 0;
  EntityType type = EntityType::kPerson;
  std::string name;                  // canonical, as stored
  std::vector<std::string> aliases;  // as stored
  std::vector<std::string> titles;
  int64_t mentions = 0;
};

// Not thread-safe: the ingest writer thread owns it.
class Resolver {
 public:
  // Loads every entity node (labels Person, Organization, Place, Work, Event) and every
  // :Quote of the store.
  Status Load(const storage::GraphReader& reader);

  // The index of the known entity that `entity` names, or nullopt for a new one (also when a
  // lone surname fits several known people).
  std::optional<size_t> Resolve(const ExtractedEntity& entity) const;

  size_t Add(KnownEntity entity);
  // Replaces the entity's record (after a merge) and re-indexes it.
  void Update(size_t index, KnownEntity entity);
  const KnownEntity& at(size_t index) const { return entities_[index]; }
  size_t size() const { return entities_.size(); }

  std::optional<NodeId> FindQuote(std::string_view text) const;
  void AddQuote(std::string_view text, NodeId id);

 private:
  void Index(size_t index);
  std::vector<std::string> Forms(const KnownEntity& entity) const;

  std::vector<KnownEntity> entities_;
  // type letter + normalized form -> entity indexes
  std::unordered_map<std::string, std::vector<size_t>> by_form_;
  // one-deletion variants of person surnames -> entity indexes
  std::unordered_map<std::string, std::vector<size_t>> by_surname_variant_;
  std::unordered_map<std::string, NodeId> quotes_;
};

}  // namespace kg::ingest
