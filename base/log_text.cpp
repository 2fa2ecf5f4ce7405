#include "base/log_text.h"

#include <fmt/format.h>

namespace mentorcal::base {
namespace {

// Decode the UTF-8 sequence at `text[i]`: the code point and its length, or length 0 when the
// bytes there are not UTF-8.
std::pair<char32_t, std::size_t> decode(std::string_view text, std::size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  std::size_t len = c < 0x80           ? 1
                    : (c >> 5) == 0x6  ? 2
                    : (c >> 4) == 0xE  ? 3
                    : (c >> 3) == 0x1E ? 4
                                       : 0;
  if (len == 0 || i + len > text.size()) return {0, 0};
  char32_t cp = len == 1 ? c : c & (0xFF >> (len + 1));
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(text[i + k]);
    if ((b & 0xC0) != 0x80) return {0, 0};
    cp = (cp << 6) | (b & 0x3F);
  }
  const bool overlong =
      (len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
  if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {0, 0};
  return {cp, len};
}

}  // namespace

bool is_format_character(char32_t c) {
  return (c >= 0x80 && c <= 0x9F) || (c >= 0x200B && c <= 0x200F) || (c >= 0x2028 && c <= 0x202E) ||
         (c >= 0x2060 && c <= 0x2064) || (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF;
}

std::optional<char32_t> first_format_character(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto [cp, len] = decode(text, i);
    if (len > 0 && is_format_character(cp)) return cp;
    i += len > 0 ? len : 1;
  }
  return std::nullopt;
}

std::string log_escaped(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if ((c < 0x20 && c != '\t') || c == 0x7F) {
        out += fmt::format("\\x{:02X}", c);
      } else {
        out += static_cast<char>(c);
      }
      ++i;
      continue;
    }
    const auto [cp, len] = decode(text, i);
    if (len == 0) {
      out += fmt::format("\\x{:02X}", c);
      ++i;
    } else if (is_format_character(cp)) {
      out += fmt::format("\\u{{{:04X}}}", static_cast<std::uint32_t>(cp));
      i += len;
    } else {
      out.append(text.substr(i, len));
      i += len;
    }
  }
  return out;
}

std::string redacted_url(std::string_view url) {
  std::string out(url);
  if (const auto hash = out.find('#'); hash != std::string::npos) out.resize(hash);
  if (const auto query = out.find('?'); query != std::string::npos) {
    out.resize(query);
    out += "?***";
  }
  const auto scheme = out.find("://");
  if (scheme != std::string::npos) {
    const std::size_t host = scheme + 3;
    const std::size_t path = std::min(out.find('/', host), out.find('?', host));
    const std::size_t at = out.rfind('@', path == std::string::npos ? out.size() : path);
    if (at != std::string::npos && at >= host) out.replace(host, at - host, "***");
  }
  return out;
}

}  // namespace mentorcal::base
