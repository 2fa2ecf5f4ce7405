// The `mentorcal` command line (DESIGN.md §9).
#pragma once

namespace mentorcal::app {

// Parse the arguments, run the chosen command and return the process exit code. Never throws.
int run_cli(int argc, char** argv);

}  // namespace mentorcal::app
