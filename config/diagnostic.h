// A problem found in a config file, located as FILE:LINE:COLUMN (1-based).
#pragma once

#include <string>
#include <vector>

namespace mentorcal::config {

struct Diagnostic {
  enum class Severity { error, warning };
  Severity severity = Severity::error;
  std::string file;
  int line = 0;  // 0 when the problem has no place in the file (e.g. it cannot be read)
  int column = 0;
  std::string message;  // names the key, e.g. "pair.cadence: ..."

  // Return "FILE:LINE:COLUMN: error: MESSAGE".
  std::string text() const;
};

using Diagnostics = std::vector<Diagnostic>;

// Return true when any diagnostic is an error.
bool has_errors(const Diagnostics& diagnostics);

}  // namespace mentorcal::config
