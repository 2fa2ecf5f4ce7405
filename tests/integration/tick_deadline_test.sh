#!/usr/bin/env bash
# A tick past its deadline (issue 12, defect 4): `mentorcal daemon --tick-deadline 2` with an SMTP
# server that accepts and never answers (the tick would wait 30 s). The service kills the tick at
# 2 s, says why in the log and in STATUS=, and keeps running; before, nothing watched a tick.
# Usage: tick_deadline_test.sh MENTORCAL SOURCE_DIR
set -u
bin=$(realpath "$1") src=$(realpath "$2")
. "$src/tests/integration/lib.sh"

/usr/bin/python3 -c '
import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(8)
print(s.getsockname()[1], flush=True)
held = []
while True:
    held.append(s.accept()[0])  # accept, never answer
' >"$tmp/silent.port" &
pids+=($!)
for _ in $(seq 50); do [ -s "$tmp/silent.port" ] && break; sleep 0.1; done
port=$(cat "$tmp/silent.port")
{
  sed -e '/^\[mail\]/,$d' "$src/packaging/examples/demo.toml"
  cat <<TOML
[mail]
transport = "smtp"
[smtp]
url = "smtp://127.0.0.1:$port"
starttls = "off"
timeout_seconds = 30
TOML
  sed -n '/^\[\[person\]\]/,$p' "$src/packaging/examples/demo.toml"
} >"$tmp/demo.toml"
"$bin" check-config "$tmp/demo.toml" >"$tmp/check" 2>&1 || fail "config: $(cat "$tmp/check")"

/usr/bin/python3 "$src/tests/integration/notify_listener.py" "$tmp/notify.sock" "$tmp/notify.log" >"$tmp/listener.out" &
pids+=($!)
for _ in $(seq 50); do grep -q READY "$tmp/listener.out" 2>/dev/null && break; sleep 0.1; done
(cd "$tmp" && NOTIFY_SOCKET="$tmp/notify.sock" exec "$bin" daemon --config demo.toml --tick-deadline 2) \
  >"$tmp/daemon.log" 2>&1 &
daemon=$!
pids+=($daemon)
for _ in $(seq 100); do grep -q "past its deadline" "$tmp/daemon.log" && break; sleep 0.1; done
grep -q "a tick ran past its deadline of 2 s" "$tmp/daemon.log" || fail "no deadline kill: $(cat "$tmp/daemon.log")"
grep -q "^STATUS=the last tick ran past its deadline" "$tmp/notify.log" || fail "no STATUS: $(cat "$tmp/notify.log")"
sleep 0.5
tick_in "$tmp" && fail "the tick outlived its deadline"
kill -0 "$daemon" 2>/dev/null || fail "the service stopped: $(cat "$tmp/daemon.log")"
kill -TERM "$daemon"
finish "tick deadline"
