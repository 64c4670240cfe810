#include "core/value.h"

#include <catch2/catch.hpp>

using kg::Value;

TEST_CASE("Value: integers and floats compare as numbers", "[core]") {
  CHECK(Value(1) == Value(1.0));
  CHECK(Value(1).Hash() == Value(1.0).Hash());
  CHECK(Value(1) != Value(2));
  CHECK(Value("1") != Value(1));
  CHECK(Value() == Value(nullptr));
}

TEST_CASE("Value: Cypher literal forms", "[core]") {
  CHECK(Value("it's").ToCypher() == "'it\\'s'");
  CHECK(Value(2.0).ToCypher() == "2.0");
  CHECK(Value(0.1).ToCypher() == "0.1");
  CHECK(Value(int64_t{-7}).ToCypher() == "-7");
  CHECK(Value(kg::ValueList{1, "a", nullptr}).ToCypher() == "[1, 'a', null]");
  CHECK(Value(kg::ValueMap{{"b", 2}, {"a", true}}).ToCypher() == "{a: true, b: 2}");
  CHECK(Value("plain").ToDisplay() == "plain");
}

TEST_CASE("Value: global sort order puts null last and numbers after strings", "[core]") {
  CHECK(Value::Compare(Value(1), Value(2)) < 0);
  CHECK(Value::Compare(Value(2.5), Value(2)) > 0);
  CHECK(Value::Compare(Value("b"), Value("a")) > 0);
  CHECK(Value::Compare(Value("z"), Value(1)) < 0);
  CHECK(Value::Compare(Value(1), Value()) < 0);
  CHECK(Value::Compare(Value(kg::ValueList{1, 2}), Value(kg::ValueList{1, 2, 0})) < 0);
}
