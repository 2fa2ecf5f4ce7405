#include "app/cli.h"
#include "base/heap.h"

int main(int argc, char** argv) {
  mentorcal::base::keep_large_blocks_mapped();
  return mentorcal::app::run_cli(argc, argv);
}
