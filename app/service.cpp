#include "app/service.h"

#include <cerrno>
#include <cstring>
#include <unistd.h>
#include <vector>

#include <spdlog/spdlog.h>

#include "base/exit_code.h"

namespace mentorcal::app {
namespace {

namespace fs = std::filesystem;

// mentorcal-service sits next to this binary in a build tree and in lib/mentorcal/ when installed.
std::optional<fs::path> find_service(const fs::path& self) {
  for (const fs::path& candidate :
       {self.parent_path() / "mentorcal-service",
        self.parent_path().parent_path() / "lib" / "mentorcal" / "mentorcal-service"}) {
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return std::nullopt;
}

}  // namespace

int run_service(const ServiceOptions& options) {
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  const auto service = ec ? std::nullopt : find_service(self);
  if (!service) {
    spdlog::error("mentorcal-service is missing: it belongs next to {} or in ../lib/mentorcal/",
                  self.string());
    return base::kRuntimeFailure;
  }
  std::vector<std::string> args{service->string(), "--mentorcal", self.string(), "--config",
                                options.config_file.string()};
  if (!options.now.empty()) args.insert(args.end(), {"--now", options.now});
  if (options.verbose) args.push_back("--verbose");
  if (options.tick_deadline_seconds > 0)
    args.insert(args.end(), {"--tick-deadline", std::to_string(options.tick_deadline_seconds)});
  std::vector<char*> argv;
  for (auto& a : args)
    argv.push_back(a.data());
  argv.push_back(nullptr);
  execv(argv[0], argv.data());
  spdlog::error("cannot start {}: {}", args[0], std::strerror(errno));
  return base::kRuntimeFailure;
}

}  // namespace mentorcal::app
