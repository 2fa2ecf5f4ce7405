#!/usr/bin/env bash
# The main job on the embedded demo programme: install what is missing, build, and run mentorcal
# on packaging/examples/demo.toml (directory transport, SQLite state beside the file).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMENTORCAL_TESTS=OFF -DMENTORCAL_BENCHMARKS=OFF >/dev/null
cmake --build build -j2 --target mentorcal
build/daemon/mentorcal check-config packaging/examples/demo.toml
build/daemon/mentorcal plan --config packaging/examples/demo.toml
