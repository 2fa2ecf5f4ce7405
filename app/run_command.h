// `mentorcal run --once`: one full tick (plan, send, and later read replies and evaluate), then
// exit.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>

#include <tl/expected.hpp>

#include "config/programme.h"
#include "net/transport.h"

namespace mentorcal::app {

int run_once_command(const std::filesystem::path& config_file, std::chrono::sys_seconds now);

// Return the transport the programme's [mail] asks for, or why it cannot be made (a password
// that cannot be read).
tl::expected<std::unique_ptr<net::Transport>, std::string> make_transport(
    const config::Programme& programme);

}  // namespace mentorcal::app
