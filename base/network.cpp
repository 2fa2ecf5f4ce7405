#include "base/network.h"

#include <arpa/inet.h>
#include <charconv>
#include <cstring>

namespace mentorcal::base {
namespace {

// Read `ip` into `out`; return 4 or 16 (its length in bytes), or 0 when it is no address.
int read_address(std::string_view ip, std::array<unsigned char, 16>& out) {
  if (ip.size() > 45) return 0;
  const std::string text(ip);
  out.fill(0);
  if (inet_pton(AF_INET, text.c_str(), out.data()) == 1) return 4;
  if (inet_pton(AF_INET6, text.c_str(), out.data()) != 1) return 0;
  static constexpr unsigned char kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF};
  if (std::memcmp(out.data(), kMapped, 12) == 0) {
    std::memmove(out.data(), out.data() + 12, 4);
    std::memset(out.data() + 4, 0, 12);
    return 4;
  }
  return 16;
}

bool same_prefix(const std::array<unsigned char, 16>& a, const std::array<unsigned char, 16>& b,
                 int bits) {
  const auto whole = static_cast<std::size_t>(bits / 8);
  if (std::memcmp(a.data(), b.data(), whole) != 0) return false;
  if (bits % 8 == 0) return true;
  const auto mask = static_cast<unsigned char>(0xFF << (8 - bits % 8));
  return (a[whole] & mask) == (b[whole] & mask);
}

}  // namespace

bool Network::contains(std::string_view ip) const {
  std::array<unsigned char, 16> other{};
  const int length = read_address(ip, other);
  return length == (v6 ? 16 : 4) && same_prefix(address, other, prefix);
}

std::optional<Network> parse_network(std::string_view text) {
  Network n;
  n.text = std::string(text);
  const auto slash = text.find('/');
  const int length = read_address(text.substr(0, slash), n.address);
  if (length == 0) return std::nullopt;
  n.v6 = length == 16;
  n.prefix = length * 8;
  if (slash != std::string_view::npos) {
    const auto digits = text.substr(slash + 1);
    int prefix = -1;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), prefix);
    if (digits.empty() || error != std::errc() || end != digits.data() + digits.size() ||
        prefix < 0 || prefix > length * 8)
      return std::nullopt;
    n.prefix = prefix;
  }
  // No bits set beyond the prefix: "10.1.2.3/8" is a mistake, not a network.
  std::array<unsigned char, 16> masked{};
  for (int bit = 0; bit < n.prefix; ++bit) {
    const auto byte = static_cast<std::size_t>(bit / 8);
    masked[byte] |= static_cast<unsigned char>(n.address[byte] & (0x80 >> (bit % 8)));
  }
  if (masked != n.address) return std::nullopt;
  return n;
}

}  // namespace mentorcal::base
