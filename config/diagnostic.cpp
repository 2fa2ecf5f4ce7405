#include "config/diagnostic.h"

#include <algorithm>

#include <fmt/format.h>

namespace mentorcal::config {

std::string Diagnostic::text() const {
  const auto* kind = severity == Severity::error ? "error" : "warning";
  if (line == 0) return fmt::format("{}: {}: {}", file, kind, message);
  return fmt::format("{}:{}:{}: {}: {}", file, line, column, kind, message);
}

bool has_errors(const Diagnostics& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.severity == Diagnostic::Severity::error; });
}

}  // namespace mentorcal::config
