// Helpers shared by the storage tests: a temporary folder, and unwrapping of Result/Status
// that fails the test case with the error's message.
#pragma once

#include <stdlib.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <memory>
#include <string>

#include "storage/store.h"

namespace kg::storage::testing {

class TempDir {
 public:
  TempDir() {
    char pattern[] = "/tmp/kg-storage-test-XXXXXX";
    path_ = mkdtemp(pattern);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string Sub(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

template <typename T>
T Must(Result<T> result) {
  INFO(result.status().message());
  REQUIRE(result.ok());
  return std::move(result).value();
}

inline void MustOk(const Status& status) {
  INFO(status.message());
  REQUIRE(status.ok());
}

inline std::unique_ptr<Transaction> Begin(Store* store) {
  return Must(store->Begin());
}

}  // namespace kg::storage::testing
