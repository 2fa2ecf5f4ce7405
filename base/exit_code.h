// The process exit codes of DESIGN.md §9.
#pragma once

namespace mentorcal::base {

enum ExitCode : int {
  kOk = 0,
  kInvalidInput = 1,    // a bad config, a bad argument value
  kUsage = 2,           // unknown command or option
  kRuntimeFailure = 3,  // a server unreachable, a database that cannot be opened...
};

}  // namespace mentorcal::base
