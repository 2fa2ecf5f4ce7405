#include "daemon/cli.h"

int main(int argc, char** argv) {
  return mentorcal::daemon::run_cli(argc, argv);
}
