#!/usr/bin/env bash
# On a real PostgreSQL (run under tests/support/with_postgres.sh):
# - `state copy` moves the demo's state SQLite -> PostgreSQL -> SQLite: the same row counts and
#   checksums each way, the same `status --json` and `plan --json` on all three; a target that
#   holds a state is refused without --replace (nothing written), a missing source is a clear
#   error, --replace replaces;
# - two daemons on the PostgreSQL state: one leads, the other stands by; `status` (text and
#   --json) and each daemon's STATUS= name the leader (host and pid) and since when; when the
#   leader stops, the standby leads within one lease poll and says so; when a leader's service
#   alone is SIGKILLed, its lease goes with it and a standby leads.
# Usage: with_postgres.sh leader_and_copy_test.sh MENTORCAL SOURCE_DIR
set -u
bin=$(realpath "$1") src=$(realpath "$2")
. "$src/tests/integration/lib.sh"
now=2026-11-22T09:00:00Z
later=2026-12-01T09:00:00Z
: "${MENTORCAL_TEST_POSTGRES_URL:?run under tests/support/with_postgres.sh}"
url=$MENTORCAL_TEST_POSTGRES_URL pw=$MENTORCAL_TEST_POSTGRES_PASSWORD_FILE
admin() { (cd / && $MENTORCAL_TEST_POSTGRES_ADMIN -At -c "$1"); }
empty_database() { admin "SET client_min_messages = warning; DROP SCHEMA public CASCADE; CREATE SCHEMA public AUTHORIZATION mentorcal"; }
with_state() { sed -e "s|^state = .*|state = \"$1\"${2:+\nstate_password_file = \"$2\"}|" "$src/packaging/examples/demo.toml"; }
sums() { grep -E '^[a-z_]+ +[0-9]+ rows' "$1" | sed 's/  */ /g'; }

cd "$tmp" || exit 1
empty_database
with_state state.sqlite3 >sqlite.toml
with_state "$url" "$pw" >pg.toml
with_state back.sqlite3 >back.toml
# A state with history: invites sent, a pair ended, its cancellations, a review.
"$bin" run --once --config sqlite.toml --now "$now" >run1.txt 2>&1 || fail "run: $(cat run1.txt)"
"$bin" pair end maria-diego --reason goals-met --config sqlite.toml --now "$later" >end.txt 2>&1 || fail "pair end: $(cat end.txt)"
"$bin" run --once --config sqlite.toml --now "$later" >run2.txt 2>&1 || fail "run 2: $(cat run2.txt)"

"$bin" state copy missing.sqlite3 "$url" --password-file "$pw" >missing.txt 2>&1
rc=$?
[ "$rc" = 1 ] && grep -q "missing.sqlite3 holds no mentorcal state" missing.txt && [ "$(admin "SELECT to_regclass('meetings') IS NULL")" = t ] ||
  fail "a missing source: exit $rc $(cat missing.txt)"

"$bin" state copy state.sqlite3 "$url" --password-file "$pw" >to-pg.txt 2>&1 || fail "copy to PostgreSQL: exit $? $(cat to-pg.txt)"
grep -q "counts and checksums match" to-pg.txt || fail "copy to PostgreSQL: $(cat to-pg.txt)"
[ "$(sums to-pg.txt | wc -l)" = 12 ] || fail "not every table summed (partners' links, away dates, windows and requests, the messages' bytes too): $(cat to-pg.txt)"
[ "$(admin "SELECT count(*) FROM outbox")" = "$(cd "$tmp" && sql "SELECT count(*) FROM outbox")" ] || fail "outbox rows in PostgreSQL"
"$bin" state copy "$url" back.sqlite3 --password-file "$pw" >to-sqlite.txt 2>&1 || fail "copy back: exit $? $(cat to-sqlite.txt)"
diff <(sums to-pg.txt) <(sums to-sqlite.txt) >/dev/null || fail "the sums differ each way: $(diff <(sums to-pg.txt) <(sums to-sqlite.txt))"
for c in sqlite pg back; do
  "$bin" status --json --config $c.toml --now "$later" 2>/dev/null | /usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); d.pop("leader", None); print(json.dumps(d))' >status-$c.json
  "$bin" plan --json --config $c.toml --now "$later" >plan-$c.json 2>/dev/null || fail "plan on $c"
done
[ -s status-sqlite.json ] && cmp -s status-sqlite.json status-pg.json && cmp -s status-sqlite.json status-back.json ||
  fail "status --json differs after the copies"
[ -s plan-sqlite.json ] && cmp -s plan-sqlite.json plan-pg.json && cmp -s plan-sqlite.json plan-back.json ||
  fail "plan --json differs after the copies: $(diff plan-sqlite.json plan-pg.json | head -5)"
# New rows go on after the copied ones in PostgreSQL (its identity sequences moved past them).
"$bin" pair review amara-li --config pg.toml --now "$later" >review.txt 2>&1 || fail "a write after the copy: $(cat review.txt)"

# A target that holds a state: refused, untouched; --replace replaces it.
before=$(admin "SELECT count(*) FROM audit")
"$bin" state copy back.sqlite3 "$url" --password-file "$pw" >refused.txt 2>&1
rc=$?
[ "$rc" = 3 ] && grep -q "already holds a state.*--replace" refused.txt && [ "$(admin "SELECT count(*) FROM audit")" = "$before" ] ||
  fail "a non-empty target: exit $rc $(cat refused.txt)"
"$bin" state copy back.sqlite3 "$url" --replace --password-file "$pw" >replaced.txt 2>&1 &&
  [ "$(admin "SELECT count(*) FROM audit")" = "$(sums to-pg.txt | sed -n 's/^audit \([0-9]*\) rows.*/\1/p')" ] ||
  fail "--replace: $(cat replaced.txt)"

# Two daemons on the PostgreSQL state, each with its own notify socket.
start_daemon() {  # NAME: in $tmp/NAME, its STATUS= lines in $tmp/NAME/notify.log
  mkdir -p "$tmp/$1" && cp pg.toml "$tmp/$1/demo.toml"
  /usr/bin/python3 "$src/tests/integration/notify_listener.py" "$tmp/$1/notify.sock" "$tmp/$1/notify.log" >"$tmp/$1/listener.out" &
  pids+=($!)
  for _ in $(seq 50); do grep -q READY "$tmp/$1/listener.out" && break; sleep 0.1; done
  (cd "$tmp/$1" && NOTIFY_SOCKET="$tmp/$1/notify.sock" exec "$bin" daemon --config demo.toml --now "$later") >"$tmp/$1/daemon.log" 2>&1 &
  pids+=($!)
  eval "${1}_pid=$!"
}
wait_line() {  # FILE PATTERN
  for _ in $(seq 100); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
  return 1
}
start_daemon one
wait_line one/notify.log "^STATUS=leader: .* (pid $one_pid) since 20" || fail "the first daemon does not lead: $(cat one/notify.log one/daemon.log)"
start_daemon two
wait_line two/notify.log "^STATUS=standby: .* (pid $one_pid) leads since 20" || fail "the second daemon does not stand by: $(cat two/notify.log two/daemon.log)"
grep -q '^READY=1' two/notify.log || fail "a standby is not READY"
"$bin" status --config pg.toml --now "$later" >status.txt 2>&1
grep -q "^Leader: .* (pid $one_pid) since 20" status.txt || fail "status does not name the leader: $(cat status.txt)"
"$bin" status --json --config pg.toml --now "$later" 2>/dev/null | /usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin)["leader"]; assert d["who"].endswith("(pid '"$one_pid"')") and d["since"].startswith("20"), d' ||
  fail "status --json does not name the leader"
grep -q "tick-started" <(admin "SELECT kind FROM audit WHERE subject LIKE '%(pid $one_pid)'") || fail "the leader did not tick"
[ -z "$(admin "SELECT 1 FROM audit WHERE kind = 'tick-started' AND subject LIKE '%(pid $two_pid)'")" ] || fail "the standby ticked"
# The leader stops: the standby leads within a lease poll (1 s) and ticks.
kill -TERM "$one_pid"
wait "$one_pid" || fail "the leader's exit: $? $(tail -3 one/daemon.log)"
wait_line two/notify.log "^STATUS=leader: .* (pid $two_pid) since 20" || fail "the standby did not take over: $(cat two/notify.log)"
for _ in $(seq 100); do [ -n "$(admin "SELECT 1 FROM audit WHERE kind = 'tick-ended' AND subject LIKE '%(pid $two_pid)'")" ] && break; sleep 0.1; done
[ -n "$(admin "SELECT 1 FROM audit WHERE kind = 'tick-ended' AND subject LIKE '%(pid $two_pid)'")" ] || fail "the new leader did not tick"
"$bin" status --config pg.toml --now "$later" 2>&1 | grep -q "^Leader: .* (pid $two_pid) since" || fail "status after the takeover"
# SIGKILL to the leader's service alone (not its children): its lease child goes with it
# (PR_SET_PDEATHSIG), so a third daemon takes over.
start_daemon three
wait_line three/notify.log "^STATUS=standby: .* (pid $two_pid) leads since 20" || fail "the third daemon does not stand by: $(cat three/notify.log)"
kill -KILL "$two_pid"
wait "$two_pid"
wait_line three/notify.log "^STATUS=leader: .* (pid $three_pid) since 20" ||
  fail "the killed leader's lease outlived it: $(cat three/notify.log; pgrep -af service-lease)"
kill -TERM "$three_pid"
wait "$three_pid" || fail "the third daemon's exit"
"$bin" status --config pg.toml --now "$later" 2>&1 | grep -q "^Leader: none" || fail "status with no daemon"
# SQLite: no lease, no leader line.
"$bin" status --config sqlite.toml --now "$later" 2>&1 | grep -q "^Leader" && fail "status names a leader for SQLite"
finish "leader and state copy"
