// Who may open /admin: a file of "user:hash" lines, as htpasswd and chpasswd write them, whose
// hashes are crypt(3) strings of a salted, slow method (yescrypt `$y$`, bcrypt `$2b$`/`$2y$`,
// SHA-crypt `$6$`/`$5$`; Debian's libcrypt), made with `mkpasswd -m yescrypt`, `htpasswd -nB
// USER` or `openssl passwd -6`. A password is never kept, only its hash.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

namespace mentorcal::web {

class AdminCredentials {
 public:
  // Return the credentials in `text` ('#' comments and blank lines skipped), or an error naming
  // the line (never its hash) for a line without "user:", a repeated user, a hash of an old or
  // unknown method, or no user at all.
  static tl::expected<AdminCredentials, std::string> parse(std::string_view text);

  // Return whether `password` is `user`'s. An unknown user costs one hash too, so the time taken
  // does not tell which users exist; the hashes are compared in constant time.
  bool matches(std::string_view user, std::string_view password) const;

  bool knows(std::string_view user) const { return hashes_.contains(user); }
  std::size_t size() const { return hashes_.size(); }

 private:
  std::map<std::string, std::string, std::less<>> hashes_;
};

// A Basic Authorization header (RFC 7617) read: the user and the password.
struct BasicCredentials {
  std::string user;
  std::string password;
};
// Return the user and password of "Basic base64(user:password)", or nullopt for any other
// header (another scheme, bad base64, no colon, control characters).
std::optional<BasicCredentials> read_basic_authorization(std::string_view header);

}  // namespace mentorcal::web
