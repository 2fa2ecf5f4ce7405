#!/usr/bin/env bash
# The partners' meetings page under load (issue 15), a measurement, not a test: Debian's wrk with
# 200 connections for 20 s against one partner's page on loopback; prints wrk's latency
# distribution (p99) and the idle web process's VmRSS (before and after the load).
# Goals: p99 <= 20 ms, idle RSS <= 20 MB. Build Release for the figures:
#   cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release && ninja -C build-release mentorcal
#   scripts/bench-web.sh build-release/bin/mentorcal
# Note: the web process rate-limits each link and each address; for the benchmark it runs with
# MENTORCAL_WEB_BENCH=1, which lifts the limits (the variable is read by `mentorcal web` only, and
# logged when set).
set -euo pipefail
bin=$(realpath "${1:?usage: $0 MENTORCAL [SECONDS]}")
seconds=${2:-20}
src=$(cd "$(dirname "$0")/.." && pwd)
command -v wrk >/dev/null || { echo "wrk is not installed (Debian package wrk)"; exit 1; }
tmp=$(mktemp -d)
web=""
trap '[ -n "$web" ] && kill "$web" 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"' EXIT
cd "$tmp"
port=$(/usr/bin/python3 "$src/tests/integration/web_link.py" free-port)
sed -e 's/^state = .*/state = "state.sqlite3"/' "$src/packaging/examples/demo.toml" |
  sed -e "/^\[mail\]/i [web]\nbase_url = \"http://127.0.0.1:$port\"\nlisten = \"127.0.0.1:$port\"\n" >demo.toml
"$bin" run --once --config demo.toml --now 2026-11-22T09:00:00Z >/dev/null 2>&1
url=$(/usr/bin/python3 "$src/tests/integration/web_link.py" link outbox amara@example.org)
# The environment mentorcal-web.service gives it.
GNUTLS_NO_IMPLICIT_INIT=${GNUTLS_NO_IMPLICIT_INIT-1} MENTORCAL_WEB_BENCH=1 "$bin" web --config demo.toml --now 2026-11-22T09:30:00Z >web.log 2>&1 &
web=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
curl -sf -o /dev/null "$url" || { echo "the page does not answer: $(cat web.log)"; exit 1; }
rss() {
  echo "$(awk '/^VmRSS/ {print $2 " kB"}' "/proc/$web/status") (PSS $(awk '/^Pss:/ {print $2 " kB"}' \
    "/proc/$web/smaps_rollup"), anonymous $(awk '/^Anonymous:/ {print $2 " kB"}' "/proc/$web/smaps_rollup"))"
}
echo "idle VmRSS (after one request): $(rss)"
cpu() {  # the web process's user+system CPU time so far, in clock ticks
  awk '{print $14 + $15}' "/proc/$web/stat"
}
for c in ${CONNECTIONS:-200 50 10}; do
  echo "== $c connections; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  before=$(cpu)
  wrk -t2 -c"$c" -d"${seconds}s" --latency "$url" | tee wrk.out
  requests=$(awk '/requests in/ {print $1}' wrk.out)
  ticks=$(($(cpu) - before))
  echo "web process CPU: $(awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" -v n="$requests" \
    'BEGIN {printf "%.2f s user+sys, %.1f us a request", t / hz, 1e6 * t / hz / n}')"
done
sleep 2
echo "idle VmRSS (after the load): $(rss)"
echo "VmHWM (peak): $(awk '/^VmHWM/ {print $2 " kB"}' "/proc/$web/status")"
