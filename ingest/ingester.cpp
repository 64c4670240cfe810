#include "ingest/ingester.h"

#include <openssl/evp.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <ctime>
#include <exception>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>
#include <unordered_map>

#include "core/file.h"
#include "core/schema.h"
#include "extract/extractor.h"
#include "ingest/resolver.h"

namespace kg::ingest {

namespace fs = std::filesystem;

std::string Sha256Hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(data.data(), data.size(), digest, &size, EVP_sha256(), nullptr);
  static const char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(size * 2);
  for (unsigned int i = 0; i < size; ++i) {
    hex.push_back(kHex[digest[i] >> 4]);
    hex.push_back(kHex[digest[i] & 0xf]);
  }
  return hex;
}

namespace {

// The label `kg import` gives a name that comes without a type.
constexpr char kUntypedLabel[] = "Entity";

struct InputFile {
  std::string path;
  std::string error;  // set when the path cannot be used at all
};

bool IsHidden(const fs::path& path) {
  std::string name = path.filename().string();
  return !name.empty() && name[0] == '.';
}

std::vector<InputFile> ExpandPaths(const std::vector<std::string>& paths) {
  std::vector<InputFile> files;
  for (const std::string& path : paths) {
    std::error_code ec;
    fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      files.push_back({path, "cannot read '" + path + "': no such file or directory"});
      continue;
    }
    if (!fs::is_directory(status)) {
      files.push_back({path, ""});
      continue;
    }
    std::vector<std::string> found;
    fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec);
    if (ec) {
      files.push_back({path, "cannot read '" + path + "': " + ec.message()});
      continue;
    }
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) break;
      if (IsHidden(it->path())) {
        if (it->is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file(ec)) found.push_back(it->path().string());
    }
    std::sort(found.begin(), found.end());
    for (std::string& file : found) files.push_back({std::move(file), ""});
  }
  return files;
}

std::string NowIso8601() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// One file's trip through the pipeline: filled by a worker, consumed by the writer.
struct Job {
  bool ready = false;
  std::string error;  // kFailed message
  std::string sha256;
  bool known = false;  // content already stored before this run
  // The index of an earlier file of this run with the same content: not extracted again.
  std::optional<size_t> same_as;
  std::optional<ExtractedArticle> article;
};

size_t CountTokens(std::string_view name) {
  size_t count = 0;
  bool in_token = false;
  for (char c : name) {
    bool space = c == ' ';
    if (!space && !in_token) ++count;
    in_token = !space;
  }
  return count;
}

void AddUnique(std::vector<std::string>* list, const std::string& item, const std::string& except) {
  if (item.empty() || item == except) return;
  if (std::find(list->begin(), list->end(), item) == list->end()) list->push_back(item);
}

Value StringList(const std::vector<std::string>& items) {
  ValueList list;
  for (const std::string& item : items) list.emplace_back(item);
  return Value(std::move(list));
}

// Writes one extracted article into an open transaction. The resolver learns the new
// entities at once (a later entity of the same article may resolve to them).
class ArticleWriter {
 public:
  ArticleWriter(storage::Transaction* txn, Resolver* resolver, std::string now)
      : txn_(txn), resolver_(resolver), now_(std::move(now)) {}

  Status Write(const ExtractedArticle& article, const std::string& path, const std::string& sha,
               int* triples_written) {
    std::string title = article.title;
    Result<NodeId> article_id = txn_->CreateNode(
        {"Article"}, {{"title", Value(title)},
                      {"path", Value(path)},
                      {"sha256", Value(sha)},
                      {"ingested_at", Value(now_)}});
    if (!article_id.ok()) return article_id.status();
    article_id_ = *article_id;
    KG_RETURN_IF_ERROR(txn_->PutArticle(sha, article_id_));

    std::map<NodeId, int64_t> mentions;
    for (const ExtractedEntity& entity : article.entities) {
      if (entity.name.empty()) continue;
      Result<NodeId> id = ResolveOrCreate(entity);
      if (!id.ok()) return id.status();
      mentions[*id] += std::max(entity.mentions, 1);
      local_[Key(entity.type, entity.name)] = *id;
      for (const std::string& alias : entity.aliases) local_.emplace(Key(entity.type, alias), *id);
    }
    for (const auto& [entity, count] : mentions) {
      Result<EdgeId> edge = txn_->CreateEdge("MENTIONS", article_id_, entity, {{"count", Value(count)}});
      if (!edge.ok()) return edge.status();
    }
    *triples_written = 0;
    for (const ExtractedTriple& triple : article.triples) {
      if (triple.subject.empty() || triple.object.empty()) continue;
      KG_RETURN_IF_ERROR(WriteTriple(triple));
      ++*triples_written;
    }
    return Status::OK();
  }

 private:
  static std::string Key(EntityType type, const std::string& name) {
    return std::string(EntityTypeName(type)) + '\t' + name;
  }

  Result<NodeId> EntityFor(const std::string& name, EntityType type) {
    auto it = local_.find(Key(type, name));
    if (it != local_.end()) return it->second;
    ExtractedEntity entity;
    entity.name = name;
    entity.type = type;
    entity.mentions = 0;
    Result<NodeId> id = ResolveOrCreate(entity);
    if (id.ok()) local_[Key(type, name)] = *id;
    return id;
  }

  Result<NodeId> ResolveOrCreate(const ExtractedEntity& entity) {
    std::optional<size_t> known = resolver_->Resolve(entity);
    if (!known) {
      KnownEntity record;
      record.type = entity.type;
      record.name = entity.name;
      for (const std::string& alias : entity.aliases) AddUnique(&record.aliases, alias, entity.name);
      for (const std::string& title : entity.titles) AddUnique(&record.titles, title, "");
      record.mentions = std::max(entity.mentions, 0);
      PropertyMap properties = {{"name", Value(record.name)},
                                {"mentions", Value(record.mentions)},
                                {"first_seen", Value(now_)},
                                {"last_seen", Value(now_)}};
      if (!record.aliases.empty()) properties["aliases"] = StringList(record.aliases);
      if (!record.titles.empty()) properties["titles"] = StringList(record.titles);
      std::string label(EntityTypeName(entity.type));
      // A node of the same name imported without a type (`kg import` of s-p-o triples) is
      // this entity: it gets the type instead of a twin.
      Result<std::optional<NodeId>> untyped = FindUntyped(entity.name);
      if (!untyped.ok()) return untyped.status();
      if (untyped->has_value()) {
        NodeId id = **untyped;
        KG_RETURN_IF_ERROR(txn_->AddLabels(id, {label}));
        KG_RETURN_IF_ERROR(txn_->RemoveLabels(id, {kUntypedLabel}));
        for (const auto& [key, value] : properties) {
          if (key != "name") KG_RETURN_IF_ERROR(txn_->SetNodeProperty(id, key, value));
        }
        record.id = id;
        resolver_->Add(std::move(record));
        return id;
      }
      Result<NodeId> id = txn_->CreateNode({label}, std::move(properties));
      if (!id.ok()) return id.status();
      record.id = *id;
      resolver_->Add(std::move(record));
      return *id;
    }
    KnownEntity record = resolver_->at(*known);
    std::string old_name = record.name;
    std::vector<std::string> old_aliases = record.aliases, old_titles = record.titles;
    // The canonical name is the longest proper name: a fuller name replaces a shorter one.
    if (CountTokens(entity.name) > CountTokens(record.name)) record.name = entity.name;
    AddUnique(&record.aliases, old_name, record.name);
    AddUnique(&record.aliases, entity.name, record.name);
    for (const std::string& alias : entity.aliases) AddUnique(&record.aliases, alias, record.name);
    record.aliases.erase(std::remove(record.aliases.begin(), record.aliases.end(), record.name),
                         record.aliases.end());
    for (const std::string& title : entity.titles) AddUnique(&record.titles, title, "");
    record.mentions += std::max(entity.mentions, 0);
    NodeId id = record.id;
    if (record.name != old_name) KG_RETURN_IF_ERROR(txn_->SetNodeProperty(id, "name", Value(record.name)));
    if (record.aliases != old_aliases) {
      KG_RETURN_IF_ERROR(txn_->SetNodeProperty(id, "aliases", StringList(record.aliases)));
    }
    if (record.titles != old_titles) {
      KG_RETURN_IF_ERROR(txn_->SetNodeProperty(id, "titles", StringList(record.titles)));
    }
    KG_RETURN_IF_ERROR(txn_->SetNodeProperty(id, "mentions", Value(record.mentions)));
    KG_RETURN_IF_ERROR(txn_->SetNodeProperty(id, "last_seen", Value(now_)));
    resolver_->Update(*known, std::move(record));
    return id;
  }

  // An :Entity node (and no other label) named exactly `name`, if any.
  Result<std::optional<NodeId>> FindUntyped(const std::string& name) {
    std::optional<NodeId> found;
    Status status = Status::OK();
    KG_RETURN_IF_ERROR(txn_->LookupNodes("name", Value(name), [&](NodeId id) {
      Result<Node> node = txn_->GetNode(id);
      if (!node.ok()) {
        status = node.status();
        return false;
      }
      if (node->labels.size() == 1 && node->labels[0] == kUntypedLabel) {
        found = id;
        return false;
      }
      return true;
    }));
    KG_RETURN_IF_ERROR(status);
    return found;
  }

  Result<NodeId> QuoteFor(const std::string& text) {
    if (std::optional<NodeId> id = resolver_->FindQuote(text)) return *id;
    Result<NodeId> id = txn_->CreateNode({"Quote"}, {{"text", Value(text)}});
    if (id.ok()) resolver_->AddQuote(text, *id);
    return id;
  }

  // The existing fact edge source -[type]-> target (either way round for symmetric ones).
  Result<std::optional<EdgeId>> FindFact(NodeId source, const std::string& type, NodeId target,
                                         bool symmetric) {
    std::optional<EdgeId> found;
    auto look = [&](NodeId from, NodeId to) {
      return txn_->ScanAdjacent(from, Direction::kOutgoing, {type}, [&](const storage::AdjacentEdge& e) {
        if (e.other == to) {
          found = e.edge;
          return false;
        }
        return true;
      });
    };
    KG_RETURN_IF_ERROR(look(source, target));
    if (!found && symmetric) KG_RETURN_IF_ERROR(look(target, source));
    return found;
  }

  Status WriteTriple(const ExtractedTriple& triple) {
    Result<NodeId> subject = EntityFor(triple.subject, triple.subject_type);
    if (!subject.ok()) return subject.status();
    Result<NodeId> object =
        triple.object_is_quote ? QuoteFor(triple.object) : EntityFor(triple.object, triple.object_type);
    if (!object.ok()) return object.status();
    std::string type(PredicateName(triple.predicate));
    double confidence = std::clamp(triple.confidence, 0.0, 1.0);
    Value evidence(ValueMap{{"article", Value(static_cast<int64_t>(article_id_))},
                            {"sentence", Value(triple.evidence.sentence_index)},
                            {"begin", Value(static_cast<int64_t>(triple.evidence.begin))},
                            {"end", Value(static_cast<int64_t>(triple.evidence.end))},
                            {"text", Value(triple.evidence.sentence)},
                            {"phrase", Value(triple.evidence.phrase)}});
    Result<std::optional<EdgeId>> existing =
        FindFact(*subject, type, *object, IsSymmetric(triple.predicate));
    if (!existing.ok()) return existing.status();
    if (!existing->has_value()) {
      Result<EdgeId> edge = txn_->CreateEdge(
          type, *subject, *object,
          {{"confidence", Value(confidence)}, {"evidence", Value(ValueList{evidence})}});
      return edge.ok() ? Status::OK() : edge.status();
    }
    EdgeId edge_id = **existing;
    Result<Edge> edge = txn_->GetEdge(edge_id);
    if (!edge.ok()) return edge.status();
    ValueList evidence_list;
    double old_confidence = 0;
    if (auto it = edge->properties.find("evidence"); it != edge->properties.end() && it->second.is_list()) {
      evidence_list = it->second.as_list();
    }
    if (auto it = edge->properties.find("confidence"); it != edge->properties.end() && it->second.is_number()) {
      old_confidence = std::clamp(it->second.as_number(), 0.0, 1.0);
    }
    evidence_list.push_back(evidence);
    // Independent evidence: the fact is wrong only if every statement of it is.
    double combined = 1.0 - (1.0 - old_confidence) * (1.0 - confidence);
    KG_RETURN_IF_ERROR(txn_->SetEdgeProperty(edge_id, "evidence", Value(std::move(evidence_list))));
    return txn_->SetEdgeProperty(edge_id, "confidence", Value(combined));
  }

  storage::Transaction* txn_;
  Resolver* resolver_;
  std::string now_;
  NodeId article_id_ = 0;
  std::map<std::string, NodeId> local_;  // "Type\tname" -> node, for this article's triples
};

}  // namespace

Result<IngestReport> IngestPaths(storage::Store* store, const std::vector<std::string>& paths,
                                 const IngestOptions& options, const Progress& progress) {
  auto start = std::chrono::steady_clock::now();
  if (store->read_only()) return Status::InvalidArgument("store " + store->path() + " is open read-only");
  std::vector<InputFile> files = ExpandPaths(paths);
  const size_t total = files.size();
  ExtractFunction extract = options.extract;
  if (!extract) {
    extract = [](std::string_view text, std::string_view path) {
      return extract::ExtractArticle(text, path);
    };
  }

  Resolver resolver;
  KG_RETURN_IF_ERROR(resolver.Load(*store->Snapshot()));

  size_t threads = options.threads > 0 ? static_cast<size_t>(options.threads)
                                       : std::max(1u, std::thread::hardware_concurrency());
  threads = std::max<size_t>(1, std::min(threads, total));
  // Workers run at most this far ahead of the writer, bounding memory.
  const size_t window = threads * 4;

  std::vector<Job> jobs(total);
  std::mutex mutex;
  std::condition_variable job_ready, writer_moved;
  size_t written = 0;
  std::atomic<size_t> next{0};
  std::atomic<bool> stop{false};
  // Per content hash, the first file of this run that holds it (guarded by `mutex`), so that
  // copies within one run are extracted once, not once per copy.
  std::unordered_map<std::string, size_t> first_with_hash;

  auto work = [&] {
    std::unique_ptr<storage::GraphReader> snapshot = store->Snapshot();
    while (true) {
      size_t i = next.fetch_add(1);
      if (i >= total) return;
      {
        std::unique_lock lock(mutex);
        writer_moved.wait(lock, [&] { return stop.load() || i < written + window; });
        if (stop.load()) return;
      }
      Job job;
      const InputFile& file = files[i];
      if (!file.error.empty()) {
        job.error = file.error;
      } else if (Result<std::string> text = ReadFileToString(file.path); !text.ok()) {
        job.error = text.status().message();
      } else {
        job.sha256 = Sha256Hex(*text);
        Result<std::optional<NodeId>> known = snapshot->FindArticle(job.sha256);
        if (known.ok() && known->has_value()) {
          job.known = true;
        } else {
          std::lock_guard lock(mutex);
          auto [it, first] = first_with_hash.try_emplace(job.sha256, i);
          if (!first && it->second < i) {
            job.same_as = it->second;
          } else {
            it->second = i;  // this file comes first; a later copy got here before it
          }
        }
        if (job.known || job.same_as) {
          // Nothing to extract: the writer skips it.
        } else {
          try {
            Result<ExtractedArticle> article = extract(*text, file.path);
            if (article.ok()) {
              job.article = std::move(article).value();
            } else {
              job.error = "article '" + file.path + "': " + article.status().message();
            }
          } catch (const std::exception& e) {
            job.error = "article '" + file.path + "': internal error: " + e.what();
          }
        }
      }
      std::lock_guard lock(mutex);
      job.ready = true;
      jobs[i] = std::move(job);
      job_ready.notify_all();
    }
  };
  std::vector<std::thread> workers;
  for (size_t t = 0; t < threads; ++t) workers.emplace_back(work);
  auto stop_workers = [&] {
    {
      std::lock_guard lock(mutex);
      stop = true;
    }
    writer_moved.notify_all();
    for (std::thread& worker : workers) worker.join();
    workers.clear();
  };

  IngestReport report;
  Status failure = Status::OK();
  for (size_t i = 0; i < total; ++i) {
    Job job;
    {
      std::unique_lock lock(mutex);
      job_ready.wait(lock, [&] { return jobs[i].ready; });
      job = std::move(jobs[i]);
    }
    FileOutcome outcome;
    outcome.path = files[i].path;
    if (!job.error.empty()) {
      outcome.kind = FileOutcome::Kind::kFailed;
      outcome.message = job.error;
    } else {
      Result<std::unique_ptr<storage::Transaction>> txn = store->Begin();
      if (!txn.ok()) {
        failure = txn.status();
        break;
      }
      Result<std::optional<NodeId>> known = (*txn)->FindArticle(job.sha256);
      if (!known.ok()) {
        failure = known.status();
        break;
      }
      if (job.same_as && !known->has_value()) {
        // The earlier copy was not stored (it failed): neither is this one.
        outcome.kind = FileOutcome::Kind::kFailed;
        outcome.message = "same content as '" + files[*job.same_as].path + "', which was not ingested";
      } else if (job.known || known->has_value()) {
        outcome.kind = FileOutcome::Kind::kSkipped;
        outcome.message = "already in the store";
        if (known->has_value()) {
          Result<Node> node = (*txn)->GetNode(**known);
          if (node.ok()) {
            auto it = node->properties.find("path");
            if (it != node->properties.end() && it->second.is_string()) {
              outcome.message += " (same content as '" + it->second.as_string() + "')";
            }
          }
        }
      } else {
        ArticleWriter writer(txn->get(), &resolver, NowIso8601());
        int triples = 0;
        Status s = writer.Write(*job.article, outcome.path, job.sha256, &triples);
        if (s.ok()) s = (*txn)->Commit();
        if (!s.ok()) {
          // The resolver may hold entities of the rolled back article: reload it.
          txn->reset();
          Status reload = resolver.Load(*store->Snapshot());
          failure = reload.ok() ? s : reload;
          break;
        }
        outcome.kind = FileOutcome::Kind::kAdded;
        outcome.entities = static_cast<int>(job.article->entities.size());
        outcome.triples = triples;
      }
    }
    switch (outcome.kind) {
      case FileOutcome::Kind::kAdded:
        ++report.added;
        report.entities += outcome.entities;
        report.triples += outcome.triples;
        break;
      case FileOutcome::Kind::kSkipped: ++report.skipped; break;
      case FileOutcome::Kind::kFailed: ++report.failed; break;
    }
    report.files.push_back(std::move(outcome));
    {
      std::lock_guard lock(mutex);
      written = i + 1;
    }
    writer_moved.notify_all();
    if (progress) progress(i + 1, total);
  }
  stop_workers();
  if (!failure.ok()) return failure;
  KG_RETURN_IF_ERROR(store->Sync());
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace kg::ingest
