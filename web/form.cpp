#include "web/form.h"

#include <fmt/format.h>

namespace mentorcal::web {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

tl::expected<std::string, std::string> percent_decode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return tl::unexpected(std::string("a '%' escape is cut short"));
      const int hi = hex_value(text[i + 1]);
      const int lo = hex_value(text[i + 2]);
      if (hi < 0 || lo < 0)
        return tl::unexpected(std::string("a '%' escape is not two hex digits"));
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

bool is_clean_text(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
      if ((b < 0x20 && b != '\t' && b != '\r' && b != '\n') || b == 0x7F) return false;
      ++i;
      continue;
    }
    std::size_t length = 0;
    unsigned min = 0;
    unsigned code = 0;
    if ((b & 0xE0) == 0xC0) {
      length = 2, min = 0x80, code = b & 0x1F;
    } else if ((b & 0xF0) == 0xE0) {
      length = 3, min = 0x800, code = b & 0x0F;
    } else if ((b & 0xF8) == 0xF0) {
      length = 4, min = 0x10000, code = b & 0x07;
    } else {
      return false;
    }
    if (i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      const auto c = static_cast<unsigned char>(text[i + k]);
      if ((c & 0xC0) != 0x80) return false;
      code = (code << 6) | (c & 0x3F);
    }
    if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
    if (code >= 0x80 && code < 0xA0) return false;  // C1 controls
    i += length;
  }
  return true;
}

tl::expected<Form, std::string> decode_form(std::string_view body) {
  Form form;
  if (body.empty()) return form;
  std::size_t start = 0;
  while (start <= body.size()) {
    auto end = body.find('&', start);
    if (end == std::string_view::npos) end = body.size();
    const auto field = body.substr(start, end - start);
    const auto eq = field.find('=');
    const auto raw_name = field.substr(0, eq);
    const auto raw_value = eq == std::string_view::npos ? std::string_view{} : field.substr(eq + 1);
    if (raw_name.empty()) return tl::unexpected(std::string("a field has no name"));
    if (field.size() > 3 * kMaxFieldBytes)
      return tl::unexpected(fmt::format("a field is longer than {} bytes", kMaxFieldBytes));
    auto name = percent_decode(raw_name, true);
    if (!name) return tl::unexpected(name.error());
    auto value = percent_decode(raw_value, true);
    if (!value) return tl::unexpected(value.error());
    if (value->size() > kMaxFieldBytes)
      return tl::unexpected(fmt::format("a field is longer than {} bytes", kMaxFieldBytes));
    if (!is_clean_text(*name) || !is_clean_text(*value))
      return tl::unexpected(std::string("a field is not UTF-8 text"));
    if (form.size() == kMaxFormFields)
      return tl::unexpected(fmt::format("more than {} fields", kMaxFormFields));
    if (!form.emplace(std::move(*name), std::move(*value)).second)
      return tl::unexpected(std::string("a field is given twice"));
    if (end == body.size()) break;
    start = end + 1;
  }
  return form;
}

tl::expected<Target, std::string> split_target(std::string_view target) {
  if (target.empty() || target.front() != '/')
    return tl::unexpected(std::string("the target is not an absolute path"));
  const auto q = target.find('?');
  if (q == std::string_view::npos) return Target{target, {}};
  return Target{target.substr(0, q), target.substr(q + 1)};
}

}  // namespace mentorcal::web
