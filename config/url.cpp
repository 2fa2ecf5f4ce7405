#include "config/url.h"

#include <algorithm>
#include <cctype>

#include "base/ascii.h"
#include "config/text.h"

namespace mentorcal::config {

std::optional<Url> parse_url(std::string_view text) {
  const auto sep = text.find("://");
  if (sep == std::string_view::npos || sep == 0) return std::nullopt;
  Url url;
  for (const char c : text.substr(0, sep)) {
    if (!std::isalpha(static_cast<unsigned char>(c))) return std::nullopt;
    url.scheme += base::lower_ascii(c);
  }
  auto rest = text.substr(sep + 3);
  const auto slash = std::min(rest.find('/'), rest.size());
  auto authority = rest.substr(0, slash);
  url.path = std::string(rest.substr(slash));
  if (authority.find('@') != std::string_view::npos) return std::nullopt;

  std::string_view port;
  if (!authority.empty() && authority.front() == '[') {  // [IPv6]:port
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    url.host = std::string(authority.substr(1, close - 1));
    const auto after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return std::nullopt;
      port = after.substr(1);
    }
  } else {
    const auto colon = authority.find(':');
    url.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) port = authority.substr(colon + 1);
  }
  if (url.host.empty()) return std::nullopt;
  if (!port.empty() || authority.back() == ':') {
    const auto n = parse_number(port);
    if (!n || *n < 1 || *n > 65535) return std::nullopt;
    url.port = *n;
  }
  return url;
}

bool is_loopback_host(std::string_view host) {
  if (base::iequals(host, "localhost") || host == "::1") return true;
  if (host.substr(0, 4) != "127.") return false;
  // A dotted quad whose parts are numbers 0-255.
  int parts = 0;
  std::size_t start = 0;
  while (start <= host.size()) {
    const auto dot = std::min(host.find('.', start), host.size());
    const auto n = parse_number(host.substr(start, dot - start));
    if (!n || *n > 255) return false;
    ++parts;
    start = dot + 1;
  }
  return parts == 4;
}

}  // namespace mentorcal::config
