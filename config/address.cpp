#include "config/address.h"

#include <cstring>

#include <fmt/format.h>

#include "base/log_text.h"

namespace mentorcal::config {
namespace {

bool is_atext(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         (c != 0 && std::strchr("!#$%&'*+-/=?^_`{|}~", c) != nullptr);
}

bool is_label_char(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

// Return true when `s` is atoms of `ok` characters joined by single dots.
template <typename Pred>
bool is_dotted(std::string_view s, Pred ok) {
  if (s.empty() || s.front() == '.' || s.back() == '.') return false;
  char previous = 0;
  for (const char c : s) {
    if (c == '.' ? previous == '.' : !ok(static_cast<unsigned char>(c))) return false;
    previous = c;
  }
  return true;
}

}  // namespace

std::optional<std::size_t> invalid_utf8_at(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n;) {
    const unsigned char c = p[i];
    std::size_t len = 0;
    std::uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      len = 2, cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3, cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4, cp = c & 0x07;
    } else {
      return i;
    }
    if (i + len > n) return i;
    for (std::size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    const bool overlong =
        (len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
    if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += len;
  }
  return std::nullopt;
}

std::optional<std::string> unsafe_text(std::string_view text) {
  if (invalid_utf8_at(text)) return std::string("is not valid UTF-8");
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7F) {
      const char* what = c == '\r'   ? "a carriage return"
                         : c == '\n' ? "a line break"
                         : c == '\t' ? "a tab"
                                     : nullptr;
      if (what) return fmt::format("contains {} (not allowed in names, addresses or notes)", what);
      return fmt::format("contains the control character 0x{:02X} (not allowed)", c);
    }
  }
  if (const auto format = base::first_format_character(text)) {
    return fmt::format("contains the invisible format character U+{:04X} (not allowed)",
                       static_cast<std::uint32_t>(*format));
  }
  return std::nullopt;
}

bool is_email_address(std::string_view address) {
  if (address.size() > 254) return false;
  const auto at = address.rfind('@');
  if (at == std::string_view::npos || at == 0 || at > 64) return false;
  const auto local = address.substr(0, at);
  const auto domain = address.substr(at + 1);
  if (!is_dotted(local, is_atext) || !is_dotted(domain, is_label_char)) return false;
  if (domain.find('.') == std::string_view::npos) return false;
  // No label may start or end with a hyphen.
  std::size_t start = 0;
  while (start <= domain.size()) {
    const auto dot = std::min(domain.find('.', start), domain.size());
    const auto label = domain.substr(start, dot - start);
    if (label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
    start = dot + 1;
  }
  return true;
}

}  // namespace mentorcal::config
