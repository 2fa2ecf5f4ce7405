// The process-wide logger: spdlog to stderr, in a form journald reads well.
#pragma once

namespace mentorcal::base {

// Set up the default logger. Under systemd (JOURNAL_STREAM set) each line starts with the
// sd-daemon priority prefix ("<3>") and carries no timestamp (the journal adds one); on a terminal
// it is coloured; otherwise plain text with a timestamp. `verbose` enables debug messages.
void init_logging(bool verbose);

}  // namespace mentorcal::base
