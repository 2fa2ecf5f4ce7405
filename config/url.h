// The parts of a server URL that validation needs (scheme, host, port, path). Transports hand the
// whole URL to libcurl; this is only for checks such as "is this host loopback".
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mentorcal::config {

struct Url {
  std::string scheme;  // lower case
  std::string host;    // without brackets for IPv6
  int port = 0;        // 0 when absent
  std::string path;    // from the first '/' after the authority, may be empty
};

// Return the parts of "scheme://host[:port][/path]", or nullopt when it has no such shape.
// User info ("user@") is refused: credentials never go in URLs.
std::optional<Url> parse_url(std::string_view text);

// Return true for "localhost", 127.0.0.0/8 and ::1.
bool is_loopback_host(std::string_view host);

}  // namespace mentorcal::config
