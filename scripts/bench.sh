#!/usr/bin/env bash
# Re-measure everything that has a speed target, in a Release build (build-release/), pinned to
# one core where the target is per core:
#   plan_bench   10k pairs <= 100 ms, 100k pairs <= 1 s, peak RSS <= 200 MB for the 100k run
#   mail_bench   invites rendered per second; SMTP messages per second over one connection to
#                Postfix's smtp-sink, beside smtp-source sending the same count and size to it
#   feed_bench   reading a 10k-event busy feed over 8 weeks, beside ical.js expanding the same file
# Usage: scripts/bench.sh [plan|mail|feed] [benchmark arguments...]
set -euo pipefail
cd "$(dirname "$0")/.."
which=${1:-all}
[ $# -gt 0 ] && shift
cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release -DMENTORCAL_TESTS=ON \
  -DMENTORCAL_BENCHMARKS=ON >/dev/null
cmake --build build-release -j2 --target plan_bench mail_bench feed_bench

if [ "$which" = all ] || [ "$which" = plan ]; then
  taskset -c 1 build-release/tests/plan_bench "$@"
fi

if [ "$which" = all ] || [ "$which" = mail ]; then
  count=5000 size=4096
  tmp=$(mktemp -d) && chown nobody "$tmp"
  port=$((20000 + RANDOM % 20000))
  /usr/sbin/smtp-sink -u nobody "127.0.0.1:$port" 1000 & sink=$!
  trap 'kill $sink 2>/dev/null; rm -rf "$tmp"' EXIT
  sleep 0.3
  start=$(date +%s%N)
  /usr/sbin/smtp-source -d -s 1 -m "$count" -l "$size" -f mentoring@example.org -t sink@example.org "127.0.0.1:$port"
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  source_rate=$(( count * 1000 / (ms > 0 ? ms : 1) ))
  echo "smtp-source: $count messages of $size bytes over one connection in $ms ms: $source_rate messages/s"
  # Not pinned: the sink needs a core too, as it has when smtp-source runs.
  MENTORCAL_SMTP_SINK="smtp://127.0.0.1:$port" build-release/tests/mail_bench "$@" \
    --benchmark_counters_tabular=true | tee "$tmp/mail.txt"
  ours=$(awk '/^smtp_one_connection/ { for (i = 1; i <= NF; i++) if ($i ~ /\/s$/) { v = $(i); sub("/s", "", v); print v } }' "$tmp/mail.txt")
  echo "mentorcal over one connection: $ours messages/s; smtp-source: $source_rate messages/s"
fi

if [ "$which" = all ] || [ "$which" = feed ]; then
  tests/interop/install.sh
  taskset -c 1 build-release/tests/feed_bench "$@"
  (cd tests/interop && taskset -c 1 node ../bench/feed_icaljs.mjs)
fi
