#!/usr/bin/env bash
# Fuzz every parser of outside input with libFuzzer (needs clang and libclang-rt-14-dev): the
# programme-file loader, the reader of iMIP replies and the busy-feed reader, SECONDS each.
# Usage: scripts/fuzz.sh [SECONDS]   (default 60; a long run on demand: scripts/fuzz.sh 1800)
# Every target runs with inputs up to 1 MiB and its dictionary; an input slower than 10 s or a
# run over 2 GiB resident (ASan's shadow memory included) counts as a failure, like a crash.
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
cmake --build "$build" --target config_fuzzer reply_fuzzer feed_fuzzer web_request_fuzzer -- -j2

mkdir -p "$corpus" "$artifacts"
cp "$root"/packaging/examples/*.toml "$corpus"/
shopt -s nullglob
regression_files=("$regressions"/*)
((${#regression_files[@]} == 0)) || cp "${regression_files[@]}" "$corpus"/

# Stop at the first UBSan report too, with a stack; ASan leaks count as crashes.
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
fuzzer=$build/tests/fuzz/config_fuzzer
# Shared by every target: big inputs (the attacks of issue 12 are ~1 MiB), and slow or fat inputs
# are failures.
limits=(-max_len=1048576 -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=2048)
flags=("${limits[@]}" -artifact_prefix="$artifacts/")

if ((${#regression_files[@]} > 0)); then
  echo "== replaying ${#regression_files[@]} regression inputs"
  "$fuzzer" "${flags[@]}" "${regression_files[@]}"
fi

echo "== fuzzing for ${seconds}s"
"$fuzzer" "${flags[@]}" -dict="$root/tests/fuzz/toml.dict" -max_total_time="$seconds" \
  -print_final_stats=1 "$corpus"

reply_corpus=$build/reply_corpus feed_corpus=$build/feed_corpus
mkdir -p "$reply_corpus" "$feed_corpus"
cp "$root"/tests/fuzz/reply_corpus/*.eml "$reply_corpus"/
# Big seeds, generated (never committed): the shapes of issue 12's attacks, near 1 MiB, for the
# mutations to start from.
/usr/bin/python3 - "$feed_corpus" "$reply_corpus" <<'PY'
import pathlib, sys
feeds, replies = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
event = lambda inside: ("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20260302T100000Z\r\n"
                        + inside + "END:VEVENT\r\nEND:VCALENDAR\r\n")
seeds = {"big-nesting": "BEGIN:VCALENDAR\r\n" + "BEGIN:VEVENT\r\n" * 40_000 + "END:VEVENT\r\n" * 40_000,
         "big-bad-dates": event("DTEND:x\r\n" * 110_000),
         "big-bad-triggers": event("TRIGGER:x\r\n" * 90_000),
         "big-rrules": event("RRULE:FREQ=DAILY;COUNT=3\r\n" * 35_000),
         "big-events": "BEGIN:VCALENDAR\r\n" + "BEGIN:VEVENT\r\nUID:a\r\nDTSTART:20260302T100000Z\r\nEND:VEVENT\r\n" * 16_000 + "END:VCALENDAR\r\n"}
for name, text in seeds.items():
    (feeds / f"{name}.ics").write_bytes(text.encode()[:1 << 20])
part = ("--b\r\nContent-Type: text/calendar; method=REPLY\r\n\r\nBEGIN:VCALENDAR\r\nMETHOD:REPLY\r\n"
        "BEGIN:VEVENT\r\nUID:u\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:a@example.org\r\n" + "DTEND:x\r\n" * 4_000
        + "END:VEVENT\r\nEND:VCALENDAR\r\n")
mail = ("From: a@example.org\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
        + part * 25 + "--b--\r\n")
(replies / "big-many-parts.eml").write_bytes(mail.encode()[:1 << 20])
PY
echo "== fuzzing replies for ${seconds}s"
"$build/tests/fuzz/reply_fuzzer" "${limits[@]}" -artifact_prefix="$artifacts/reply-" \
  -dict="$root/tests/fuzz/reply.dict" -max_total_time="$seconds" -print_final_stats=1 "$reply_corpus"

cp "$root"/tests/ical/feeds/*.ics "$root"/tests/fuzz/feed_corpus/*.ics "$feed_corpus"/
echo "== fuzzing busy feeds for ${seconds}s"
"$build/tests/fuzz/feed_fuzzer" "${limits[@]}" -artifact_prefix="$artifacts/feed-" \
  -dict="$root/tests/fuzz/ical.dict" -max_total_time="$seconds" -print_final_stats=1 "$feed_corpus"

web_corpus=$build/web_corpus
mkdir -p "$web_corpus"
cp "$root"/tests/fuzz/web_corpus/* "$web_corpus"/
echo "== fuzzing web requests and forms for ${seconds}s"
"$build/tests/fuzz/web_request_fuzzer" "${limits[@]}" -artifact_prefix="$artifacts/web-" \
  -max_total_time="$seconds" -print_final_stats=1 "$web_corpus"
