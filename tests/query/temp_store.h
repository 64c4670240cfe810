// A fresh store in a temporary folder, removed at the end of the test.
#pragma once

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>

#include <unistd.h>

#include "storage/store.h"

namespace kg::testing {

class TempStore {
 public:
  TempStore() {
    static std::atomic<int> counter{0};
    dir_ = std::filesystem::temp_directory_path() /
           ("kg_query_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    std::filesystem::remove_all(dir_);
    auto store = storage::Store::Open(dir_.string(), storage::OpenOptions{});
    if (store.ok()) store_ = std::move(store).value();
  }
  ~TempStore() {
    store_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  storage::Store* get() { return store_.get(); }

 private:
  std::filesystem::path dir_;
  std::unique_ptr<storage::Store> store_;
};

}  // namespace kg::testing
