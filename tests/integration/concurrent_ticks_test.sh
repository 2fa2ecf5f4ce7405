#!/usr/bin/env bash
# Two `run --once` at the same time on one state, over SMTP (issue 12, defect 3): before the state
# lock and the outbox claims, 39 of 40 Message-IDs arrived twice and some rounds booked every
# meeting twice. Now the second waits for the first: each Message-ID arrives once, each slot has
# one meeting. Three rounds, each on a fresh state.
# Usage: concurrent_ticks_test.sh MENTORCAL SOURCE_DIR
set -u
bin=$(realpath "$1") src=$(realpath "$2")
. "$src/tests/integration/lib.sh"
now=2026-11-22T09:00:00Z

for round in 1 2 3; do
  received=$tmp/received-$round
  start_aiosmtpd "$received" || exit 1
  smtp_programme "smtp://127.0.0.1:$smtp_port" required >"$tmp/programme.toml"
  rm -f "$tmp/state.sqlite3"*
  "$bin" run --once --config "$tmp/programme.toml" --now "$now" >"$tmp/one" 2>&1 &
  one=$!
  "$bin" run --once --config "$tmp/programme.toml" --now "$now" >"$tmp/two" 2>&1 &
  two=$!
  wait "$one" || fail "round $round: first run exit $? $(cat "$tmp/one")"
  wait "$two" || fail "round $round: second run exit $? $(cat "$tmp/two")"
  /usr/bin/python3 - "$tmp" "$received" <<'PY' || fail "round $round: $(cat "$tmp/one" "$tmp/two")"
import collections, pathlib, sqlite3, sys
tmp, received = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
ids = collections.Counter()
for eml in received.glob("*.eml"):
    data = eml.read_bytes()
    ids[next(l for l in data.split(b"\r\n") if l.lower().startswith(b"message-id:"))] += 1
twice = [m for m, n in ids.items() if n > 1]
assert len(ids) >= 20, f"{len(ids)} messages"
assert not twice, f"{len(twice)} of {len(ids)} Message-IDs arrived twice"
db = sqlite3.connect(tmp / "state.sqlite3")
doubled = db.execute("SELECT count(*) FROM (SELECT pair, start FROM meetings WHERE status = 'booked' "
                     "GROUP BY pair, start HAVING count(*) > 1)").fetchone()[0]
assert doubled == 0, f"{doubled} slots booked twice"
sent = db.execute("SELECT count(*) FROM outbox WHERE state = 'sent'").fetchone()[0]
assert sent == len(ids), (sent, len(ids))
print(f"{len(ids)} messages, each once")
PY
done

finish "two run --once on one state (smtp)"
