#!/usr/bin/env bash
# Issue 11 through Dovecot: what mentorcal does *after* an answer, with real clients' shapes.
#   Gmail, Outlook and Exchange DECLINEs of the same meeting, three rounds: three make-ups at three
#     different times, none at (or over) a declined time, and no repeated-cancellations flag
#   a DECLINE with no other time left in its period -> the make-up soon after it, with the reason
#   an Outlook COUNTER 50 years ahead         -> refused (DECLINECOUNTER), the meeting stays
#   a Gmail COUNTER holding three VEVENTs     -> one answer: the last; the others recorded
#   a DECLINE of a meeting that took place    -> recorded, nothing changes, no CANCEL
#   IMAP unreachable, or a CA that is not the server's -> run --once exits 3, status names it
#   a review falls due -> a review letter to both, once; status says review-due until `pair review`
# Usage: negotiation_test.sh MENTORCAL SOURCE_DIR
set -u
bin=$(realpath "$1") src=$(realpath "$2")
. "$src/tests/integration/lib.sh"
chmod 755 "$tmp"
cd "$tmp"
ics() { date -u -d "@$1" +%Y%m%dT%H%M%SZ; }

mkdir -p imap && chmod 755 imap
"$src/tests/net/imap_server.sh" run "$tmp/imap" mentoring 'imap secret' >imap.ready 2>imap.err &
pids+=($!)
for _ in $(seq 200); do grep -q READY imap.ready 2>/dev/null && break; sleep 0.1; done
read -r _ _ imaps_port <imap.ready || { echo "dovecot did not start: $(cat imap.err)"; exit 1; }
printf 'imap secret\n' >imap-password
sed -e 's/^state = .*/state = "state.sqlite3"/' "$src/packaging/examples/demo.toml" >base.toml
imap_config() {  # FILE URL CA
  cp base.toml "$1"
  printf '\n[imap]\nurl = "%s"\nusername = "mentoring"\npassword_file = "imap-password"\nca_file = "%s"\n' "$2" "$3" >>"$1"
}
imap_config demo.toml "imaps://127.0.0.1:$imaps_port/INBOX" imap/certs/ca.pem
n=0
deliver() { n=$((n + 1)); cat >"mail$n.eml"; "$src/tests/net/imap_server.sh" deliver "$tmp/imap" mentoring "mail$n.eml"; }
run() {  # NOW NAME
  "$bin" run --once --config demo.toml --now "$1" >"$2.out" 2>&1 || fail "$2: $(cat "$2.out")"
}
run 2026-11-22T09:00:00Z run0

# Three rounds of declines of amara-priya's December meeting and its make-ups.
month=2026-12
IFS='|' read -r uid start end seq < <(sql "SELECT uid, start, end, sequence FROM meetings WHERE pair = 'amara-priya' AND status = 'booked' AND strftime('%Y-%m', start, 'unixepoch') = '$month' ORDER BY start DESC LIMIT 1")
[ -n "$uid" ] || fail "no December meeting for amara-priya: $(sql 'SELECT pair, start FROM meetings')"
declined=() makeups=()
styles=(gmail outlook exchange)
for round in 0 1 2; do
  declined+=("$start|$end")
  reply "${styles[$round]}" --uid "$uid" --attendee priya@example.org --sequence "$seq" --partstat DECLINED | deliver
  run "2026-11-22T1$round:00:00Z" "decline$round"
  [ "$(sql "SELECT status, cancel_kind FROM meetings WHERE uid = '$uid'")" = "cancelled|declined" ] || fail "round $round: the ${styles[$round]} DECLINE did not cancel"
  run "2026-11-22T1$round:30:00Z" "makeup$round"
  IFS='|' read -r uid start end seq < <(sql "SELECT uid, start, end, sequence FROM meetings WHERE pair = 'amara-priya' AND status = 'booked' AND strftime('%Y-%m', start, 'unixepoch') = '$month' ORDER BY created DESC, start DESC LIMIT 1")
  [ -n "$uid" ] || { fail "round $round: no make-up in $month"; break; }
  for d in "${declined[@]}"; do
    [ "$start" -lt "${d#*|}" ] && [ "${d%|*}" -lt "$end" ] && fail "round $round: make-up $(ics "$start") over the declined $(ics "${d%|*}")"
  done
  for m in "${makeups[@]}"; do [ "$m" = "$start" ] && fail "round $round: make-up at $(ics "$start") again"; done
  makeups+=("$start")
done
[ "${#makeups[@]}" = 3 ] || fail "three make-ups expected, got ${#makeups[@]}"
"$bin" status --json --config demo.toml --now 2026-11-22T13:00:00Z >status-declines.json
echo "make-ups: $(for m in "${makeups[@]}"; do ics "$m"; done | tr '\n' ' ')"
# Three proposals declined, none ever accepted: no appointment was called off, so no
# repeated-cancellations flag (the make-ups were mentorcal's proposals, each at a new time).
/usr/bin/python3 -c '
import json, sys
pair = [p for p in json.load(open(sys.argv[1]))["pairs"] if p["pair"] == "amara-priya"][0]
bad = [f for f in pair["flags"] if f["flag"] == "repeated-cancellations"]
sys.exit(1 if bad else 0)' status-declines.json || fail "three declined proposals flagged repeated-cancellations: $(cat status-declines.json)"

# A make-up whose period has no other free time: Ben declines Wednesday 16 December 13:00, the
# only time the pair has left in December (Ben is away from the 17th). The make-up goes as soon
# as possible after December, with the reason in plan, plan --json and the audit log, and
# counts toward December: the next tick adds nothing.
mkdir late && cd late
cat >late.toml <<TOML
[programme]
name = "Late"
organiser_name = "Mentoring Team"
organiser_email = "mentoring@example.org"
admin_emails = ["coordinator@example.org"]
timezone = "Europe/London"
state = "state.sqlite3"
[agreement]
cadence = "1/month"
first_meeting_minutes = 0
[mail]
transport = "directory"
directory = "outbox"
[imap]
url = "imaps://127.0.0.1:$imaps_port/INBOX"
username = "mentoring"
password_file = "../imap-password"
ca_file = "../imap/certs/ca.pem"
[[person]]
id = "ana"
name = "Ana"
email = "ana@example.org"
available = ["Wed 13:00-14:00"]
[[person]]
id = "ben"
name = "Ben"
email = "ben@example.org"
available = ["Wed 13:00-14:00"]
away = [{ from = 2026-12-17, to = 2026-12-31 }]
[[pair]]
mentor = "ana"
mentee = "ben"
started = 2026-10-01
TOML
late_run() { "$bin" run --once --config late.toml --now "$1" >"$2.out" 2>&1 || fail "$2: $(cat "$2.out")"; }
late_run 2026-12-12T09:00:00Z late0
dec16=$(date -u -d 2026-12-16T13:00:00Z +%s)
IFS='|' read -r luid lseq < <(sql "SELECT uid, sequence FROM meetings WHERE start = $dec16")
[ -n "$luid" ] || fail "no meeting on 16 December: $(sql 'SELECT uid, start FROM meetings')"
reply gmail --uid "$luid" --attendee ben@example.org --sequence "$lseq" --partstat DECLINED | deliver
late_run 2026-12-12T10:00:00Z late1
[ "$(sql "SELECT status FROM meetings WHERE uid = '$luid'")" = cancelled ] || fail "Ben's DECLINE did not cancel"
"$bin" plan --json --config late.toml --now 2026-12-12T10:30:00Z >late-plan.json 2>/dev/null
grep -q '"note": "makes up for the meeting declined on Wed 16 Dec 13:00 (Europe/London), after its period: December 2026: ' late-plan.json \
  || fail "plan --json gives no reason for the late make-up: $(cat late-plan.json)"
"$bin" plan --config late.toml --now 2026-12-12T10:30:00Z 2>/dev/null | grep -q "^Late make-ups:" || fail "plan shows no late make-up"
late_run 2026-12-12T10:30:00Z late2
IFS='|' read -r mstart mup < <(sql "SELECT start, makes_up FROM meetings WHERE status = 'booked' AND makes_up IS NOT NULL")
[ "$mup" = "$dec16" ] || fail "no booked make-up for 16 December: $(sql 'SELECT uid, start, status, makes_up FROM meetings')"
[ -n "$mstart" ] && [ "$mstart" -ge "$(date -u -d 2027-01-01T00:00:00Z +%s)" ] || fail "the late make-up is not after December: $mstart"
sql "SELECT detail FROM audit WHERE kind = 'invited'" | grep -q "makes up for the meeting declined on Wed 16 Dec 13:00" || fail "the audit log has no reason for the late make-up"
booked=$(sql "SELECT count(*) FROM meetings WHERE status = 'booked'")
late_run 2026-12-12T11:00:00Z late3
[ "$(sql "SELECT count(*) FROM meetings WHERE status = 'booked'")" = "$booked" ] || fail "another make-up was added: $(sql 'SELECT start, makes_up FROM meetings')"
echo "late make-up: $(ics "$mstart") for $(ics "$dec16")"
cd ..

# A COUNTER 50 years ahead is refused; the meeting stays.
IFS='|' read -r m4 m4_start m4_seq < <(sql "SELECT uid, start, sequence FROM meetings WHERE pair = 'maria-diego' AND status = 'booked' ORDER BY start LIMIT 1 OFFSET 1")
reply outlook --uid "$m4" --attendee diego@example.org --method COUNTER --sequence "$m4_seq" \
  --start 20761208T100000Z --end 20761208T110000Z | deliver
# A COUNTER with three VEVENTs for one meeting: the last (its own time, allowed) counts, once.
IFS='|' read -r m3 m3_start m3_end m3_seq < <(sql "SELECT uid, start, end, sequence FROM meetings WHERE pair = 'tom-jack' AND status = 'booked' ORDER BY start LIMIT 1 OFFSET 1")
reply gmail --uid "$m3" --attendee jack@example.org --method COUNTER --sequence "$m3_seq" \
  --also 20261206T030000Z/20261206T040000Z --also 20261206T050000Z/20261206T060000Z \
  --start "$(ics "$m3_start")" --end "$(ics "$m3_end")" | deliver
run 2026-11-22T14:00:00Z counters
[ "$(sql "SELECT sequence, start FROM meetings WHERE uid = '$m4'")" = "$m4_seq|$m4_start" ] || fail "a COUNTER 50 years ahead moved the meeting"
ls outbox | grep -qE "^${m4%@*}\.$m4_seq\.d1\.counter-" || fail "no DECLINECOUNTER to Diego for 2076"
sql "SELECT detail FROM replies WHERE meeting_uid = '$m4'" | grep -q "beyond the planning horizon" || fail "2076: $(sql "SELECT detail FROM replies WHERE meeting_uid = '$m4'")"
[ "$(sql "SELECT sequence FROM meetings WHERE uid = '$m3'")" = $((m3_seq + 1)) ] || fail "multi-VEVENT COUNTER: sequence $(sql "SELECT sequence FROM meetings WHERE uid = '$m3'")"
[ "$(ls outbox | grep -cE "^${m3%@*}\.$((m3_seq + 1))\.r[01]@")" = 2 ] || fail "multi-VEVENT COUNTER: not one REQUEST to each: $(ls outbox | grep "${m3%@*}")"
[ "$(sql "SELECT outcome FROM replies WHERE meeting_uid = '$m3' AND method = 'COUNTER' ORDER BY id" | tr '\n' ' ')" = "ignored ignored applied " ] \
  || fail "multi-VEVENT outcomes: $(sql "SELECT outcome, detail FROM replies WHERE meeting_uid = '$m3'")"

# A DECLINE of a meeting that has taken place changes nothing.
IFS='|' read -r past past_seq < <(sql "SELECT uid, sequence FROM meetings WHERE pair = 'sofia-maria' AND status = 'booked' ORDER BY start LIMIT 1")
past_end=$(sql "SELECT end FROM meetings WHERE uid = '$past'")
later=$(date -u -d "@$((past_end + 3600))" +%Y-%m-%dT%H:%M:%SZ)
reply exchange --uid "$past" --attendee sofia@example.org --sequence "$past_seq" --partstat DECLINED | deliver
run "$later" past
[ "$(sql "SELECT status, mentor_partstat FROM meetings WHERE uid = '$past'")" = "booked|NEEDS-ACTION" ] || fail "a past meeting was declined after the fact"
ls outbox | grep -qE "^${past%@*}\.$((past_seq + 1))\.c" && fail "a CANCEL went out for a meeting that took place"
[ "$(sql "SELECT outcome FROM replies WHERE meeting_uid = '$past'")" = ignored ] || fail "the late DECLINE was not recorded"

# The mailbox cannot be read: exit 3, and status names the error.
imap_config demo.toml "imaps://127.0.0.1:1/INBOX" imap/certs/ca.pem
"$bin" run --once --config demo.toml --now "$later" >down.out 2>&1
[ $? = 3 ] || fail "run --once with IMAP unreachable did not exit 3: $(cat down.out)"
"$bin" status --json --config demo.toml --now "$later" >status-down.json
/usr/bin/python3 -c 'import json,sys; m=json.load(open(sys.argv[1]))["mailbox"]; sys.exit(0 if m["last_error"] and m["last_success"] else 1)' status-down.json \
  || fail "status --json does not name the mailbox error: $(cat status-down.json)"
imap_config demo.toml "imaps://127.0.0.1:$imaps_port/INBOX" imap/certs/other-ca.pem
"$bin" run --once --config demo.toml --now "$later" >wrong-ca.out 2>&1
[ $? = 3 ] || fail "run --once with the wrong CA did not exit 3: $(cat wrong-ca.out)"

# The review (review_after_months = 3 by default): sofia-maria started on 1 September, so on 2
# December both get the review letter and status says review-due until `pair review` records it.
imap_config demo.toml "imaps://127.0.0.1:$imaps_port/INBOX" imap/certs/ca.pem
run 2026-12-02T09:00:00Z review
[ "$(ls outbox | grep -c '^review-sofia-maria-2026-12-01\.[01]@')" = 2 ] || fail "no review letter to both: $(ls outbox | grep review)"
"$bin" status --config demo.toml --now 2026-12-02T09:00:00Z | grep -q "review-due: the agreement was due for review on 2026-12-01" || fail "status does not say review-due"
"$bin" pair review sofia-maria --config demo.toml --now 2026-12-02T10:00:00Z >review.out 2>&1 || fail "pair review: $(cat review.out)"
"$bin" status --config demo.toml --now 2026-12-02T10:00:00Z | grep -q "review-due" && fail "review-due after pair review"
run 2026-12-02T11:00:00Z review2
[ "$(ls outbox | grep -c '^review-')" = 2 ] || fail "review letters sent again: $(ls outbox | grep review)"

/usr/bin/python3 "$src/tests/interop/check_messages.py" --min 20 outbox >check.txt 2>&1 || fail "interop: $(cat check.txt)"
finish "negotiation"
