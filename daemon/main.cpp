#include "daemon/cli.h"
#include "daemon/heap.h"

int main(int argc, char** argv) {
  mentorcal::daemon::keep_large_blocks_mapped();
  return mentorcal::daemon::run_cli(argc, argv);
}
