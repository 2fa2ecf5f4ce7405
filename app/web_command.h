// `mentorcal web`: the partners' pages (issue 15), in a process of their own; and
// `mentorcal person relink ID`, which revokes a person's link.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>

namespace mentorcal::app {

// Serve until SIGTERM; return the exit code.
int web_command(const std::filesystem::path& config_file,
                const std::function<std::chrono::sys_seconds()>& clock);

// Give the person a new link (the old one stops working); return the exit code.
int relink_command(const std::filesystem::path& config_file, std::chrono::sys_seconds now,
                   const std::string& person);

}  // namespace mentorcal::app
