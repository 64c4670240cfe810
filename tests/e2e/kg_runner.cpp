#include "tests/e2e/kg_runner.h"

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace kg::testing {

namespace {

std::string Quote(const std::string& arg) {
  std::string out = "'";
  for (char c : arg) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

}  // namespace

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "kg-test-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

int RunShell(const std::string& command) {
  int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

RunResult RunKg(const std::vector<std::string>& args, const std::string& input,
                const std::string& work_dir) {
  TempDir io;
  WriteFile(io / "stdin", input);
  std::string command = "cd " + Quote(work_dir.empty() ? io.path() : work_dir) + " && " +
                        Quote(KG_BINARY);
  for (const auto& a : args) command += " " + Quote(a);
  command += " < " + Quote(io / "stdin") + " > " + Quote(io / "stdout") + " 2> " +
             Quote(io / "stderr");
  RunResult result;
  result.exit_code = RunShell(command);
  result.out = ReadFile(io / "stdout");
  result.err = ReadFile(io / "stderr");
  return result;
}

}  // namespace kg::testing
