#!/usr/bin/env bash
# The whole-process benchmark: mentorcal run as users run it, on generated programmes.
#   scripts/bench-process.sh [BINARY] [SIZES...]     (default build-release/bin/mentorcal, 1000 10000)
# Environment: FIGURES (default "check plan first unchanged"; without first, an existing state is
# reused), IDLE (default 1: also the idle service's memory between ticks, once per size; 0: not), REPEAT (default 3; the table shows medians), CPU (pin to this core with taskset,
# default 1; empty for no pinning), WORK (where programmes are generated, default /tmp/mentorcal-bench).
# For each size it generates a programme (scripts/generate-programme.py), then times with
# /usr/bin/time -v: check-config, plan --json, the first run --once (fresh state, directory
# transport) and an unchanged run --once (same --now, same file, same feeds), and prints wall time
# and peak RSS with the growth ratio from the previous size.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bin=$(realpath "${1:-$here/build-release/bin/mentorcal}")
shift || true
sizes=("${@:-1000 10000}")
[ $# -eq 0 ] && sizes=(1000 10000)
repeat=${REPEAT:-3}
cpu=${CPU-1}
work=${WORK:-/tmp/mentorcal-bench}
now=2027-03-01T09:00:00Z
pin=()
[ -n "$cpu" ] && pin=(taskset -c "$cpu")
mkdir -p "$work"

# measure NAME DIR CMD...: append "wall rss_kb" of one run to $work/NAME.
measure() {
  local name=$1 dir=$2; shift 2
  local log; log=$(mktemp)
  if ! "${pin[@]}" /usr/bin/time -v "$@" >/dev/null 2>"$log"; then
    echo "failed: $* (see $log)" >&2; tail -5 "$log" >&2; exit 1
  fi
  awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i] }
              /Maximum resident set size/ { r = $2 } END { print s, r }' "$log" >>"$dir/$name"
  rm -f "$log"
}

# idle_kb DIR: the resident memory (kB) of the service between ticks: `mentorcal daemon` on DIR's
# programme (with the real clock; a notify socket stands in for systemd), read a second after its
# first tick reported STATUS=, then stopped.
idle_kb() {
  local dir=$1 sock=$1/notify.sock log=$1/notify.log pid listener kb
  rm -f "$sock" "$log"
  /usr/bin/python3 "$here/tests/integration/notify_listener.py" "$sock" "$log" >/dev/null 2>&1 &
  listener=$!
  for _ in $(seq 50); do [ -S "$sock" ] && break; sleep 0.1; done
  (cd "$dir" && NOTIFY_SOCKET=$sock exec "$bin" daemon --config programme.toml) >"$dir/daemon.log" 2>&1 &
  pid=$!
  for ((t = 0; t < 36000; t++)); do
    grep -q '^STATUS=.*outbox:' "$log" 2>/dev/null && break
    kill -0 "$pid" 2>/dev/null || { echo "the daemon stopped: $(tail -1 "$dir/daemon.log")" >&2; break; }
    sleep 0.1
  done
  sleep 1
  kb=$(awk '/^VmRSS/ { print $2 }' "/proc/$pid/status")
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  kill "$listener" 2>/dev/null; wait "$listener" 2>/dev/null
  echo "${kb:-0}"
}

trap 'rm -rf "$work"/.aside.*' EXIT

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

read -r -a figures <<<"${FIGURES:-check plan first unchanged}"
declare -A wall rss idle
for n in "${sizes[@]}"; do
  dir=$work/$n
  [ -f "$dir/programme.toml" ] || /usr/bin/python3 "$here/scripts/generate-programme.py" "$n" "$dir" >&2
  cfg=$dir/programme.toml
  rm -f "$dir"/{check,plan,first,unchanged}
  for ((i = 0; i < repeat; i++)); do
    echo "$n pairs, run $((i + 1))/$repeat" >&2
    measure check "$dir" "$bin" check-config --config "$cfg"
    measure plan "$dir" "$bin" plan --json --config "$cfg" --now "$now"
    if [[ " ${figures[*]} " == *" first "* || ! -f "$dir/state.sqlite3" ]]; then
      # Set aside, deleted only after every measurement: ext4 skips inodes freed in the last
      # minutes when it allocates new ones, so creating 57,000 files right after deleting 57,000
      # cost the 10k first run ~0.6 ms a file (perf: recently_deleted, find_inode_bit), which
      # no user's first run meets.
      aside=$(mktemp -d "$work/.aside.XXXXXX")
      mv "$dir/outbox" "$aside/" 2>/dev/null || true
      rm -f "$dir/state.sqlite3"*
      measure first "$dir" "$bin" run --once --config "$cfg" --now "$now"
    fi
    measure unchanged "$dir" "$bin" run --once --config "$cfg" --now "$now"
  done
  [ "${IDLE:-1}" = 1 ] && idle[$n]=$(idle_kb "$dir")
  for f in "${figures[@]}"; do
    wall[$n,$f]=$(cut -d' ' -f1 "$dir/$f" | median)
    rss[$n,$f]=$(cut -d' ' -f2 "$dir/$f" | median)
  done
done

echo
echo "mentorcal whole-process benchmark: $(basename "$bin"), --now $now, median of $repeat${cpu:+, pinned to CPU $cpu}"
printf '| %-8s |' pairs
for f in "${figures[@]}"; do printf ' %-22s |' "$f s (x) / MB (x)"; done
echo
printf '|%s|' ----------
for f in "${figures[@]}"; do printf '%s|' ------------------------; done
echo
prev=
for n in "${sizes[@]}"; do
  printf '| %-8s |' "$n"
  for f in "${figures[@]}"; do
    w=${wall[$n,$f]} r=${rss[$n,$f]}
    if [ -n "$prev" ]; then
      gw=$(awk -v a="$w" -v b="${wall[$prev,$f]}" 'BEGIN { printf "x%.1f", (b > 0 ? a / b : 0) }')
      gr=$(awk -v a="$r" -v b="${rss[$prev,$f]}" 'BEGIN { printf "x%.1f", (b > 0 ? a / b : 0) }')
    else
      gw=- gr=-
    fi
    printf ' %-22s |' "$(awk -v w="$w" -v r="$r" -v gw="$gw" -v gr="$gr" 'BEGIN { printf "%.2f (%s) / %.0f (%s)", w, gw, r / 1024, gr }')"
  done
  echo
  prev=$n
done
if [ "${IDLE:-1}" = 1 ]; then
  printf 'idle service between ticks (VmRSS of mentorcal-service after its first tick; goal 15 MB):'
  for n in "${sizes[@]}"; do printf ' %s pairs %.1f MB;' "$n" "$(awk -v k="${idle[$n]}" 'BEGIN { print k / 1024 }')"; done
  echo
fi
