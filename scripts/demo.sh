#!/usr/bin/env bash
# The main job on the embedded demo programme: install what is missing, build, then run mentorcal
# on packaging/examples/demo.toml: check it, show the plan, and run one full tick, which books the
# meetings in the SQLite state (packaging/examples/demo-state.sqlite3) and writes every invite as
# an .eml file into packaging/examples/outbox/ (the directory transport: no mail server needed).
# Run it again: nothing new is sent, because everything is already booked.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --build
# -O2 without debug info: the quickest optimised build (a quarter less compiler time than
# RelWithDebInfo), so a newcomer sees the main job in minutes.
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG" \
  -DMENTORCAL_TESTS=OFF -DMENTORCAL_BENCHMARKS=OFF >/dev/null
cmake --build build -j2 --target mentorcal
demo=packaging/examples/demo.toml
build/bin/mentorcal check-config "$demo"
build/bin/mentorcal plan --config "$demo"
build/bin/mentorcal run --once --config "$demo"
echo
echo "Invites written to packaging/examples/outbox/ ($(ls packaging/examples/outbox | wc -l) files), e.g.:"
ls packaging/examples/outbox | head -4
build/bin/mentorcal status --config "$demo"
