// What the children of the service process (`service-tick`, `service-lease`) share: SIGTERM and
// SIGINT set a flag that asks them to stop, and they tell the service how far they got in lines
// on standard output, which it reads line by line.
#pragma once

#include <atomic>
#include <cstdio>

#include <fmt/format.h>

namespace mentorcal::app {

// Make SIGTERM and SIGINT set the returned flag (installed once).
const std::atomic<bool>& stop_on_signals();

template <typename... Args>
void tell(fmt::format_string<Args...> format, Args&&... args) {
  fmt::print(format, std::forward<Args>(args)...);
  std::fflush(stdout);
}

}  // namespace mentorcal::app
