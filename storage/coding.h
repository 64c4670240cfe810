// The byte encodings of the store: fixed-width big-endian integers for keys (so that RocksDB's
// bytewise order is numeric order), varints, kg::Value in a compact binary form, and an
// order-preserving, prefix-free form of values for index keys. No RocksDB types here.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/value.h"

namespace kg::storage {

void PutFixed32BE(std::string* out, uint32_t v);
void PutFixed64BE(std::string* out, uint64_t v);
// REQUIRES: the input holds at least 4 / 8 bytes.
uint32_t DecodeFixed32BE(const char* p);
uint64_t DecodeFixed64BE(const char* p);

void PutVarint64(std::string* out, uint64_t v);
// Consumes a varint from the front of `in`; false if truncated or too long.
bool GetVarint64(std::string_view* in, uint64_t* v);

// Compact binary value form: a tag byte, then zigzag varints for integers, 8 bytes for
// floats, length-prefixed strings, count-prefixed lists and maps (keys in map order).
void EncodeValue(const Value& value, std::string* out);
// Consumes one encoded value from the front of `in`; false on malformed input.
bool DecodeValue(std::string_view* in, Value* value);
// Consumes one encoded value without building it (no allocation); false on malformed input.
bool SkipValue(std::string_view* in);

// The index form of a value: bytewise order follows value order within a type, and no
// encoding is a prefix of another, so "key id + IndexValue + node id" can be prefix-scanned
// for equality. Numbers with an integral value encode as integers, so 1 and 1.0 meet.
// REQUIRES: !value.is_null().
void EncodeIndexValue(const Value& value, std::string* out);

}  // namespace kg::storage
