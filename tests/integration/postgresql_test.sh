#!/usr/bin/env bash
# The real binary with its state in PostgreSQL 15 (TLS verified, a password from a file), started
# by tests/support/with_postgres.sh: `run --once` on the demo sends what it sends with SQLite, a
# second run sends nothing, `status --json` agrees with SQLite's; `pair end` and `report` work on
# it; `backup` points to pg_dump; a wrong password is a clear error; the daemon ticks on it; and
# two `run --once` at the same time on one PostgreSQL state (the advisory lock, claims FOR UPDATE
# SKIP LOCKED) deliver each Message-ID once over SMTP (fails without the lock: slots booked twice).
# Usage: with_postgres.sh postgresql_test.sh MENTORCAL SOURCE_DIR
set -u
bin=$(realpath "$1") src=$(realpath "$2")
. "$src/tests/integration/lib.sh"
now=2026-11-22T09:00:00Z
: "${MENTORCAL_TEST_POSTGRES_URL:?run under tests/support/with_postgres.sh}"
admin() { (cd / && $MENTORCAL_TEST_POSTGRES_ADMIN -At -c "$1"); }
empty_database() { admin "SET client_min_messages = warning; DROP SCHEMA public CASCADE; CREATE SCHEMA public AUTHORIZATION mentorcal"; }
# in_postgresql FILE: the programme FILE with its state moved to the test server.
in_postgresql() {
  sed -e "s|^state = .*|state = \"$MENTORCAL_TEST_POSTGRES_URL\"\nstate_password_file = \"$MENTORCAL_TEST_POSTGRES_PASSWORD_FILE\"|" "$1"
}

# The demo on SQLite, the reference.
mkdir -p "$tmp/sqlite" "$tmp/pg"
cp "$src/packaging/examples/demo.toml" "$tmp/sqlite/demo.toml"
in_postgresql "$src/packaging/examples/demo.toml" >"$tmp/pg/demo.toml"
grep -q '^state = "postgresql://' "$tmp/pg/demo.toml" || fail "the demo's state was not moved: $(grep ^state "$tmp/pg/demo.toml")"
cd "$tmp/sqlite" && "$bin" run --once --config demo.toml --now "$now" >run.txt 2>&1 || fail "sqlite run: $(cat run.txt)"
"$bin" status --json --config demo.toml --now "$now" >status.json 2>&1 || fail "sqlite status"

# The same on PostgreSQL.
cd "$tmp/pg" || exit 1
empty_database
"$bin" status --json --config demo.toml --now "$now" >before.json 2>&1 || fail "status before any run: $(cat before.json)"
[ "$(admin "SELECT to_regclass('meetings') IS NULL")" = t ] || fail "status created a state"
"$bin" run --once --config demo.toml --now "$now" >run.txt 2>&1 || fail "pg run: exit $? $(cat run.txt)"
sent=$(grep -o 'sent [0-9]* messages' run.txt)
[ "$sent" = "$(grep -o 'sent [0-9]* messages' "$tmp/sqlite/run.txt")" ] && [ "$sent" != "sent 0 messages" ] ||
  fail "pg sent '$sent', sqlite $(grep -o 'sent [0-9]* messages' "$tmp/sqlite/run.txt")"
# The same letters to the same people (UIDs are random per run: compared without them).
letters() { ls "$1" | sed -e 's/-[0-9a-f]\{16\}\././' | sort; }
diff <(letters "$tmp/sqlite/outbox") <(letters outbox) >/dev/null || fail "different letters: $(diff <(letters "$tmp/sqlite/outbox") <(letters outbox) | head)"
[ "$(admin "SELECT count(*) FROM outbox WHERE state = 'sent'")" = "$(ls outbox | wc -l)" ] || fail "outbox rows"
[ "$(admin "SELECT version FROM schema_version")" = 6 ] || fail "schema version $(admin "SELECT version FROM schema_version")"
[ "$(admin "SELECT count(*) FROM pg_stat_ssl WHERE ssl")" -ge 0 ] || fail "pg_stat_ssl"
"$bin" run --once --config demo.toml --now "$now" >again.txt 2>&1 || fail "second run: $(cat again.txt)"
grep -q 'sent 0 messages' again.txt || fail "the second run sent: $(tail -1 again.txt)"
"$bin" status --json --config demo.toml --now "$now" >status-leader.json 2>&1 || fail "pg status: $(cat status-leader.json)"
# The same as SQLite's but for the daemons' leader, which only a PostgreSQL state has (none here).
/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d.pop("leader") is None; print(json.dumps(d, indent=2))' status-leader.json >status.json ||
  fail "status --json: no \"leader\": null: $(cat status-leader.json)"
/usr/bin/python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1])), indent=2))' "$tmp/sqlite/status.json" >"$tmp/sqlite/status-plain.json"
diff "$tmp/sqlite/status-plain.json" status.json >/dev/null || fail "status --json differs: $(diff "$tmp/sqlite/status-plain.json" status.json | head)"

# pair end and the report on the PostgreSQL state.
"$bin" pair end maria-diego --reason not-compatible --config demo.toml --now 2026-12-01T09:00:00Z >end.txt 2>&1 ||
  fail "pair end: $(cat end.txt)"
[ "$(admin "SELECT count(*) FROM pair_events WHERE pair = 'maria-diego'")" = 1 ] || fail "pair end not recorded"
"$bin" run --once --config demo.toml --now 2026-12-01T09:05:00Z >out.txt 2>&1 || fail "run after pair end: $(cat out.txt)"
cancels=$(ls outbox | grep -c '^maria-diego-.*\.c[01]@')
[ "$cancels" -ge 4 ] || fail "pair end sent $cancels cancellations"
"$bin" report --html report.html --config demo.toml --now 2026-12-01T09:05:00Z >report.txt 2>&1 &&
  grep -q maria-diego report.html || fail "report: $(cat report.txt)"

# Backups of a PostgreSQL state are the server's business.
"$bin" backup --config demo.toml copy.sqlite3 >backup.txt 2>&1
rc=$?
[ "$rc" = 3 ] && grep -q "pg_dump" backup.txt && [ ! -e copy.sqlite3 ] || fail "backup: exit $rc $(cat backup.txt)"

# A wrong password: exit 3, where and why, not the password.
printf 'not the password\n' >wrong-password
sed -e "s|^state_password_file = .*|state_password_file = \"wrong-password\"|" demo.toml >wrong.toml
"$bin" run --once --config wrong.toml --now "$now" >wrong.txt 2>&1
rc=$?
[ "$rc" = 3 ] && grep -q "cannot connect to the state database postgresql://mentorcal@127.0.0.1" wrong.txt &&
  grep -q "password authentication failed" wrong.txt || fail "wrong password: exit $rc $(cat wrong.txt)"

# The daemon on a PostgreSQL state: its first tick sends the demo's invites; SIGTERM ends it.
mkdir -p "$tmp/daemon" && cd "$tmp/daemon" || exit 1
cp "$tmp/pg/demo.toml" demo.toml
empty_database
"$bin" daemon --config demo.toml >daemon.log 2>&1 &
daemon=$!
pids+=($daemon)
for _ in $(seq 150); do
  [ "$(admin "SELECT to_regclass('outbox') IS NOT NULL AND (SELECT count(*) FROM outbox WHERE state = 'sent') > 0")" = t ] &&
    ! tick_in "$tmp/daemon" && break
  sleep 0.1
done
kill -TERM "$daemon"
wait "$daemon" || fail "daemon exit $?: $(tail -5 daemon.log)"
[ "$(ls outbox 2>/dev/null | wc -l)" -ge 20 ] && [ "$(admin "SELECT count(*) FROM outbox WHERE state = 'sent'")" = "$(ls outbox | wc -l)" ] ||
  fail "the daemon's tick: $(ls outbox 2>/dev/null | wc -l) letters, $(admin "SELECT count(*) FROM outbox WHERE state = 'sent'") sent; $(tail -5 daemon.log)"

# Two `run --once` at the same time on one PostgreSQL state, over SMTP: each Message-ID once.
cd "$tmp" || exit 1
for round in 1 2 3; do
  received=$tmp/received-$round
  start_aiosmtpd "$received" || exit 1
  smtp_programme "smtp://127.0.0.1:$smtp_port" required >"$tmp/sqlite-programme.toml"
  in_postgresql "$tmp/sqlite-programme.toml" >"$tmp/programme.toml"
  empty_database
  two_runs_at_once "$tmp/programme.toml" "round $round"
  doubled=$(admin "SELECT count(*) FROM (SELECT pair, start FROM meetings WHERE status = 'booked' GROUP BY pair, start HAVING count(*) > 1) d")
  sent=$(admin "SELECT count(*) FROM outbox WHERE state = 'sent'")
  /usr/bin/python3 "$src/tests/integration/each_once.py" "$received" "$doubled" "$sent" ||
    fail "round $round: $(cat "$tmp/one" "$tmp/two")"
done

finish "the state in PostgreSQL"
