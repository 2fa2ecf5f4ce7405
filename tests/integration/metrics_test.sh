#!/usr/bin/env bash
# The Prometheus textfile (issue 16): `run --once` on the demo with [programme] metrics_file
# writes a file that `promtool check metrics` accepts, whose figures agree with `status --json`
# and the outbox; a busy feed is labelled by person, never by URL; a file that cannot be written
# is logged and the tick still succeeds.
# Usage: metrics_test.sh MENTORCAL SOURCE_DIR
set -u
bin=$(realpath "$1") src=$(realpath "$2")
. "$src/tests/integration/lib.sh"
now=2026-11-22T09:00:00Z
command -v promtool >/dev/null || { echo "promtool not found (Debian package prometheus)"; exit 1; }
cd "$tmp"

# The demo, its state here, metrics in ./metrics/, and one busy feed.
printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nEND:VCALENDAR\r\n' >busy.ics
sed -e 's/^state = .*/state = "state.sqlite3"\nmetrics_file = "metrics\/mentorcal.prom"/' \
  -e '/^id = "amara"/a busy_calendar = "file://'"$tmp"'/busy.ics"' \
  "$src/packaging/examples/demo.toml" >demo.toml
mkdir metrics
"$bin" check-config demo.toml >check.log 2>&1 || fail "check-config: $(cat check.log)"
"$bin" run --once --config demo.toml --now "$now" >run.log 2>&1 || fail "run --once exited $?: $(cat run.log)"
prom=metrics/mentorcal.prom
[ -s "$prom" ] || fail "no metrics file written"
promtool check metrics <"$prom" >promtool.log 2>&1 || fail "promtool check metrics: $(cat promtool.log)"
[ -s promtool.log ] && fail "promtool check metrics complained: $(cat promtool.log)"
[ "$(ls -A metrics)" = mentorcal.prom ] || fail "left behind in metrics/: $(ls -A metrics)"

# value SERIES: the value of one series, exactly as written (name and labels).
value() { awk -v s="$1" '$1 == s { print $2 }' "$prom"; }
"$bin" status --json --config demo.toml --now "$now" >status.json || fail "status --json"
read -r pairs booked < <(python3 -c '
import json, sys
d = json.load(open("status.json"))
print(len(d["pairs"]), sum(p["booked"] for p in d["pairs"]))')
active=$(value 'mentorcal_pairs{status="active"}')
paused=$(value 'mentorcal_pairs{status="paused"}')
ended=$(value 'mentorcal_pairs{status="ended"}')
[ $((active + paused + ended)) = "$pairs" ] || fail "pairs by status $active+$paused+$ended, status has $pairs"
[ "$(value 'mentorcal_meetings{state="upcoming"}')" = "$booked" ] ||
  fail "upcoming meetings $(value 'mentorcal_meetings{state="upcoming"}'), status says $booked booked"
[ "$booked" -gt 0 ] || fail "the demo booked nothing"
[ "$(value 'mentorcal_outbox_messages{state="pending"}')" = 0 ] || fail "pending messages after a flush"
[ "$(value mentorcal_last_tick_timestamp_seconds)" = "$(date -d "$now" +%s)" ] ||
  fail "last tick at $(value mentorcal_last_tick_timestamp_seconds), expected $now"
[ "$(value mentorcal_tick_deadline_seconds)" = 300 ] || fail "deadline $(value mentorcal_tick_deadline_seconds)"
[ "$(value mentorcal_tick_interval_seconds)" = 900 ] || fail "interval $(value mentorcal_tick_interval_seconds)"
version=$("$bin" --version | awk '{print $2}')
[ "$(value "mentorcal_build_info{version=\"$version\"}")" = 1 ] || fail "no build_info for $version"
[ "$(value 'mentorcal_feed_up{person="amara"}')" = 1 ] || fail "amara's feed is not up: $(grep feed "$prom")"
grep -q 'busy.ics' "$prom" && fail "the feed's URL is in the metrics"
grep -q '^mentorcal_mailbox' "$prom" && fail "mailbox metrics without [imap]"
for flag in below-cadence at-risk no-slot repeated-cancellations unanswered ended-early \
  short-agreement review-due; do
  [ -n "$(value "mentorcal_pairs_flagged{flag=\"$flag\"}")" ] || fail "no series for flag $flag"
done

# tick_deadline_minutes from the file is what the daemon kills at, and what the metrics say.
sed -i 's/^metrics_file = .*/&\ntick_deadline_minutes = 2/' demo.toml
"$bin" run --once --config demo.toml --now "$now" >run2.log 2>&1 || fail "second run exited $?"
[ "$(value mentorcal_tick_deadline_seconds)" = 120 ] || fail "deadline $(value mentorcal_tick_deadline_seconds), expected 120"
ready=$("$bin" service-tick --config demo.toml --now "$now" --replies-only <demo.toml | head -1)
[ "$ready" = "ready 5 15 120" ] || fail "service-tick said '$ready', expected 'ready 5 15 120'"

# A metrics file that cannot be written costs a warning, not the tick.
rm -rf metrics
"$bin" run --once --config demo.toml --now "$now" >run3.log 2>&1 || fail "run --once failed for want of metrics: $(cat run3.log)"
grep -q "metrics: cannot write" run3.log || fail "no warning about the metrics file: $(cat run3.log)"
finish metrics_test
