#include "app/secrets.h"

#include <cstdlib>
#include <fstream>
#include <iterator>

#include <fmt/format.h>

#include "store/store.h"

namespace mentorcal::app {
namespace {

tl::expected<std::string, std::string> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return tl::unexpected(fmt::format("cannot read the password file {}", path.string()));
  std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
    text.pop_back();
  return text;
}

}  // namespace

tl::expected<std::string, std::string> read_secret(const config::Secret& secret,
                                                   const std::string& credential) {
  if (!secret.file.empty()) return read_file(secret.file);
  if (!secret.env.empty()) {
    const char* value = std::getenv(secret.env.c_str());
    if (!value)
      return tl::unexpected(fmt::format("the environment variable {} is not set", secret.env));
    return std::string(value);
  }
  if (const char* dir = std::getenv("CREDENTIALS_DIRECTORY"); dir && *dir) {
    const auto path = std::filesystem::path(dir) / credential;
    std::error_code ec;
    if (std::filesystem::exists(path, ec)) return read_file(path);
  }
  return std::string();
}

std::string state_password(const config::ProgrammeInfo& programme) {
  if (!store::is_server_state(programme.state)) return {};
  auto password = read_secret(programme.state_password, "state-password");
  if (!password) throw store::StoreError("the state's password: " + password.error());
  return *password;
}

}  // namespace mentorcal::app
