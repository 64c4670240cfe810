#include "core/file.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

TEST_CASE("ReadFileToString: bytes, or an error naming the file", "[core]") {
  auto dir = std::filesystem::temp_directory_path() / "kg-core-file-test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::string path = (dir / "a.txt").string();
  std::ofstream(path, std::ios::binary) << std::string("x\0y", 3);
  auto text = kg::ReadFileToString(path);
  REQUIRE(text.ok());
  CHECK(*text == std::string("x\0y", 3));

  auto missing = kg::ReadFileToString((dir / "nope.txt").string());
  CHECK(missing.status().code() == kg::StatusCode::kNotFound);
  CHECK(missing.status().message() == "no such file '" + (dir / "nope.txt").string() + "'");

  auto folder = kg::ReadFileToString(dir.string());
  CHECK(folder.status().code() == kg::StatusCode::kInvalidArgument);
  CHECK(folder.status().message() == "'" + dir.string() + "' is a directory");
  std::filesystem::remove_all(dir);
}
