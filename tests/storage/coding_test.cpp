#include "storage/coding.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "storage/keys.h"

using kg::Value;
using kg::ValueList;
using kg::ValueMap;
using namespace kg::storage;

namespace {

Value RoundTrip(const Value& value) {
  std::string encoded;
  EncodeValue(value, &encoded);
  std::string_view in = encoded;
  Value decoded;
  REQUIRE(DecodeValue(&in, &decoded));
  REQUIRE(in.empty());
  return decoded;
}

std::string IndexForm(const Value& value) {
  std::string out;
  EncodeIndexValue(value, &out);
  return out;
}

}  // namespace

TEST_CASE("Coding: fixed-width big-endian integers order like numbers", "[storage]") {
  std::vector<uint64_t> values = {0, 1, 255, 256, 65535, 1ull << 32, (1ull << 63) + 5, ~0ull};
  for (size_t i = 0; i + 1 < values.size(); ++i) {
    CHECK(IdKey(values[i]) < IdKey(values[i + 1]));
    CHECK(DecodeFixed64BE(IdKey(values[i]).data()) == values[i]);
  }
  std::string s;
  PutFixed32BE(&s, 0x01020304);
  CHECK(s == std::string("\x01\x02\x03\x04", 4));
  CHECK(DecodeFixed32BE(s.data()) == 0x01020304u);
}

TEST_CASE("Coding: adjacency keys sort by node, type, other node, edge", "[storage]") {
  std::vector<AdjacencyKey> keys = {
      {1, 1, 1, 1}, {1, 1, 1, 2}, {1, 1, 2, 0}, {1, 2, 0, 0}, {1, 256, 0, 0},
      {2, 0, 0, 0}, {256, 0, 0, 0}, {1ull << 40, 0, 0, 0},
  };
  for (size_t i = 0; i + 1 < keys.size(); ++i) {
    CHECK(EncodeAdjacencyKey(keys[i]) < EncodeAdjacencyKey(keys[i + 1]));
  }
  AdjacencyKey k{123456789012ull, 77, 42, 9};
  std::string encoded = EncodeAdjacencyKey(k);
  REQUIRE(encoded.size() == kAdjacencyKeySize);
  AdjacencyKey back = DecodeAdjacencyKey(encoded);
  CHECK(back.node == k.node);
  CHECK(back.type == k.type);
  CHECK(back.other == k.other);
  CHECK(back.edge == k.edge);
  // A node's keys share its 8-byte prefix; a type narrows to a 12-byte prefix.
  CHECK(EncodeAdjacencyKey({5, 3, 1, 1}).substr(0, 12) == EncodeAdjacencyKey({5, 3, 9, 9}).substr(0, 12));
  CHECK(EncodeLabelKey(1, 300) < EncodeLabelKey(2, 0));
}

TEST_CASE("Coding: varints round trip and reject truncation", "[storage]") {
  for (uint64_t v : {0ull, 1ull, 127ull, 128ull, 300ull, 1ull << 35, ~0ull}) {
    std::string s;
    PutVarint64(&s, v);
    std::string_view in = s;
    uint64_t back = 0;
    REQUIRE(GetVarint64(&in, &back));
    CHECK(back == v);
    CHECK(in.empty());
    if (s.size() > 1) {
      std::string_view truncated(s.data(), s.size() - 1);
      CHECK_FALSE(GetVarint64(&truncated, &back));
    }
  }
}

TEST_CASE("Coding: every kind of value round trips", "[storage]") {
  std::vector<Value> values = {
      Value(),
      Value(true),
      Value(false),
      Value(0),
      Value(int64_t{-1}),
      Value(std::numeric_limits<int64_t>::min()),
      Value(std::numeric_limits<int64_t>::max()),
      Value(0.5),
      Value(-0.0),
      Value(1e300),
      Value(std::numeric_limits<double>::infinity()),
      Value(""),
      Value(std::string("with\0nul", 8)),
      Value("Volodymyr Zelenskyy – «ünïcödé»"),
      Value(ValueList{}),
      Value(ValueList{Value(1), Value("two"), Value(), Value(ValueList{Value(3.5)})}),
      Value(ValueMap{}),
      Value(ValueMap{{"article", Value("a.txt")},
                     {"sentence", Value(3)},
                     {"nested", Value(ValueMap{{"x", Value(ValueList{Value(true)})}})}}),
  };
  for (const Value& value : values) {
    Value back = RoundTrip(value);
    CHECK(back.type() == value.type());
    CHECK(back == value);
    CHECK(back.ToCypher() == value.ToCypher());
  }
  Value nan = RoundTrip(Value(std::nan("")));
  CHECK(std::isnan(nan.as_float()));
  CHECK(std::signbit(RoundTrip(Value(-0.0)).as_float()));
}

TEST_CASE("Coding: malformed value bytes are rejected", "[storage]") {
  std::string encoded;
  EncodeValue(Value(ValueList{Value("abc"), Value(7)}), &encoded);
  for (size_t n = 0; n < encoded.size(); ++n) {
    std::string_view in(encoded.data(), n);
    Value v;
    CHECK_FALSE(DecodeValue(&in, &v));
  }
  std::string bad_tag = "\x63";
  std::string_view in = bad_tag;
  Value v;
  CHECK_FALSE(DecodeValue(&in, &v));
}

TEST_CASE("Coding: index form preserves order and is prefix-free", "[storage]") {
  CHECK(IndexForm(Value(-5)) < IndexForm(Value(-1)));
  CHECK(IndexForm(Value(-1)) < IndexForm(Value(0)));
  CHECK(IndexForm(Value(0)) < IndexForm(Value(1000)));
  CHECK(IndexForm(Value(-2.5)) < IndexForm(Value(-0.5)));
  CHECK(IndexForm(Value(0.25)) < IndexForm(Value(0.5)));
  CHECK(IndexForm(Value("a")) < IndexForm(Value("ab")));
  CHECK(IndexForm(Value("ab")) < IndexForm(Value("b")));
  // Integral floats meet integers: 1 and 1.0 are the same property value.
  CHECK(IndexForm(Value(1)) == IndexForm(Value(1.0)));
  CHECK(IndexForm(Value(0.0)) == IndexForm(Value(-0.0)));
  // No string's form is a prefix of another's, even with NUL bytes inside.
  std::vector<Value> strings = {Value(""), Value("a"), Value(std::string("a\0", 2)),
                                Value(std::string("a\0b", 3)), Value("ab")};
  for (const Value& a : strings) {
    for (const Value& b : strings) {
      if (a == b) continue;
      std::string fa = IndexForm(a), fb = IndexForm(b);
      CHECK(fb.compare(0, fa.size(), fa) != 0);
    }
  }
}
