#include "app/state_copy_command.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "app/locked_state.h"
#include "app/secrets.h"
#include "base/exit_code.h"
#include "config/programme.h"
#include "store/state_copy.h"
#include "store/store.h"

namespace mentorcal::app {

int state_copy_command(const StateCopyOptions& options) {
  std::string password;
  if (!options.password_file.empty()) {
    config::Secret secret;
    secret.file = options.password_file;
    const auto read = read_secret(secret, "state-password");
    if (!read) {
      spdlog::error("state copy: the password: {}", read.error());
      return base::kInvalidInput;
    }
    password = *read;
  }
  const auto password_of = [&](const std::string& state) {
    return store::is_server_state(state) ? password : std::string();
  };
  if (options.from == options.to) {
    spdlog::error("state copy: FROM and TO are the same state: {}", options.from);
    return base::kInvalidInput;
  }
  if (!store::open_existing(options.from, password_of(options.from))) {
    spdlog::error("state copy: {} holds no mentorcal state: nothing to copy", options.from);
    return base::kInvalidInput;
  }
  const LockedState from(options.from, password_of(options.from));
  const LockedState to(options.to, password_of(options.to));
  const auto sums = store::copy_state(*from, *to, options.replace);  // StoreError: exit 3
  std::int64_t rows = 0;
  for (const auto& s : sums) {
    fmt::print("{:<12} {:>8} rows  checksum {}\n", s.table, s.rows, s.checksum);
    rows += s.rows;
  }
  fmt::print("Copied {} rows from {} to {}; counts and checksums match\n", rows, options.from,
             options.to);
  return base::kOk;
}

}  // namespace mentorcal::app
