// What the extractor hands to ingest (and prints as JSON lines): the entities of one article,
// the triples between them, and the evidence for each triple.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/schema.h"

namespace kg {

// Where a triple is stated. Offsets are byte offsets into the article's UTF-8 text.
struct Evidence {
  std::string article;      // the article's path or title as given to the extractor
  int sentence_index = 0;   // 0-based, in document order
  size_t begin = 0;         // byte span of the surface phrase within the article
  size_t end = 0;
  std::string sentence;     // the whole stating sentence
  std::string phrase;       // the words that state the relation ("press secretary", "met with")
};

struct ExtractedEntity {
  std::string name;                  // canonical: the longest proper name used
  EntityType type = EntityType::kPerson;
  std::vector<std::string> aliases;  // other proper forms, without titles
  std::vector<std::string> titles;   // "press secretary", "special envoy"
  int mentions = 0;
};

struct ExtractedTriple {
  std::string subject;               // an entity's canonical name
  EntityType subject_type = EntityType::kPerson;
  Predicate predicate = Predicate::kSaid;
  std::string object;                // an entity's canonical name, or the quote for `said`
  bool object_is_quote = false;
  EntityType object_type = EntityType::kPerson;  // meaningless when object_is_quote
  double confidence = 0.0;           // in [0, 1]
  Evidence evidence;
};

struct ExtractedArticle {
  std::string path;
  std::string title;                 // the headline: the first non-empty line
  std::vector<ExtractedEntity> entities;
  std::vector<ExtractedTriple> triples;
};

}  // namespace kg
