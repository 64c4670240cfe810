// Runs the built kg binary as a user would, capturing stdout, stderr and the exit code.
#pragma once

#include <string>
#include <vector>

namespace kg::testing {

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `kg ARGS...` in `work_dir` with `input` on standard input. Arguments are passed to
// the shell single-quoted, so they reach kg verbatim.
RunResult RunKg(const std::vector<std::string>& args, const std::string& input = "",
                const std::string& work_dir = "");

// A fresh folder under the system's temp folder, removed when the object goes.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

std::string ReadFile(const std::string& path);
void WriteFile(const std::string& path, const std::string& text);
int RunShell(const std::string& command);  // exit code of `sh -c command`

}  // namespace kg::testing
