// `mentorcal web`'s HTTP server (Boost.Beast over Asio, one thread): reads each request within
// limits (header bytes, body bytes, time), hands it to a Handler, and writes the answer with the
// headers every answer carries (a Content-Security-Policy without inline script and with
// frame-ancestors 'none', Referrer-Policy no-referrer, nosniff, no caching). Rate-limits each
// client address (429). Listens where told, or on the sockets systemd passes (sd_listen_fds).
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

#include <tl/expected.hpp>

#include "web/http.h"

namespace mentorcal::web {

struct ServerOptions {
  std::string listen = "127.0.0.1:8080";  // host:port ([v6]:port); ignored under socket activation
  std::size_t header_limit = 8 * 1024;
  std::size_t body_limit = 16 * 1024;
  std::chrono::seconds read_timeout{10};  // a whole request (headers and body), and idle keep-alive
  std::size_t max_connections = 512;
  double per_address_per_minute = 600;  // each client address: this many requests a minute
  double per_address_burst = 120;       // after a burst of this many
};

// Serve until SIGTERM or SIGINT; return an error when the socket cannot be had.
// `on_ready` is called once listening (the daemon's READY=1, a log line).
tl::expected<void, std::string> serve(
    const ServerOptions& options, const Handler& handler,
    const std::function<void(const std::string& where)>& on_ready);

// Return the host and port of "host:port" or "[v6]:port", or why not.
tl::expected<std::pair<std::string, unsigned short>, std::string> parse_listen(
    std::string_view listen);

}  // namespace mentorcal::web
