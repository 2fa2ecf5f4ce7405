#include "app/programme_file.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "config/load.h"

namespace mentorcal::app {

std::optional<config::Programme> load_for_command(const std::filesystem::path& file) {
  auto loaded = config::load_programme(file);
  if (!loaded) {
    for (const auto& d : loaded.error())
      fmt::print(stderr, "{}\n", d.text());
    return std::nullopt;
  }
  for (const auto& d : loaded->warnings)
    spdlog::warn("{}", d.text());
  return std::move(loaded->programme);
}

}  // namespace mentorcal::app
