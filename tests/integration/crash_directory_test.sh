#!/usr/bin/env bash
# Crash safety of the directory transport's batches (DESIGN.md §8, ARCHITECTURE.md): SIGKILL
# `run --once` at a random moment of a flush of a thousand messages to the directory transport,
# then run it to completion, ROUNDS times (default 6). Every round: every outbox row is 'sent' and
# its file "<message-id>.eml" holds exactly its bytes; there is no other .eml file; `PRAGMA
# integrity_check` is ok. (A batch killed before its commit is written again, to the same files.)
# The count of messages may differ from a clean run's: a killed tick that committed its plan
# before the kill is one more plan, and a second plan can add meetings.
# Usage: crash_directory_test.sh MENTORCAL SOURCE_DIR [ROUNDS]
set -u
bin=$1 src=$2 rounds=${3:-6}
. "$src/tests/integration/lib.sh"

cp "$bin" "$tmp/mentorcal" || exit 1
/usr/bin/python3 "$src/scripts/generate-programme.py" 200 "$tmp/p" >/dev/null 2>&1 || fail "generate"
cd "$tmp/p" || exit 1
now=2027-03-01T09:00:00Z
start=$(date +%s%N)
"$tmp/mentorcal" run --once --config programme.toml --now $now >/dev/null 2>&1 || fail "clean run"
full_ms=$((($(date +%s%N) - start) / 1000000))
clean=$(sql "SELECT count(*) FROM outbox")
[ "$clean" -gt 500 ] || fail "a clean run queued only $clean messages"

check() {  # check ROUND: the state and the folder agree, whole
  /usr/bin/python3 - "$1" <<'PY' || fail "round $1"
import os, re, sqlite3, sys
db = sqlite3.connect("state.sqlite3")
assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok", "integrity_check"
rows = db.execute("SELECT message_id, state, bytes FROM outbox JOIN outbox_bytes USING (id)").fetchall()
names = set()
for mid, state, data in rows:
    assert state == "sent", f"{mid} is {state}"
    name = re.sub(r"[^A-Za-z0-9.\-_@+]", "_", mid) + ".eml"
    names.add(name)
    with open(os.path.join("outbox", name), "rb") as f:
        assert f.read() == bytes(data), f"{name} is not the outbox row's bytes"
extra = {n for n in os.listdir("outbox") if n.endswith(".eml")} - names
assert not extra, f"files no row knows: {sorted(extra)[:3]}"
PY
}
check clean

for ((round = 1; round <= rounds; round++)); do
  rm -rf state.sqlite3* outbox
  "$tmp/mentorcal" run --once --config programme.toml --now $now >/dev/null 2>&1 &
  pid=$!
  sleep "$(awk -v r="$RANDOM" -v t="$full_ms" 'BEGIN { printf "%.3f", r / 32768 * t / 1000 }')"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  "$tmp/mentorcal" run --once --config programme.toml --now $now >/dev/null 2>&1 \
    || fail "round $round: the run after the kill"
  check "$round"
done
finish "directory crash test ($rounds rounds)"
