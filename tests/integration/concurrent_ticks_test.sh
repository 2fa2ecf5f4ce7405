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
  two_runs_at_once "$tmp/programme.toml" "round $round"
  doubled=$(cd "$tmp" && sql "SELECT count(*) FROM (SELECT pair, start FROM meetings WHERE status = 'booked' GROUP BY pair, start HAVING count(*) > 1)")
  sent=$(cd "$tmp" && sql "SELECT count(*) FROM outbox WHERE state = 'sent'")
  /usr/bin/python3 "$src/tests/integration/each_once.py" "$received" "$doubled" "$sent" ||
    fail "round $round: $(cat "$tmp/one" "$tmp/two")"
done

finish "two run --once on one state (smtp)"
