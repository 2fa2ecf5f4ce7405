// Log lines to journald with their fields (base/log_fields.h), through libsystemd's native
// protocol, when mentorcal runs under systemd with its standard error connected to the journal.
#pragma once

#include <memory>

namespace spdlog::sinks {
class sink;
}

namespace mentorcal::app {

// Return a sink for base::init_logging() that sends every line to journald with PRIORITY=,
// SYSLOG_IDENTIFIER=mentorcal and the thread's LogFields, when standard error is the journal's
// stream (JOURNAL_STREAM names its device and inode, as systemd.exec(5) says to check); else
// null: plain lines on standard error, as before. A line journald refuses goes to standard error.
std::shared_ptr<spdlog::sinks::sink> journal_sink();

}  // namespace mentorcal::app
