#include "core/status.h"

namespace kg {

namespace {

const char* CodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "ok";
    case StatusCode::kInvalidArgument: return "invalid argument";
    case StatusCode::kNotFound: return "not found";
    case StatusCode::kAlreadyExists: return "already exists";
    case StatusCode::kSyntaxError: return "syntax error";
    case StatusCode::kSemanticError: return "semantic error";
    case StatusCode::kIOError: return "i/o error";
    case StatusCode::kCorruption: return "corruption";
    case StatusCode::kBusy: return "busy";
    case StatusCode::kInternal: return "internal error";
  }
  return "error";
}

}  // namespace

std::string Status::ToString() const {
  if (ok()) return "ok";
  std::string out = CodeName(code_);
  if (!kind_.empty()) out += " (" + kind_ + ")";
  if (!message_.empty()) out += ": " + message_;
  return out;
}

}  // namespace kg
