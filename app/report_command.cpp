#include "app/report_command.h"

#include <algorithm>
#include <memory>
#include <optional>
#include <string>

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <tl/expected.hpp>

#include "app/health_view.h"
#include "app/programme_file.h"
#include "app/secrets.h"
#include "base/atomic_file.h"
#include "base/exit_code.h"
#include "config/load.h"
#include "report/report_html.h"
#include "store/store.h"

namespace mentorcal::app {

int report_command(const std::filesystem::path& config_file, std::chrono::sys_seconds now,
                   const std::filesystem::path& html_file) {
  const auto programme = load_for_command(config_file);
  if (!programme) return base::kInvalidInput;
  // A programme that never ran has no state yet: report it as such, without creating a file.
  const auto state = store::open_existing(store::state_path(programme->programme.state),
                                          state_password(programme->programme));
  const auto view = health_view(*programme, state.get(), now);

  const auto written = base::write_file_atomically(html_file, report::report_html(view, now), 0666);
  if (!written) {
    spdlog::error("report: cannot write {}: {}", html_file.string(), written.error());
    return base::kRuntimeFailure;
  }
  const auto flagged = std::count_if(view.health.begin(), view.health.end(),
                                     [](const auto& h) { return !h.flags.empty(); });
  fmt::print("Report of {} pairs ({} flagged) written to {}\n", view.health.size(), flagged,
             html_file.string());
  return base::kOk;
}

}  // namespace mentorcal::app
