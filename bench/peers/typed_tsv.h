// Shared by the peer benchmark programs: reading the generated files of
// ../shared/bench/gen.py and turning them into the typed TSV that ImportTriples reads.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <unordered_map>

namespace kg::bench {

inline bool ReadFile(const std::filesystem::path& path, std::string* out) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return false;
  std::streamoff size = in.tellg();
  out->resize(static_cast<size_t>(size));
  in.seekg(0);
  return static_cast<bool>(in.read(out->data(), size));
}

// Calls visit(line) for every non-empty line of `data`.
template <typename Visit>
void ForEachLine(std::string_view data, const Visit& visit) {
  for (size_t pos = 0; pos < data.size();) {
    size_t end = data.find('\n', pos);
    if (end == std::string_view::npos) end = data.size();
    std::string_view line = data.substr(pos, end - pos);
    pos = end + 1;
    if (!line.empty()) visit(line);
  }
}

// Reads DATADIR/entities.csv (id,name,type; gen.py's names never hold ',' or '"') and
// DATADIR/triples.tsv, and writes `out_path` as "subject<TAB>type<TAB>predicate<TAB>object<TAB>
// type" lines, so that ImportTriples gives every entity its type label. Returns "" or an error.
inline std::string WriteTypedTsv(const std::filesystem::path& data_dir,
                                 const std::filesystem::path& out_path) {
  std::string entities_csv, triples_tsv;
  if (!ReadFile(data_dir / "entities.csv", &entities_csv)) return "cannot read entities.csv";
  if (!ReadFile(data_dir / "triples.tsv", &triples_tsv)) return "cannot read triples.tsv";
  std::unordered_map<std::string_view, std::string_view> type_of;
  type_of.reserve(entities_csv.size() / 20);
  bool header = true;
  ForEachLine(entities_csv, [&](std::string_view line) {
    if (header) {
      header = false;
      return;
    }
    size_t c1 = line.find(',');
    size_t c2 = line.find(',', c1 + 1);
    type_of.emplace(line.substr(c1 + 1, c2 - c1 - 1), line.substr(c2 + 1));
  });
  std::string out;
  out.reserve(triples_tsv.size() * 3 / 2);
  std::string error;
  ForEachLine(triples_tsv, [&](std::string_view line) {
    size_t t1 = line.find('\t');
    size_t t2 = t1 == std::string_view::npos ? t1 : line.find('\t', t1 + 1);
    if (t2 == std::string_view::npos) {
      if (error.empty()) error = "triples.tsv: a line without three fields";
      return;
    }
    std::string_view subject = line.substr(0, t1), object = line.substr(t2 + 1);
    auto s = type_of.find(subject), o = type_of.find(object);
    if (s == type_of.end() || o == type_of.end()) {
      if (error.empty()) error = "triples.tsv names an entity that entities.csv does not";
      return;
    }
    out.append(subject).append(1, '\t').append(s->second).append(1, '\t');
    out.append(line.substr(t1 + 1, t2 - t1 - 1)).append(1, '\t');
    out.append(object).append(1, '\t').append(o->second).append(1, '\n');
  });
  if (!error.empty()) return error;
  std::ofstream file(out_path, std::ios::binary | std::ios::trunc);
  file.write(out.data(), static_cast<std::streamsize>(out.size()));
  file.close();
  if (!file) return "cannot write " + out_path.string();
  return "";
}

}  // namespace kg::bench
