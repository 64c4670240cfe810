// Extractor throughput on one core: MB/s of article text through ExtractArticle over a
// corpus folder (default shared/corpus/wikinews), the median of several passes.
// Usage: extract_throughput [DIR] [PASSES]
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "extract/extractor.h"

namespace {

// CPU time of this process: on a machine shared with other jobs, wall time measures the
// neighbours; the extractor is single-threaded, so CPU time is its time on one core.
double CpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir = argc > 1 ? argv[1] : KG_SHARED_DIR "/corpus/wikinews";
  int passes = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
  std::vector<std::string> texts;
  size_t bytes = 0;
  std::error_code ec;
  std::vector<std::filesystem::path> paths;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.is_regular_file() && entry.path().extension() == ".txt") paths.push_back(entry.path());
  }
  if (ec || paths.empty()) {
    std::fprintf(stderr, "extract_throughput: no .txt files in %s\n", dir.c_str());
    return 1;
  }
  std::sort(paths.begin(), paths.end());
  for (const auto& p : paths) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    texts.push_back(buffer.str());
    bytes += texts.back().size();
  }
  std::vector<double> rates;
  std::vector<double> wall_rates;
  size_t triples = 0, entities = 0, failures = 0;
  for (int pass = 0; pass < passes; ++pass) {
    triples = entities = failures = 0;
    auto start = std::chrono::steady_clock::now();
    double cpu_start = CpuSeconds();
    for (size_t i = 0; i < texts.size(); ++i) {
      auto result = kg::extract::ExtractArticle(texts[i], paths[i].filename().string());
      if (!result.ok()) {
        ++failures;
        continue;
      }
      triples += result->triples.size();
      entities += result->entities.size();
    }
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    double cpu = CpuSeconds() - cpu_start;
    rates.push_back(static_cast<double>(bytes) / 1e6 / cpu);
    wall_rates.push_back(static_cast<double>(bytes) / 1e6 / seconds);
  }
  std::sort(rates.begin(), rates.end());
  std::sort(wall_rates.begin(), wall_rates.end());
  double median = rates[rates.size() / 2];
  std::printf("extract_throughput: %zu articles, %.2f MB, %d passes\n", texts.size(),
              static_cast<double>(bytes) / 1e6, passes);
  std::printf("entities %zu, triples %zu, failures %zu per pass\n", entities, triples, failures);
  std::printf("median %.2f MB/s of CPU time on one core (min %.2f, max %.2f); wall-clock median %.2f MB/s\n",
              median, rates.front(), rates.back(), wall_rates[wall_rates.size() / 2]);
  return 0;
}
