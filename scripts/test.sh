#!/usr/bin/env bash
# Every test: install what is missing, build with ASan+UBSan, run the config fuzzer for
# $FUZZ_SECONDS (default 60), then every unit and integration test with ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DMENTORCAL_SANITIZE=ON >/dev/null
cmake --build build-asan -j2
scripts/fuzz.sh "${FUZZ_SECONDS:-60}"
tests/interop/install.sh
cd build-asan
ctest --output-on-failure -j2
