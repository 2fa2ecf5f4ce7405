// IP networks as an admin writes them ("10.20.0.0/16", "fd00::/8", "192.168.1.5"): parsed once,
// then asked whether an address (as text) lies inside.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace mentorcal::base {

struct Network {
  std::array<unsigned char, 16> address{};  // IPv4 in the first 4 bytes
  bool v6 = false;
  int prefix = 0;    // leading bits that must match: up to 32 (IPv4) or 128 (IPv6)
  std::string text;  // as written

  // Return true when `ip` (IPv4 or IPv6 text) lies inside. An IPv4-mapped IPv6 address
  // (::ffff:10.0.0.1) counts as its IPv4 address.
  bool contains(std::string_view ip) const;
};

// Return the network `text` names: an address with an optional "/prefix" (none: the address
// alone). Return nullopt for anything else, bits set beyond the prefix included.
std::optional<Network> parse_network(std::string_view text);

}  // namespace mentorcal::base
