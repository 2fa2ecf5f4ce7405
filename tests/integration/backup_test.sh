#!/usr/bin/env bash
# `mentorcal backup FILE` while a tick writes (issue 16): a generated programme's first tick books
# hundreds of meetings, queues their invites and marks each one sent as it goes, while backups are
# taken in a loop. Every backup succeeds without waiting for the tick, passes SQLite's integrity check, and
# is the state as of one commit: each booked meeting in it has both of its invites queued. Then the
# restore of mentorcal(8): the last backup, copied back as the state, is a state mentorcal runs on.
# Usage: backup_test.sh MENTORCAL SOURCE_DIR
set -u
bin=$(realpath "$1") src=$(realpath "$2")
. "$src/tests/integration/lib.sh"
now=2026-11-22T09:00:00Z
cd "$tmp"

# programme.toml (state in ./state.sqlite3, letters into ./outbox/) and feeds/ here.
python3 "$src/scripts/generate-programme.py" 300 . --seed 7 --today 2026-11-22 >/dev/null ||
  { echo "cannot generate a programme"; exit 1; }
"$bin" check-config programme.toml >/dev/null 2>&1 || fail "the generated programme does not load"

# Before the first tick there is nothing to back up: a clear error, exit 1.
"$bin" backup --config programme.toml early.sqlite3 >early.log 2>&1
[ $? = 1 ] || fail "backup without a state exited $?, expected 1"
grep -q "no state yet" early.log || fail "backup without a state said: $(cat early.log)"

"$bin" run --once --config programme.toml --now "$now" >run.log 2>&1 &
tick=$!
pids+=("$tick")
taken=0 during=0
while :; do
  running=0
  kill -0 "$tick" 2>/dev/null && running=1
  if [ -f state.sqlite3 ]; then
    if "$bin" backup --config programme.toml "copy-$taken.sqlite3" >"backup-$taken.log" 2>&1; then
      taken=$((taken + 1))
      during=$((during + running))
    else
      grep -q "no state yet" "backup-$taken.log" || fail "backup $taken: $(cat "backup-$taken.log")"
    fi
  fi
  [ "$running" = 1 ] || break
done
wait "$tick" || fail "the tick exited $?: $(tail -3 run.log)"
[ "$during" -ge 2 ] || fail "only $during backups were taken while the tick ran"

# Each copy: intact, and whole commits only (a booked meeting has its two invites queued).
check_copy() {
  python3 - "$1" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok", "integrity_check failed"
booked = db.execute("SELECT uid FROM meetings WHERE status = 'booked'").fetchall()
for (uid,) in booked:
    n = db.execute("SELECT count(*) FROM outbox WHERE meeting_uid = ? AND method = 'REQUEST'", (uid,)).fetchone()[0]
    assert n >= 2, f"meeting {uid} has {n} invites queued: half a commit"
print(len(booked))
PY
}
last=0
for i in $(seq 0 $((taken - 1))); do
  n=$(check_copy "copy-$i.sqlite3" 2>&1) || { fail "copy-$i: $n"; continue; }
  [ "$n" -ge "$last" ] || fail "copy-$i has $n meetings, fewer than the copy before ($last)"
  last=$n
done
final=$(check_copy state.sqlite3)
[ "$last" -le "$final" ] || fail "a backup holds more meetings ($last) than the state ($final)"
[ "$final" -gt 100 ] || fail "the tick booked only $final meetings: not a test of writing"

# Restore: with no mentorcal running, the last backup becomes the state.
"$bin" backup --config programme.toml restore.sqlite3 >/dev/null 2>&1 || fail "backup after the tick"
cp state.sqlite3 before-restore.sqlite3
rm -f state.sqlite3 state.sqlite3-wal state.sqlite3-shm
cp restore.sqlite3 state.sqlite3
"$bin" run --once --config programme.toml --now "$now" >rerun.log 2>&1 || fail "run on the restored state exited $?"
grep -q "^0 new meetings invited" rerun.log || fail "the restored state books again: $(cat rerun.log)"
"$bin" backup --config programme.toml state.sqlite3 >self.log 2>&1
[ $? = 1 ] || fail "backup onto the state itself exited $?, expected 1"
echo "backups: $taken ($during while the tick ran), $final meetings booked"
finish backup_test
