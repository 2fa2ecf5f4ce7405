// The cryptography of partners' links: random bytes from the kernel (getrandom), SHA-256 and
// HMAC-SHA-256 (Nettle: OpenSSL 3's first digest sets up its whole default provider, 2 MB more
// in the idle web process), base64url, and a comparison whose time does not depend on where two
// values differ.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace mentorcal::web {

// Return `count` bytes from the kernel's CSPRNG (getrandom(2)). Throws std::runtime_error.
std::string random_bytes(std::size_t count);
// Return SHA-256 of `bytes` as 64 lowercase hex digits.
std::string sha256_hex(std::string_view bytes);
// Return HMAC-SHA-256 of `message` under `key`: 32 bytes.
std::string hmac_sha256(std::string_view key, std::string_view message);
// Return `bytes` in base64url without padding (RFC 4648 §5).
std::string base64url(std::string_view bytes);
// Return whether `a` and `b` are equal, in time that depends on their lengths only.
bool equal_in_constant_time(std::string_view a, std::string_view b);

}  // namespace mentorcal::web
