#!/usr/bin/env bash
# Re-measure the planner: a Release build in build-release/, then plan_bench pinned to one core.
# Targets (DESIGN.md §10, on one core): 10k pairs <= 100 ms, 100k pairs <= 1 s, peak RSS <= 200 MB
# for the 100k run. Extra arguments go to the benchmark, e.g. --benchmark_filter=pairs:100000
# to see the 100k run's peak RSS on its own.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release -DMENTORCAL_TESTS=ON \
  -DMENTORCAL_BENCHMARKS=ON >/dev/null
cmake --build build-release -j2 --target plan_bench
exec taskset -c 1 build-release/tests/plan_bench "$@"
