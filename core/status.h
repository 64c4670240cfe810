// Status and Result<T>: how every kg module reports failure across its boundary.
// Exceptions never cross a module edge; a library that throws is caught where it is used.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace kg {

enum class StatusCode {
  kOk,
  kInvalidArgument,
  kNotFound,
  kAlreadyExists,
  kSyntaxError,
  kSemanticError,
  kIOError,
  kCorruption,
  kBusy,
  kInternal,
};

// Where in a source text (a query, a script) an error is. Lines and columns count from 1;
// line 0 means "no position known".
struct SourceSpan {
  int line = 0;
  int column = 0;
  int length = 0;
};

class [[nodiscard]] Status {
 public:
  Status() = default;

  static Status OK() { return Status(); }
  static Status InvalidArgument(std::string message) {
    return Status(StatusCode::kInvalidArgument, std::move(message));
  }
  static Status NotFound(std::string message) {
    return Status(StatusCode::kNotFound, std::move(message));
  }
  static Status AlreadyExists(std::string message) {
    return Status(StatusCode::kAlreadyExists, std::move(message));
  }
  static Status SyntaxError(std::string message, SourceSpan span = {}) {
    Status s(StatusCode::kSyntaxError, std::move(message));
    s.span_ = span;
    return s;
  }
  // `kind` is the TCK's name for the error ("UndefinedVariable", "InvalidAggregation", ...).
  static Status SemanticError(std::string kind, std::string message, SourceSpan span = {}) {
    Status s(StatusCode::kSemanticError, std::move(message));
    s.kind_ = std::move(kind);
    s.span_ = span;
    return s;
  }
  static Status IOError(std::string message) {
    return Status(StatusCode::kIOError, std::move(message));
  }
  static Status Corruption(std::string message) {
    return Status(StatusCode::kCorruption, std::move(message));
  }
  static Status Busy(std::string message) { return Status(StatusCode::kBusy, std::move(message)); }
  static Status Internal(std::string message) {
    return Status(StatusCode::kInternal, std::move(message));
  }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // The TCK error detail for semantic and runtime errors; empty otherwise.
  const std::string& kind() const { return kind_; }
  const SourceSpan& span() const { return span_; }

  Status WithKind(std::string kind) && {
    kind_ = std::move(kind);
    return std::move(*this);
  }
  Status WithSpan(SourceSpan span) && {
    span_ = span;
    return std::move(*this);
  }

  // "syntax error: ..." style text for messages that carry no position.
  std::string ToString() const;

 private:
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::string kind_;
  SourceSpan span_;
};

// A T, or a non-OK Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {  // NOLINT: implicit by design
    assert(!status_.ok() && "a Result made from a Status must carry an error");
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }

  T& value() & {
    assert(ok());
    return *value_;
  }
  const T& value() const& {
    assert(ok());
    return *value_;
  }
  T&& value() && {
    assert(ok());
    return std::move(*value_);
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace kg

#define KG_RETURN_IF_ERROR(expr)         \
  do {                                   \
    ::kg::Status kg_status_ = (expr);    \
    if (!kg_status_.ok()) return kg_status_; \
  } while (0)
