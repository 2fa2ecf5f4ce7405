#include "app/report_command.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <optional>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <tl/expected.hpp>

#include "app/health_view.h"
#include "app/programme_file.h"
#include "base/exit_code.h"
#include "config/load.h"
#include "report/report_html.h"
#include "store/store.h"

namespace mentorcal::app {
namespace {

// Write `text` to a temporary file beside `file`, flush it to disk and rename it over `file`.
tl::expected<void, std::string> write_atomically(const std::filesystem::path& file,
                                                 const std::string& text) {
  const auto dir = file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
  std::string name = (dir / ("." + file.filename().string() + ".XXXXXX")).string();
  const int fd = ::mkstemp(name.data());
  if (fd < 0) return tl::unexpected(std::string(std::strerror(errno)));
  const auto fail = [&](int err) {
    ::close(fd);
    ::unlink(name.c_str());
    return tl::unexpected(std::string(std::strerror(err)));
  };
  // mkstemp makes the file private; a report is as readable as any file the user creates.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  if (::fchmod(fd, 0666 & ~mask) != 0) return fail(errno);
  for (std::size_t done = 0; done < text.size();) {
    const auto n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return fail(errno);
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) return fail(errno);
  if (::close(fd) != 0) {
    const int err = errno;
    ::unlink(name.c_str());
    return tl::unexpected(std::string(std::strerror(err)));
  }
  if (::rename(name.c_str(), file.c_str()) != 0) {
    const int err = errno;
    ::unlink(name.c_str());
    return tl::unexpected(std::string(std::strerror(err)));
  }
  return {};
}

}  // namespace

int report_command(const std::filesystem::path& config_file, std::chrono::sys_seconds now,
                   const std::filesystem::path& html_file) {
  const auto programme = load_for_command(config_file);
  if (!programme) return base::kInvalidInput;
  // A programme that never ran has no state yet: report it as such, without creating a file.
  const auto state = store::open_existing(store::state_path(programme->programme.state));
  const auto view = health_view(*programme, state.get(), now);

  const auto written = write_atomically(html_file, report::report_html(view, now));
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
