#!/usr/bin/env bash
# Every test: install what is missing, build with ASan+UBSan, run the config fuzzer for
# $FUZZ_SECONDS (default 60), then every unit and integration test with ctest; last, on a Release
# build, the daemon test once more (its idle memory limit is checked) and the package's install
# test in a fresh Debian root.
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
# The .deb as shipped (a Release build): apt installs it into a fresh Debian 12 root, lintian.
tests/packaging/install_test.sh . build-release
