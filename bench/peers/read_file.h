// Shared by the peer benchmark programs: reading the generated files of ../shared/bench/gen.py.
#pragma once

#include <filesystem>
#include <fstream>
#include <string>

namespace kg::bench {

inline bool ReadFile(const std::filesystem::path& path, std::string* out) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return false;
  std::streamoff size = in.tellg();
  out->resize(static_cast<size_t>(size));
  in.seekg(0);
  return static_cast<bool>(in.read(out->data(), size));
}

}  // namespace kg::bench
