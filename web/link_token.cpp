#include "web/link_token.h"

#include "web/secret.h"

namespace mentorcal::web {
namespace {
constexpr std::size_t kTokenLength = 43;  // 32 bytes in base64url, no padding
}  // namespace

std::string link_token(std::string_view key, std::string_view person, std::int64_t generation) {
  std::string message = "link";
  message += '\0';
  message += person;
  message += '\0';
  message += std::to_string(generation);
  return base64url(hmac_sha256(key, message));
}

std::string token_hash(std::string_view token) {
  return sha256_hex(token);
}

bool looks_like_token(std::string_view text) {
  if (text.size() != kTokenLength) return false;
  for (const char c : text) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

std::string csrf_token(std::string_view key, std::string_view hash) {
  std::string message = "csrf";
  message += '\0';
  message += hash;
  return base64url(hmac_sha256(key, message));
}

bool csrf_matches(std::string_view key, std::string_view hash, std::string_view presented) {
  return equal_in_constant_time(csrf_token(key, hash), presented);
}

}  // namespace mentorcal::web
