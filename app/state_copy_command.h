// `mentorcal state copy FROM TO`: move a programme's state between SQLite and PostgreSQL (either
// way, or between two of a kind), verified by row counts and a checksum per table
// (store/state_copy.h). Both states are locked as a tick locks them (app/locked_state.h), so
// stop the daemons first or the copy waits for their ticks. A PostgreSQL end's password comes
// from --password-file, else libpq's own (PGPASSWORD, ~/.pgpass).
#pragma once

#include <filesystem>
#include <string>

namespace mentorcal::app {

struct StateCopyOptions {
  std::string from;  // a SQLite file or a postgresql:// URL
  std::string to;
  bool replace = false;  // replace a target that holds a state
  std::filesystem::path password_file;
};

// Return 0 when copied and verified; 1 when FROM holds no state or FROM and TO are one; 3 when a
// store fails, TO is not empty without --replace, or the sums differ (nothing kept on TO, except
// when the sums differ after the commit).
int state_copy_command(const StateCopyOptions& options);

}  // namespace mentorcal::app
