#!/usr/bin/env bash
# Fuzz every parser of outside input with libFuzzer (needs clang and libclang-rt-14-dev): the
# programme-file loader, the reader of iMIP replies and the busy-feed reader, SECONDS each.
# Usage: scripts/fuzz.sh [SECONDS]   (default 60)
# Builds build-fuzz/ (ASan + UBSan + libFuzzer), replays tests/fuzz/regressions/ once, then fuzzes
# from working corpora in build-fuzz/. Crash inputs go to build-fuzz/artifacts/; copy any worth
# keeping into tests/fuzz/regressions/ (config) or tests/fuzz/reply_corpus/. Exits non-zero on any
# crash.
set -euo pipefail

seconds=${1:-60}
if ! [[ $seconds =~ ^[0-9]+$ ]] || ((seconds < 1)); then
  echo "usage: $0 [SECONDS]" >&2
  exit 2
fi

root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build-fuzz
regressions=$root/tests/fuzz/regressions
corpus=$build/corpus
artifacts=$build/artifacts

CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja \
  -DMENTORCAL_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" --target config_fuzzer reply_fuzzer feed_fuzzer -- -j2

mkdir -p "$corpus" "$artifacts"
cp "$root"/packaging/examples/*.toml "$corpus"/
shopt -s nullglob
regression_files=("$regressions"/*)
((${#regression_files[@]} == 0)) || cp "${regression_files[@]}" "$corpus"/

# Stop at the first UBSan report too, with a stack; ASan leaks count as crashes.
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
fuzzer=$build/tests/fuzz/config_fuzzer
flags=(-max_len=8192 -timeout=10 -artifact_prefix="$artifacts/")

if ((${#regression_files[@]} > 0)); then
  echo "== replaying ${#regression_files[@]} regression inputs"
  "$fuzzer" "${flags[@]}" "${regression_files[@]}"
fi

echo "== fuzzing for ${seconds}s"
"$fuzzer" "${flags[@]}" -dict="$root/tests/fuzz/toml.dict" -max_total_time="$seconds" \
  -print_final_stats=1 "$corpus"

reply_corpus=$build/reply_corpus
mkdir -p "$reply_corpus"
cp "$root"/tests/fuzz/reply_corpus/*.eml "$reply_corpus"/
echo "== fuzzing replies for ${seconds}s"
"$build/tests/fuzz/reply_fuzzer" -max_len=16384 -timeout=10 -artifact_prefix="$artifacts/reply-" \
  -dict="$root/tests/fuzz/reply.dict" -max_total_time="$seconds" -print_final_stats=1 "$reply_corpus"

feed_corpus=$build/feed_corpus
mkdir -p "$feed_corpus"
cp "$root"/tests/ical/feeds/*.ics "$root"/tests/fuzz/feed_corpus/*.ics "$feed_corpus"/
echo "== fuzzing busy feeds for ${seconds}s"
"$build/tests/fuzz/feed_fuzzer" -max_len=8192 -timeout=10 -artifact_prefix="$artifacts/feed-" \
  -dict="$root/tests/fuzz/ical.dict" -max_total_time="$seconds" -print_final_stats=1 "$feed_corpus"
