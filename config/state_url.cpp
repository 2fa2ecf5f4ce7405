#include "config/state_url.h"

#include <fmt/format.h>

namespace mentorcal::config {
namespace {

constexpr std::string_view kShape = "postgresql://user@host[:port]/database[?sslrootcert=CA]";

bool is_port(std::string_view text) {
  if (text.empty() || text.size() > 5) return false;
  int n = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return false;
    n = n * 10 + (c - '0');
  }
  return n >= 1 && n <= 65535;
}

}  // namespace

bool is_state_url(std::string_view state) {
  return state.starts_with("postgresql://") || state.starts_with("postgres://");
}

std::optional<std::string> state_url_problem(std::string_view url) {
  for (const char c : url) {
    if (static_cast<unsigned char>(c) <= ' ' || static_cast<unsigned char>(c) >= 0x7f) {
      return fmt::format("is not a PostgreSQL URL like {}: no spaces or control characters",
                         kShape);
    }
  }
  std::string_view rest = url.substr(url.find("://") + 3);
  const auto query_at = rest.find('?');
  std::string_view query = query_at == rest.npos ? "" : rest.substr(query_at + 1);
  rest = rest.substr(0, query_at);
  const auto slash = rest.find('/');
  const std::string_view authority = rest.substr(0, slash);
  const std::string_view database = slash == rest.npos ? "" : rest.substr(slash + 1);
  std::string_view host = authority;
  if (const auto at = authority.rfind('@'); at != authority.npos) {
    if (authority.substr(0, at).find(':') != std::string_view::npos) {
      return std::string(
          "holds a password: inline passwords are not allowed: use "
          "state_password_file or the credential state-password");
    }
    host = authority.substr(at + 1);
  }
  if (host.starts_with('[')) {  // [IPv6]:port
    const auto close = host.find(']');
    if (close == host.npos) return fmt::format("is not a PostgreSQL URL like {}", kShape);
    const auto after = host.substr(close + 1);
    if (!after.empty() && (!after.starts_with(':') || !is_port(after.substr(1)))) {
      return fmt::format("has a bad port: give a number from 1 to 65535 ({})", kShape);
    }
    host = host.substr(1, close - 1);
  } else if (const auto colon = host.find(':'); colon != host.npos) {
    if (!is_port(host.substr(colon + 1))) {
      return fmt::format("has a bad port: give a number from 1 to 65535 ({})", kShape);
    }
    host = host.substr(0, colon);
  }
  if (host.empty()) return fmt::format("names no server: give one, like {}", kShape);
  if (database.empty() || database.find('/') != database.npos) {
    return fmt::format("names no database: give one, like {}", kShape);
  }
  while (!query.empty()) {
    const auto amp = query.find('&');
    const auto pair = query.substr(0, amp);
    const auto eq = pair.find('=');
    if (eq == pair.npos || eq == 0) {
      return fmt::format("has an option \"{}\" without a value: give name=value", pair);
    }
    if (pair.substr(0, eq) == "password") {
      return std::string(
          "holds a password: inline passwords are not allowed: use "
          "state_password_file or the credential state-password");
    }
    query = amp == query.npos ? "" : query.substr(amp + 1);
  }
  return std::nullopt;
}

}  // namespace mentorcal::config
