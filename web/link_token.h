// Partners' links (issue 15). A link is <base_url>/p/<token>. The token is never stored: it is
// derived, whenever a letter needs it, as HMAC-SHA-256(link key, "link\0<person id>\0<generation>")
// in base64url (256 bits; the key is 32 bytes from getrandom, kept in a file or a systemd
// credential, never in the state). The state keeps, per person, the generation and the SHA-256 of
// the token: the web process finds a person by the hash of the token it is shown and compares the
// hashes in constant time. `mentorcal person relink ID` bumps the generation, so the old token no
// longer matches anything; a person left without an active pair has their hash retired.
// The CSRF token of a page is derived the same way from the link's hash, so it needs no storage and
// is worthless for any other link.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mentorcal::web {

// The length of a link key in bytes.
inline constexpr std::size_t kLinkKeyBytes = 32;

// Return the token of `person`'s link of `generation` under `key`: 43 base64url characters.
std::string link_token(std::string_view key, std::string_view person, std::int64_t generation);
// Return what the state keeps of a token: its SHA-256 in hex.
std::string token_hash(std::string_view token);
// Return whether `text` has the shape of a token (43 base64url characters), before any look-up.
bool looks_like_token(std::string_view text);
// Return the CSRF token of the pages of the link whose hash is `hash`.
std::string csrf_token(std::string_view key, std::string_view hash);
// Return whether `presented` is the CSRF token of that link (constant time).
bool csrf_matches(std::string_view key, std::string_view hash, std::string_view presented);

}  // namespace mentorcal::web
