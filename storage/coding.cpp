#include "storage/coding.h"

#include <cmath>
#include <cstring>

namespace kg::storage {

namespace {

enum Tag : uint8_t {
  kTagNull = 0,
  kTagFalse = 1,
  kTagTrue = 2,
  kTagInt = 3,
  kTagFloat = 4,
  kTagString = 5,
  kTagList = 6,
  kTagMap = 7,
};

// Index tags order the types the way Value::Compare does not need to: only equality
// lookups use the index, so any fixed order would do.
enum IndexTag : uint8_t {
  kIndexFalse = 0x10,
  kIndexTrue = 0x11,
  kIndexInt = 0x20,
  kIndexFloat = 0x21,
  kIndexString = 0x30,
  kIndexOther = 0x40,
};

// Strings in index keys: 0x00 is escaped as 0x00 0xFF and the string ends with 0x00 0x01,
// which keeps bytewise order and makes the encoding prefix-free.
void PutEscaped(std::string_view s, std::string* out) {
  for (char c : s) {
    out->push_back(c);
    if (c == '\0') out->push_back('\xff');
  }
  out->push_back('\0');
  out->push_back('\x01');
}

uint64_t ZigZag(int64_t v) { return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63); }
int64_t UnZigZag(uint64_t v) { return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1); }

constexpr size_t kMaxDepth = 64;

bool DecodeValueDepth(std::string_view* in, Value* value, size_t depth) {
  if (in->empty() || depth > kMaxDepth) return false;
  uint8_t tag = static_cast<uint8_t>((*in)[0]);
  in->remove_prefix(1);
  switch (tag) {
    case kTagNull: *value = Value(); return true;
    case kTagFalse: *value = Value(false); return true;
    case kTagTrue: *value = Value(true); return true;
    case kTagInt: {
      uint64_t v;
      if (!GetVarint64(in, &v)) return false;
      *value = Value(UnZigZag(v));
      return true;
    }
    case kTagFloat: {
      if (in->size() < 8) return false;
      uint64_t bits = DecodeFixed64BE(in->data());
      in->remove_prefix(8);
      double d;
      std::memcpy(&d, &bits, sizeof d);
      *value = Value(d);
      return true;
    }
    case kTagString: {
      uint64_t n;
      if (!GetVarint64(in, &n) || n > in->size()) return false;
      *value = Value(std::string(in->substr(0, n)));
      in->remove_prefix(n);
      return true;
    }
    case kTagList: {
      uint64_t n;
      if (!GetVarint64(in, &n) || n > in->size()) return false;
      ValueList list;
      list.reserve(n);
      for (uint64_t i = 0; i < n; ++i) {
        Value element;
        if (!DecodeValueDepth(in, &element, depth + 1)) return false;
        list.push_back(std::move(element));
      }
      *value = Value(std::move(list));
      return true;
    }
    case kTagMap: {
      uint64_t n;
      if (!GetVarint64(in, &n) || n > in->size()) return false;
      ValueMap map;
      for (uint64_t i = 0; i < n; ++i) {
        uint64_t key_size;
        if (!GetVarint64(in, &key_size) || key_size > in->size()) return false;
        std::string key(in->substr(0, key_size));
        in->remove_prefix(key_size);
        Value element;
        if (!DecodeValueDepth(in, &element, depth + 1)) return false;
        map.emplace(std::move(key), std::move(element));
      }
      *value = Value(std::move(map));
      return true;
    }
    default: return false;
  }
}

}  // namespace

void PutFixed32BE(std::string* out, uint32_t v) {
  char buf[4] = {static_cast<char>(v >> 24), static_cast<char>(v >> 16),
                 static_cast<char>(v >> 8), static_cast<char>(v)};
  out->append(buf, 4);
}

void PutFixed64BE(std::string* out, uint64_t v) {
  char buf[8];
  for (int i = 7; i >= 0; --i) {
    buf[i] = static_cast<char>(v & 0xff);
    v >>= 8;
  }
  out->append(buf, 8);
}

uint32_t DecodeFixed32BE(const char* p) {
  const auto* u = reinterpret_cast<const unsigned char*>(p);
  return (uint32_t{u[0]} << 24) | (uint32_t{u[1]} << 16) | (uint32_t{u[2]} << 8) | uint32_t{u[3]};
}

uint64_t DecodeFixed64BE(const char* p) {
  const auto* u = reinterpret_cast<const unsigned char*>(p);
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | u[i];
  return v;
}

void PutVarint64(std::string* out, uint64_t v) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

bool GetVarint64(std::string_view* in, uint64_t* v) {
  uint64_t result = 0;
  for (size_t i = 0; i < in->size() && i < 10; ++i) {
    uint64_t byte = static_cast<unsigned char>((*in)[i]);
    result |= (byte & 0x7f) << (7 * i);
    if ((byte & 0x80) == 0) {
      in->remove_prefix(i + 1);
      *v = result;
      return true;
    }
  }
  return false;
}

void EncodeValue(const Value& value, std::string* out) {
  switch (value.type()) {
    case Value::Type::kNull: out->push_back(static_cast<char>(kTagNull)); break;
    case Value::Type::kBool:
      out->push_back(static_cast<char>(value.as_bool() ? kTagTrue : kTagFalse));
      break;
    case Value::Type::kInt:
      out->push_back(static_cast<char>(kTagInt));
      PutVarint64(out, ZigZag(value.as_int()));
      break;
    case Value::Type::kFloat: {
      out->push_back(static_cast<char>(kTagFloat));
      double d = value.as_float();
      uint64_t bits;
      std::memcpy(&bits, &d, sizeof bits);
      PutFixed64BE(out, bits);
      break;
    }
    case Value::Type::kString:
      out->push_back(static_cast<char>(kTagString));
      PutVarint64(out, value.as_string().size());
      out->append(value.as_string());
      break;
    case Value::Type::kList:
      out->push_back(static_cast<char>(kTagList));
      PutVarint64(out, value.as_list().size());
      for (const Value& element : value.as_list()) EncodeValue(element, out);
      break;
    case Value::Type::kMap:
      out->push_back(static_cast<char>(kTagMap));
      PutVarint64(out, value.as_map().size());
      for (const auto& [key, element] : value.as_map()) {
        PutVarint64(out, key.size());
        out->append(key);
        EncodeValue(element, out);
      }
      break;
  }
}

bool DecodeValue(std::string_view* in, Value* value) { return DecodeValueDepth(in, value, 0); }

namespace {

bool SkipValueDepth(std::string_view* in, size_t depth) {
  if (in->empty() || depth > kMaxDepth) return false;
  uint8_t tag = static_cast<uint8_t>((*in)[0]);
  in->remove_prefix(1);
  uint64_t n;
  switch (tag) {
    case kTagNull:
    case kTagFalse:
    case kTagTrue: return true;
    case kTagInt: return GetVarint64(in, &n);
    case kTagFloat:
      if (in->size() < 8) return false;
      in->remove_prefix(8);
      return true;
    case kTagString:
      if (!GetVarint64(in, &n) || n > in->size()) return false;
      in->remove_prefix(n);
      return true;
    case kTagList:
      if (!GetVarint64(in, &n) || n > in->size()) return false;
      for (uint64_t i = 0; i < n; ++i) {
        if (!SkipValueDepth(in, depth + 1)) return false;
      }
      return true;
    case kTagMap:
      if (!GetVarint64(in, &n) || n > in->size()) return false;
      for (uint64_t i = 0; i < n; ++i) {
        uint64_t key_size;
        if (!GetVarint64(in, &key_size) || key_size > in->size()) return false;
        in->remove_prefix(key_size);
        if (!SkipValueDepth(in, depth + 1)) return false;
      }
      return true;
    default: return false;
  }
}

}  // namespace

bool SkipValue(std::string_view* in) { return SkipValueDepth(in, 0); }

void EncodeIndexValue(const Value& value, std::string* out) {
  auto put_int = [out](int64_t i) {
    out->push_back(static_cast<char>(kIndexInt));
    PutFixed64BE(out, static_cast<uint64_t>(i) ^ (uint64_t{1} << 63));
  };
  switch (value.type()) {
    case Value::Type::kBool:
      out->push_back(static_cast<char>(value.as_bool() ? kIndexTrue : kIndexFalse));
      break;
    case Value::Type::kInt: put_int(value.as_int()); break;
    case Value::Type::kFloat: {
      double d = value.as_float();
      if (d == 0.0) d = 0.0;  // -0.0 and 0.0 are equal values
      if (std::isfinite(d) && std::trunc(d) == d && d >= -9.2e18 && d <= 9.2e18) {
        put_int(static_cast<int64_t>(d));
        break;
      }
      out->push_back(static_cast<char>(kIndexFloat));
      uint64_t bits;
      std::memcpy(&bits, &d, sizeof bits);
      // Flip so that bytewise order is numeric order: all bits of negatives, the sign of
      // positives.
      bits = (bits & (uint64_t{1} << 63)) ? ~bits : bits | (uint64_t{1} << 63);
      PutFixed64BE(out, bits);
      break;
    }
    case Value::Type::kString:
      out->push_back(static_cast<char>(kIndexString));
      PutEscaped(value.as_string(), out);
      break;
    default: {
      out->push_back(static_cast<char>(kIndexOther));
      std::string encoded;
      EncodeValue(value, &encoded);
      PutEscaped(encoded, out);
      break;
    }
  }
}

}  // namespace kg::storage
