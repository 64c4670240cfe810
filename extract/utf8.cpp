#include "extract/utf8.h"

#include <utf8proc.h>

#include <cstdlib>

namespace kg::extract {

Status ValidateUtf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    unsigned char c = s[i];
    if (c < 0x80) {
      if (c == 0) {
        return Status::InvalidArgument("binary content (NUL byte at byte " + std::to_string(i) +
                                       ")");
      }
      ++i;
      continue;
    }
    int len = 0;
    char32_t cp = 0;
    char32_t min = 0;
    if ((c & 0xE0) == 0xC0) {
      len = 2, cp = c & 0x1F, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3, cp = c & 0x0F, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4, cp = c & 0x07, min = 0x10000;
    } else {
      return Status::InvalidArgument("invalid UTF-8 at byte " + std::to_string(i));
    }
    if (i + len > n) return Status::InvalidArgument("invalid UTF-8 at byte " + std::to_string(i));
    for (int k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) {
        return Status::InvalidArgument("invalid UTF-8 at byte " + std::to_string(i));
      }
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return Status::InvalidArgument("invalid UTF-8 at byte " + std::to_string(i));
    }
    i += len;
  }
  return Status::OK();
}

char32_t DecodeAt(std::string_view text, size_t pos, int* length) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data()) + pos;
  unsigned char c = s[0];
  if (c < 0x80) {
    *length = 1;
    return c;
  }
  if ((c & 0xE0) == 0xC0) {
    *length = 2;
    return ((c & 0x1F) << 6) | (s[1] & 0x3F);
  }
  if ((c & 0xF0) == 0xE0) {
    *length = 3;
    return ((c & 0x0F) << 12) | ((s[1] & 0x3F) << 6) | (s[2] & 0x3F);
  }
  *length = 4;
  return ((c & 0x07) << 18) | ((s[1] & 0x3F) << 12) | ((s[2] & 0x3F) << 6) | (s[3] & 0x3F);
}

bool IsLetter(char32_t cp) {
  if (cp < 0x80) return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
  utf8proc_category_t cat = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
  return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
}

bool IsUpper(char32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  return utf8proc_category(static_cast<utf8proc_int32_t>(cp)) == UTF8PROC_CATEGORY_LU;
}

bool IsDigit(char32_t cp) { return cp >= '0' && cp <= '9'; }

bool IsWordChar(char32_t cp) {
  if (cp < 0x80) return IsLetter(cp) || IsDigit(cp);
  utf8proc_category_t cat = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
  return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
         (cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME) ||
         (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
}

std::string Fold(std::string_view text) {
  bool ascii = true;
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      ascii = false;
      break;
    }
  }
  std::string out(text);
  if (ascii) {
    for (char& c : out) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
  }
  utf8proc_uint8_t* mapped = nullptr;
  utf8proc_ssize_t len = utf8proc_map(
      reinterpret_cast<const utf8proc_uint8_t*>(out.data()), static_cast<utf8proc_ssize_t>(out.size()),
      &mapped,
      static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD));
  if (len < 0 || mapped == nullptr) return out;  // input was validated; keep it as is
  std::string folded(reinterpret_cast<char*>(mapped), static_cast<size_t>(len));
  std::free(mapped);
  // Typographic apostrophes fold to the ASCII one so "Tesco’s" and "Tesco's" compare equal.
  std::string result;
  result.reserve(folded.size());
  for (size_t i = 0; i < folded.size(); ++i) {
    if (folded.compare(i, 3, "\xE2\x80\x99") == 0 || folded.compare(i, 3, "\xE2\x80\x98") == 0) {
      result.push_back('\'');
      i += 2;
    } else {
      result.push_back(folded[i]);
    }
  }
  return result;
}

}  // namespace kg::extract
