// Reading a whole file, with the error messages every command shows.
#pragma once

#include <string>

#include "core/status.h"

namespace kg {

// The file's bytes. kNotFound "no such file 'P'", kInvalidArgument "'P' is a directory", or
// kIOError "cannot read 'P': reason".
Result<std::string> ReadFileToString(const std::string& path);

}  // namespace kg
