// Relations: the closed predicate set of shared/SCHEMA.md read off the sentences — roles
// from titles, appositions and copulas; verb patterns (active, passive, coordinated
// subjects and objects); stances towards people, organisations and works; located-in
// from "X, Y", "X-based" and "Greek producer X"; and `said` for direct and reported speech.
#pragma once

#include <string_view>
#include <vector>

#include "core/extraction.h"
#include "extract/coref.h"
#include "extract/entities.h"
#include "extract/text.h"

namespace kg::extract {

// Finds the triples of one article. May add Work entities (plans, agreements) to
// `coref->entities` when a stance or proposal names one. Each triple carries its evidence;
// `path` goes into Evidence::article.
std::vector<ExtractedTriple> FindRelations(const Document& doc, const std::vector<Mention>& mentions,
                                           Coreference* coref, std::string_view path);

}  // namespace kg::extract
