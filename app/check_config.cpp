#include "app/check_config.h"

#include <algorithm>

#include <fmt/format.h>

#include "base/exit_code.h"
#include "config/load.h"

namespace mentorcal::app {

int check_config(const std::filesystem::path& file) {
  const auto loaded = config::load_programme(file);
  const auto& diagnostics = loaded ? loaded->warnings : loaded.error();
  for (const auto& d : diagnostics)
    fmt::print(stderr, "{}\n", d.text());
  if (!loaded) {
    const auto errors = std::count_if(diagnostics.begin(), diagnostics.end(), [](const auto& d) {
      return d.severity == config::Diagnostic::Severity::error;
    });
    fmt::print("{}: invalid ({} error{})\n", file.string(), errors, errors == 1 ? "" : "s");
    return base::kInvalidInput;
  }
  const auto& p = loaded->programme;
  fmt::print("{}: ok ({} people, {} pairs{})\n", file.string(), p.people.size(), p.pairs.size(),
             diagnostics.empty() ? "" : fmt::format(", {} warnings", diagnostics.size()));
  return base::kOk;
}

}  // namespace mentorcal::app
