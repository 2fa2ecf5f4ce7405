#include "web/admin_credentials.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <crypt.h>
#include <cstdint>
#include <memory>
#include <nettle/base64.h>

#include <fmt/format.h>

#include "web/form.h"
#include "web/secret.h"

namespace mentorcal::web {
namespace {

// The salted, slow methods accepted; DES, MD5-crypt and plain text are refused.
constexpr std::array<std::string_view, 7> kMethods{"$y$",  "$gy$", "$7$", "$2b$",
                                                   "$2y$", "$6$",  "$5$"};

bool good_hash(const std::string& hash) {
  return std::any_of(kMethods.begin(), kMethods.end(),
                     [&](std::string_view m) { return hash.starts_with(m); }) &&
         crypt_checksalt(hash.c_str()) == CRYPT_SALT_OK;
}

// Return crypt(password, setting), or "" when the method fails.
std::string hashed(std::string_view password, const std::string& setting) {
  auto data = std::make_unique<crypt_data>();  // ~32 KiB: not on the stack
  const std::string phrase(password);
  const char* out = crypt_rn(phrase.c_str(), setting.c_str(), data.get(), sizeof(crypt_data));
  return out && *out != '*' ? std::string(out) : std::string();
}

}  // namespace

tl::expected<AdminCredentials, std::string> AdminCredentials::parse(std::string_view text) {
  AdminCredentials out;
  std::size_t number = 0;
  while (!text.empty()) {
    const auto end = text.find('\n');
    auto line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    ++number;
    if (line.ends_with('\r')) line.remove_suffix(1);
    const auto first = line.find_first_not_of(" \t");
    if (first == std::string_view::npos || line[first] == '#') continue;
    const auto colon = line.find(':');
    if (colon == 0 || colon == std::string_view::npos)
      return tl::unexpected(fmt::format("line {}: write user:hash", number));
    const std::string user(line.substr(0, colon));
    // htpasswd writes user:hash; chpasswd -e and /etc/shadow write more fields after it.
    auto rest = line.substr(colon + 1);
    const std::string hash(rest.substr(0, rest.find(':')));
    if (!is_clean_text(user) || user.find_first_of(" \t\r\n") != std::string::npos)
      return tl::unexpected(
          fmt::format("line {}: the user name has spaces or control characters", number));
    if (!good_hash(hash))
      return tl::unexpected(fmt::format(
          "line {}: {}'s password hash is not yescrypt, bcrypt or SHA-crypt (make one with "
          "`mkpasswd -m yescrypt`, `htpasswd -nB {}` or `openssl passwd -6`)",
          number, user, user));
    if (!out.hashes_.emplace(user, hash).second)
      return tl::unexpected(fmt::format("line {}: {} is listed twice", number, user));
  }
  if (out.hashes_.empty()) return tl::unexpected(std::string("no user:hash line"));
  return out;
}

bool AdminCredentials::matches(std::string_view user, std::string_view password) const {
  const auto found = hashes_.find(user);
  // An unknown user is checked against the first user's hash (the same method and cost), and
  // refused whatever the result.
  const auto& hash = found != hashes_.end() ? found->second : hashes_.begin()->second;
  const auto computed = hashed(password, hash);
  const bool same = !computed.empty() && equal_in_constant_time(computed, hash);
  return same && found != hashes_.end();
}

std::optional<BasicCredentials> read_basic_authorization(std::string_view header) {
  constexpr std::string_view kScheme = "basic ";
  if (header.size() <= kScheme.size() || header.size() > 4096) return std::nullopt;
  for (std::size_t i = 0; i < kScheme.size(); ++i) {
    if (static_cast<char>(std::tolower(static_cast<unsigned char>(header[i]))) != kScheme[i])
      return std::nullopt;
  }
  auto encoded = header.substr(kScheme.size());
  while (!encoded.empty() && encoded.front() == ' ')
    encoded.remove_prefix(1);
  while (!encoded.empty() && encoded.back() == ' ')
    encoded.remove_suffix(1);
  if (encoded.empty() || encoded.size() % 4 != 0) return std::nullopt;
  std::string decoded(BASE64_DECODE_LENGTH(encoded.size()), '\0');
  base64_decode_ctx context;
  base64_decode_init(&context);
  std::size_t size = decoded.size();
  if (!base64_decode_update(&context, &size, reinterpret_cast<std::uint8_t*>(decoded.data()),
                            encoded.size(), encoded.data()) ||
      !base64_decode_final(&context))
    return std::nullopt;
  decoded.resize(size);
  const auto colon = decoded.find(':');
  if (colon == std::string::npos || !is_clean_text(decoded) ||
      decoded.find_first_of("\r\n\t") != std::string::npos)
    return std::nullopt;
  return BasicCredentials{decoded.substr(0, colon), decoded.substr(colon + 1)};
}

}  // namespace mentorcal::web
