#include "extract/extractor.h"

#include <exception>
#include <unordered_set>

#include "extract/coref.h"
#include "extract/entities.h"
#include "extract/relations.h"
#include "extract/text.h"
#include "extract/utf8.h"

namespace kg::extract {

namespace {

std::string_view FirstLine(std::string_view text) {
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
      line.remove_suffix(1);
    }
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    if (!line.empty()) return line;
    start = end + 1;
  }
  return {};
}

}  // namespace

Result<ExtractedArticle> ExtractArticle(std::string_view text, std::string_view path) {
  Status valid = ValidateUtf8(text);
  if (!valid.ok()) return valid;
  ExtractedArticle article;
  article.path = std::string(path);
  article.title = std::string(FirstLine(text));
  // Exceptions (bad_alloc on a huge input) must not cross the module edge.
  try {
    Document doc = Segment(text);
    if (doc.sentences.empty()) return article;
    std::vector<Mention> mentions = FindMentions(doc);
    Coreference coref = ResolveCoreference(doc, &mentions);
    article.triples = FindRelations(doc, mentions, &coref, path);
    // Works and events are reported only when a triple uses them: the schema lists them
    // only then, and a lone capitalised phrase is weak evidence of one.
    std::unordered_set<std::string> in_triples;
    for (const ExtractedTriple& t : article.triples) {
      in_triples.insert(t.subject);
      if (!t.object_is_quote) in_triples.insert(t.object);
    }
    for (const Entity& e : coref.entities) {
      if (e.dropped || e.name.empty() || e.mentions == 0) continue;
      bool minor = e.type == EntityType::kWork || e.type == EntityType::kEvent;
      if (minor && !in_triples.count(e.name)) continue;
      ExtractedEntity out;
      out.name = e.name;
      out.type = e.type;
      out.aliases = e.aliases;
      out.titles = e.titles;
      out.mentions = e.mentions;
      article.entities.push_back(std::move(out));
    }
  } catch (const std::exception& e) {
    return Status::Internal(std::string("article '") + std::string(path) + "': " + e.what());
  }
  return article;
}

}  // namespace kg::extract
