// Development driver for the scorer: prints the JSON lines of one article file.
// Usage: extract_driver FILE
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "extract/extractor.h"
#include "extract/jsonl.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: extract_driver FILE\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) {
    std::cerr << "cannot open " << argv[1] << "\n";
    return 1;
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string text = buffer.str();
  auto result = kg::extract::ExtractArticle(text, argv[1]);
  if (!result.ok()) {
    std::cerr << "article '" << argv[1] << "': " << result.status().message() << "\n";
    return 1;
  }
  std::cout << kg::extract::ToJsonLines(*result);
  return 0;
}
