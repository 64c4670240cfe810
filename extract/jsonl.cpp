#include "extract/jsonl.h"

#include <nlohmann/json.hpp>

namespace kg::extract {

namespace {

void AppendLine(const nlohmann::json& j, std::string* out) {
  out->append(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  out->push_back('\n');
}

}  // namespace

std::string ToJsonLines(const ExtractedArticle& article) {
  std::string out;
  for (const ExtractedEntity& e : article.entities) {
    nlohmann::json j;
    j["entity"] = e.name;
    j["type"] = std::string(EntityTypeName(e.type));
    j["aliases"] = e.aliases;
    j["titles"] = e.titles;
    j["mentions"] = e.mentions;
    AppendLine(j, &out);
  }
  for (const ExtractedTriple& t : article.triples) {
    nlohmann::json j;
    j["subject"] = t.subject;
    j["subject_type"] = std::string(EntityTypeName(t.subject_type));
    j["predicate"] = std::string(PredicateName(t.predicate));
    j["object"] = t.object;
    j["object_type"] = t.object_is_quote ? std::string("Quote") : std::string(EntityTypeName(t.object_type));
    j["confidence"] = t.confidence;
    nlohmann::json ev;
    ev["article"] = t.evidence.article;
    ev["sentence"] = t.evidence.sentence_index;
    ev["begin"] = t.evidence.begin;
    ev["end"] = t.evidence.end;
    ev["text"] = t.evidence.sentence;
    ev["phrase"] = t.evidence.phrase;
    j["evidence"] = std::move(ev);
    AppendLine(j, &out);
  }
  return out;
}

}  // namespace kg::extract
