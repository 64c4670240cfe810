// The property graph's records as every module sees them: nodes with labels and properties,
// relationships with a type, two endpoints and properties.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/value.h"

namespace kg {

using NodeId = uint64_t;
using EdgeId = uint64_t;

using PropertyMap = ValueMap;

struct Node {
  NodeId id = 0;
  std::vector<std::string> labels;  // sorted, no duplicates
  PropertyMap properties;

  bool HasLabel(const std::string& label) const;
};

struct Edge {
  EdgeId id = 0;
  std::string type;
  NodeId source = 0;
  NodeId target = 0;
  PropertyMap properties;
};

enum class Direction { kOutgoing, kIncoming, kBoth };

}  // namespace kg
