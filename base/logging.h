// The process-wide logger: spdlog to stderr, in a form journald reads well.
#pragma once

#include <memory>

namespace spdlog::sinks {
class sink;
}

namespace mentorcal::base {

// Set up the default logger. Under systemd (JOURNAL_STREAM set) each line starts with the
// sd-daemon priority prefix ("<3>") and carries no timestamp (the journal adds one); on a terminal
// it is coloured; otherwise plain text with a timestamp. `verbose` enables debug messages.
// `journal`: a sink that writes to journald itself (app/journal_sink.h), used instead of stderr
// with the message alone (escaped) as its text.
void init_logging(bool verbose, std::shared_ptr<spdlog::sinks::sink> journal = nullptr);

}  // namespace mentorcal::base
