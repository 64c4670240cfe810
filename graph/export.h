// Writes a store's graph, or a filtered or explicit part of it (graph/view.h), in interchange
// formats: GraphML, Graphviz DOT, N-Triples and Neo4j/Kùzu bulk-import CSV. docs/export.md
// describes every format's attributes and how to open the files in other tools.
#pragma once

#include <ostream>

#include "core/status.h"
#include "graph/view.h"

namespace kg::storage {
class GraphReader;
}

namespace kg::graph {

// Every writer returns the reader's errors (see BuildView), or kIOError when the stream
// fails. Output is deterministic: nodes and relationships in id order. Text is written as
// UTF-8 as stored; each format escapes what its syntax needs (docs/export.md).

// GraphML through Boost.Graph's writer, for Gephi, Cytoscape, NetworkX, igraph and yEd.
// Nodes carry `kg_id`, `labels` (":Person"), `label` (the name, for display) and every
// property; relationships carry `kg_id`, `type`, `label`, `articles` (number of evidence
// entries, 0 when none), `evidence` (the first evidence sentence, absent when none) and
// every other property. A key whose values all are booleans, integers or numbers gets
// that GraphML type (boolean as 1/0, long, double); others are strings. An element without the
// property has no <data> for the key. Lists of strings (`aliases`, `titles`) are joined
// with "; "; other lists and maps are written in Cypher form. Newlines, tabs and repeated
// spaces are character references, so normalising readers (Boost's) keep them; control
// characters XML 1.0 forbids are written as U+FFFD.
Status WriteGraphML(const GraphView& view, std::ostream& out);
Status WriteGraphML(const storage::GraphReader& reader, const Selection& selection,
                    std::ostream& out);
// The whole store: WriteGraphML(reader, GraphFilter{}, out).
Status WriteGraphML(const storage::GraphReader& reader, std::ostream& out);

// Graphviz DOT (`dot -Tsvg`), a `digraph` with nodes `n<id>` labelled by name and label,
// coloured by entity type, and relationships labelled by type and confidence; tooltips
// carry aliases and the first evidence sentence.
Status WriteDot(const GraphView& view, std::ostream& out);
Status WriteDot(const storage::GraphReader& reader, const Selection& selection,
                std::ostream& out);

// N-Triples (RDF 1.1) under the base `urn:kg:`: nodes are <urn:kg:node:ID>, relationships
// <urn:kg:edge:ID> (reified with rdf:subject/predicate/object, carrying the relationship's
// properties), labels <urn:kg:label:L> (objects of rdf:type), relationship types
// <urn:kg:rel:T> (the predicate of the direct triple) and property keys <urn:kg:prop:K>.
// Literals are typed: xsd:integer, xsd:double, xsd:boolean, plain strings. A list gives one
// triple per element; a map (an evidence entry) becomes a blank node.
Status WriteNTriples(const GraphView& view, std::ostream& out);
Status WriteNTriples(const storage::GraphReader& reader, const Selection& selection,
                     std::ostream& out);

// Bulk-import CSV (RFC 4180, UTF-8, every text field quoted, "" for a quote, newlines kept
// inside quotes) in the header format of `neo4j-admin database import`, with fixed columns
// so that Kùzu's COPY reads the same files:
//   nodes: kg_id:ID, :LABEL, name, aliases:string[], titles:string[], mentions:long,
//          first_seen, last_seen, title, path, sha256, ingested_at, text, properties
//   edges: :START_ID, :END_ID, :TYPE, kg_id:long, articles:long, evidence,
//          confidence:double, count:long, properties
// Labels and list elements are joined with ';' (Neo4j's array delimiter). A property of
// another type than its column's, and every property without a column, goes to
// `properties` as one JSON object (for relationships, the full `evidence` list too).
Status WriteCsv(const GraphView& view, std::ostream& nodes_out, std::ostream& edges_out);
Status WriteCsv(const storage::GraphReader& reader, const Selection& selection,
                std::ostream& nodes_out, std::ostream& edges_out);

}  // namespace kg::graph
