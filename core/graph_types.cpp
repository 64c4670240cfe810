#include "core/graph_types.h"

#include <algorithm>

namespace kg {

bool Node::HasLabel(const std::string& label) const {
  return std::binary_search(labels.begin(), labels.end(), label);
}

}  // namespace kg
