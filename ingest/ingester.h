// Turns articles into graph writes (entity resolution across articles, evidence merging,
// dedup by content hash) and imports triples made elsewhere. See docs/storage.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/extraction.h"
#include "core/status.h"
#include "storage/store.h"

namespace kg::ingest {

// How an article's text becomes entities and triples: extract::ExtractArticle by default.
using ExtractFunction =
    std::function<Result<ExtractedArticle>(std::string_view text, std::string_view path)>;

struct IngestOptions {
  int threads = 0;  // extraction workers; 0 = all cores
  // Empty: extract::ExtractArticle. Tests and tools may plug in their own extractor.
  ExtractFunction extract;
};

struct FileOutcome {
  std::string path;
  enum class Kind { kAdded, kSkipped, kFailed } kind = Kind::kAdded;
  std::string message;  // why it was skipped or failed; empty when added
  int entities = 0;
  int triples = 0;
};

struct IngestReport {
  std::vector<FileOutcome> files;
  int added = 0, skipped = 0, failed = 0;
  int64_t entities = 0, triples = 0;
  double seconds = 0;
};

// Called from the writer thread after each file: (done, total).
using Progress = std::function<void(size_t done, size_t total)>;

// Expands folders recursively (regular files only, sorted, hidden files and folders skipped),
// extracts on `threads` workers and writes each article in one Transaction commit on a single
// writer thread. Content already stored (same SHA-256) is kSkipped; a file that cannot be read
// or fails extraction is kFailed with a message naming it, and the others go on. Returns a
// non-OK Status only when the store itself fails (the files written so far stay).
// REQUIRES: `store` is open for writing and has no open transaction.
Result<IngestReport> IngestPaths(storage::Store* store, const std::vector<std::string>& paths,
                                 const IngestOptions& options, const Progress& progress);

struct ImportOptions {
  // A CSV file declaring entities (RFC 4180 quoting, one record per line): a header row that
  // names the columns, among them `name` and optionally `type` (others, such as `id`, are
  // ignored), then one entity per row, with a type of Person, Organization, Place, Work or
  // Event, or none. Every row becomes an entity, named in a triple or not, and a name that a
  // triple gives without a type takes the type declared here. A name declared twice with
  // different types is kInvalidArgument "FILE:LINE: ...". Empty: no such file.
  std::string entities_path;
};

// Imports triples made elsewhere: TSV "subject<TAB>predicate<TAB>object" or "subject<TAB>
// subject_type<TAB>predicate<TAB>object<TAB>object_type" (blank lines and lines starting with
// '#' ignored), or the JSON lines of `kg extract` (detected by a leading '{'). The whole file is
// checked first: a malformed line is kInvalidArgument "FILE:LINE: ..." and nothing is written.
// Entities are matched by type and exact name (untyped names: any entity with that name, else a
// new :Entity node); a triple already in the store is not added again. Everything is added in
// one atomic bulk load. REQUIRES: `store` is open for writing and has no open transaction.
Result<IngestReport> ImportTriples(storage::Store* store, const std::string& path,
                                   const ImportOptions& options = {});

// The SHA-256 of `data` as 64 lower-case hex digits.
std::string Sha256Hex(std::string_view data);

}  // namespace kg::ingest
