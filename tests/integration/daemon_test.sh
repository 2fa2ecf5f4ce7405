#!/usr/bin/env bash
# The real binary as a service: `mentorcal daemon` with a notify socket standing in for systemd.
# It says READY=1 after the first config load, pings the watchdog, reports STATUS=, sends the
# demo's invites, reloads on SIGHUP (a good file is taken, a bad one is logged with its
# FILE:LINE:COLUMN and the old one stays), and exits 0 soon after SIGTERM. Reports idle memory.
# The programme file is over 1 MiB.
# Usage: daemon_test.sh MENTORCAL SOURCE_DIR
set -u
bin=$(realpath "$1") src=$(realpath "$2")
. "$src/tests/integration/lib.sh"

# The demo after 1.1 MiB of comments: the service's snapshot of the file for each tick must hold
# all of it (it stopped at 1 MiB while the loader took up to 64 MiB).
for i in $(seq 12000); do printf '# %096d\n' "$i"; done >"$tmp/demo.toml"
cat "$src/packaging/examples/demo.toml" >>"$tmp/demo.toml"
/usr/bin/python3 "$src/tests/integration/notify_listener.py" "$tmp/notify.sock" "$tmp/notify.log" >"$tmp/listener.out" &
pids+=($!)
for _ in $(seq 50); do grep -q READY "$tmp/listener.out" 2>/dev/null && break; sleep 0.1; done

wait_for() {  # wait_for FILE PATTERN [TENTHS]: true once PATTERN appears in FILE
  for _ in $(seq "${3:-100}"); do grep -qE "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
  return 1
}

(cd "$tmp" && NOTIFY_SOCKET="$tmp/notify.sock" WATCHDOG_USEC=1000000 exec "$bin" daemon --config demo.toml) \
  >"$tmp/daemon.log" 2>&1 &
daemon=$!
pids+=($daemon)

wait_for "$tmp/notify.log" '^READY=1$' || fail "no READY=1: $(cat "$tmp/daemon.log")"
wait_for "$tmp/notify.log" '^STATUS=5 pairs, [0-9]+ meetings booked, outbox: 0 pending$' \
  || fail "no STATUS after the first tick: $(cat "$tmp/notify.log")"
sent=$(ls "$tmp/outbox" 2>/dev/null | grep -c '\.eml$')
[ "$sent" -ge 20 ] || fail "the first tick wrote $sent messages"
wait_for "$tmp/notify.log" '^WATCHDOG=1$' 30 || fail "no WATCHDOG=1 within 3 s (WatchdogSec=1)"
sleep 1.2
[ "$(grep -c '^WATCHDOG=1$' "$tmp/notify.log")" -ge 2 ] || fail "the watchdog is not pinged at half its interval"

# Idle: the service process waits between ticks, which run as child processes; resident and
# proportional set size once the first tick is done. The goal is 15 MB resident.
[ "$(basename "$(readlink "/proc/$daemon/exe")")" = mentorcal-service ] \
  || fail "the idle daemon is $(readlink "/proc/$daemon/exe"), not mentorcal-service"
tick_in "$tmp" && fail "a tick process outlived its tick"
rss=$(awk '/^VmRSS/ {print $2}' "/proc/$daemon/status")
pss=$(awk '/^Pss:/ {print $2}' "/proc/$daemon/smaps_rollup")
echo "idle daemon: VmRSS ${rss} kB, PSS ${pss} kB"
if grep -q __asan_init "$(readlink "/proc/$daemon/exe")"; then
  # AddressSanitizer's shadow memory says nothing about ours: scripts/test.sh runs this test once
  # more on a Release build, where the limit is checked.
  echo "idle memory limit not checked: built with AddressSanitizer"
else
  [ "$rss" -le 15360 ] || fail "the idle daemon holds ${rss} kB, over 15 MB"
fi

# A good reload: a new pair gets its invites.
cat >>"$tmp/demo.toml" <<'TOML'

[[person]]
id = "ella"
name = "Ella Brown"
email = "ella@example.org"
available = ["Tue 07:00-09:00", "Thu 07:30-09:00"]

[[pair]]
mentor = "tom"
mentee = "ella"
started = 2026-11-01
TOML
kill -HUP "$daemon"
wait_for "$tmp/daemon.log" 'configuration reloaded: 6 pairs' || fail "good reload not taken: $(cat "$tmp/daemon.log")"
wait_for "$tmp/notify.log" '^RELOADING=1$' || fail "no RELOADING=1"
wait_for "$tmp/notify.log" '^STATUS=6 pairs' || fail "no STATUS after the reload"
ls "$tmp/outbox" | grep -q '^tom-ella-' || fail "the new pair got no invite after the reload"

# A bad reload: logged with its position, the old config stays, the daemon lives on.
printf 'cadence = "sometimes"\n' >>"$tmp/demo.toml"
kill -HUP "$daemon"
wait_for "$tmp/daemon.log" 'the previous one stays in force' || fail "bad reload not reported"
grep -qE 'demo.toml:[0-9]+:[0-9]+: error: pair.cadence' "$tmp/daemon.log" || fail "bad reload without FILE:LINE:COLUMN"
kill -0 "$daemon" 2>/dev/null || fail "the daemon died on a bad reload"
[ "$(grep -c '^READY=1$' "$tmp/notify.log")" -ge 3 ] || fail "READY=1 not sent again after each reload"

# A second SIGHUP while the first reload's tick runs, the file fixed: two reloads, one after the
# other, both taken. (Two SIGHUPs sent at once may reach the process as one: signals coalesce.)
sed -i '$d' "$tmp/demo.toml"
reloads=$(grep -c 'reloading demo.toml' "$tmp/daemon.log")
kill -HUP "$daemon"
for _ in $(seq 500); do [ "$(grep -c 'reloading demo.toml' "$tmp/daemon.log")" -gt "$reloads" ] && break; sleep 0.01; done
kill -HUP "$daemon"
for _ in $(seq 100); do [ "$(grep -c 'configuration reloaded: 6 pairs' "$tmp/daemon.log")" -ge 3 ] && break; sleep 0.1; done
[ "$(grep -c 'configuration reloaded: 6 pairs' "$tmp/daemon.log")" -ge 3 ] || fail "two quick reloads: $(tail -5 "$tmp/daemon.log")"
kill -0 "$daemon" 2>/dev/null || fail "the daemon died on two quick reloads"

start=$(date +%s%N)
kill -TERM "$daemon"
wait "$daemon"; code=$?
took=$(( ($(date +%s%N) - start) / 1000000 ))
[ "$code" = 0 ] || fail "exit $code after SIGTERM"
[ "$took" -lt 5000 ] || fail "took ${took} ms to stop"
grep -q '^STOPPING=1$' "$tmp/notify.log" || fail "no STOPPING=1"
echo "stopped ${took} ms after SIGTERM"
tick_in "$tmp" && fail "a tick process outlived the daemon"

# SIGTERM while a tick hangs on a busy-calendar server that never answers: the tick is stopped
# (killed after the 5 s grace) and the daemon still exits 0, leaving no tick behind.
silent_port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
/usr/bin/python3 -c 'import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(8); time.sleep(120)' "$silent_port" &
pids+=($!)
mkdir "$tmp/hung"
sed "s|^email = \"amara@example.org\"|&\nbusy_calendar = \"http://127.0.0.1:$silent_port/amara.ics\"|" \
  "$src/packaging/examples/demo.toml" >"$tmp/hung/demo.toml"
grep -q "busy_calendar = \"http://127.0.0.1:$silent_port" "$tmp/hung/demo.toml" || fail "no silent feed in the config"
(cd "$tmp/hung" && exec "$bin" daemon --config demo.toml) >"$tmp/hung/daemon.log" 2>&1 &
hung=$!
pids+=($hung)
wait_for "$tmp/hung/daemon.log" 'mentorcal daemon started' || fail "the second daemon did not start"
sleep 0.5
tick_in "$tmp/hung" || fail "no tick in flight on the silent feed"
start=$(date +%s%N)
kill -TERM "$hung"
wait "$hung"; code=$?
took=$(( ($(date +%s%N) - start) / 1000000 ))
[ "$code" = 0 ] || fail "exit $code after SIGTERM with a tick in flight"
[ "$took" -lt 8000 ] || fail "took ${took} ms to stop with a tick in flight"
grep -q 'the tick did not stop within 5 s' "$tmp/hung/daemon.log" || fail "the stuck tick was not reported: $(cat "$tmp/hung/daemon.log")"
tick_in "$tmp/hung" && fail "a tick process outlived the daemon"
echo "stopped ${took} ms after SIGTERM with a tick stuck on a silent server"

# Without systemd: no NOTIFY_SOCKET, same behaviour; a bad config at start exits 1.
printf '[programme]\nname = "x"\n' >"$tmp/bad.toml"
"$bin" daemon --config "$tmp/bad.toml" >"$tmp/bad.log" 2>&1; code=$?
[ "$code" = 1 ] || fail "bad config at start: exit $code, want 1"

finish "daemon"
