// Passwords for the mail servers: from password_file, password_env, or a systemd credential
// ($CREDENTIALS_DIRECTORY/<name>, e.g. "smtp-password"). Never inline, never logged.
#pragma once

#include <string>

#include <tl/expected.hpp>

#include "config/programme.h"

namespace mentorcal::app {

// Return the secret, "" when none is configured and no credential exists, or an error naming
// where it was looked for (never its value).
tl::expected<std::string, std::string> read_secret(const config::Secret& secret,
                                                   const std::string& credential);

// Return the password of the programme's state in PostgreSQL (state_password_file or _env, or
// the credential "state-password"); "" for a SQLite state. Throws store::StoreError when it is
// configured but cannot be read.
std::string state_password(const config::ProgrammeInfo& programme);

}  // namespace mentorcal::app
