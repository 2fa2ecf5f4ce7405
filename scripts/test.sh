#!/usr/bin/env bash
# Every test: install what is missing, build with ASan+UBSan, run the config fuzzer for
# $FUZZ_SECONDS (default 60), then every unit and integration test with ctest; last, the daemon
# test once more on a Release build, where its idle memory limit is checked.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DMENTORCAL_SANITIZE=ON >/dev/null
cmake --build build-asan -j2
scripts/fuzz.sh "${FUZZ_SECONDS:-60}"
tests/interop/install.sh
(cd build-asan && ctest --output-on-failure -j2)
# Warnings are errors in the build above; not here: GCC 12 at -O3 warns falsely about
# `"literal" + std::string` inside libstdc++ (-Wrestrict, GCC bug 105329).
cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release -DMENTORCAL_TESTS=ON \
  -DMENTORCAL_BENCHMARKS=ON -DMENTORCAL_WERROR=OFF >/dev/null
cmake --build build-release -j2 --target mentorcal mentorcal-service
tests/integration/daemon_test.sh build-release/bin/mentorcal .
