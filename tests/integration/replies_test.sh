#!/usr/bin/env bash
# The real binary against a real IMAP server and a real HTTP feed: Dovecot on loopback (IMAPS with
# a throw-away CA) holds the partners' answers, written as Outlook, Gmail and Exchange send them;
# `run --once` reads them and each has its effect and nothing else:
#   Outlook ACCEPT            -> the partner's PARTSTAT is ACCEPTED
#   Gmail DECLINE             -> CANCEL to both; the next tick books a make-up in the same month
#   Outlook COUNTER, allowed  -> REQUEST at the new time, SEQUENCE+1, to both
#   Gmail COUNTER, impossible -> DECLINECOUNTER to the proposer only; the meeting stays
#   a spoofed From:           -> ignored, unparsed  a stale SEQUENCE -> recorded, not applied
#   TNEF only                 -> skipped, left unseen            REFRESH -> REQUEST again to one
# and a busy event that appears in a partner's HTTP feed moves the meeting it hits (same UID,
# SEQUENCE+1); a feed that then breaks keeps its last good copy. A message over 25 MiB is passed
# over on the second tick that meets it, and the answers after it are applied.
# Usage: replies_test.sh MENTORCAL SOURCE_DIR
set -u
bin=$(realpath "$1") src=$(realpath "$2")
. "$src/tests/integration/lib.sh"
chmod 755 "$tmp"
cd "$tmp"

# Dovecot, with the organiser mailbox.
mkdir -p imap && chmod 755 imap
"$src/tests/net/imap_server.sh" run "$tmp/imap" mentoring 'imap secret' >imap.ready 2>imap.err &
pids+=($!)
for _ in $(seq 200); do grep -q READY imap.ready 2>/dev/null && break; sleep 0.1; done
read -r _ _ imaps_port <imap.ready || { echo "dovecot did not start: $(cat imap.err)"; exit 1; }

# An HTTP server for Amara's busy calendar.
mkdir -p feeds
printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nEND:VCALENDAR\r\n' >feeds/amara.ics
http_port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
(cd feeds && exec /usr/bin/python3 -m http.server --bind 127.0.0.1 "$http_port") >http.log 2>&1 &
pids+=($!)
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$http_port/amara.ics" >/dev/null && break; sleep 0.1; done

printf 'imap secret\n' >imap-password
sed -e 's/^state = .*/state = "state.sqlite3"/' \
    -e "s|^email = \"amara@example.org\"|email = \"amara@example.org\"\nbusy_calendar = \"http://127.0.0.1:$http_port/amara.ics\"|" \
    "$src/packaging/examples/demo.toml" >demo.toml
cat >>demo.toml <<TOML

[imap]
url = "imaps://127.0.0.1:$imaps_port/INBOX"
username = "mentoring"
password_file = "imap-password"
ca_file = "imap/certs/ca.pem"
TOML
"$bin" check-config demo.toml >/dev/null 2>&1 || fail "config: $("$bin" check-config demo.toml 2>&1)"

"$bin" run --once --config demo.toml --now 2026-11-22T09:00:00Z >run1.out 2>&1 || fail "first run: $(cat run1.out)"

# The meetings the answers are about (UID|start|sequence).
pick() { sql "SELECT uid, start, sequence FROM meetings WHERE pair = '$1' AND status = 'booked' ORDER BY start LIMIT 1 OFFSET $2"; }
IFS='|' read -r m1 _ _ < <(pick amara-li 0)
IFS='|' read -r m1b m1b_start _ < <(pick amara-li 2)
IFS='|' read -r m2 m2_start _ < <(pick amara-priya 1)
IFS='|' read -r m3 _ _ < <(pick tom-jack 1)
IFS='|' read -r m4 m4_start m4_seq < <(pick maria-diego 1)
IFS='|' read -r m8 _ _ < <(pick sofia-maria 0)
IFS='|' read -r m9 _ _ < <(pick maria-diego 2)
for v in m1 m1b m2 m3 m4 m8 m9; do [ -n "${!v}" ] || fail "no meeting for $v: $(sql 'SELECT pair, start FROM meetings')"; done

n=0
deliver() { n=$((n + 1)); cat >"mail$n.eml"; "$src/tests/net/imap_server.sh" deliver "$tmp/imap" mentoring "mail$n.eml"; }
reply outlook --uid "$m1" --attendee li.wei@example.org --partstat ACCEPTED | deliver
reply gmail --uid "$m2" --attendee priya@example.org --partstat DECLINED | deliver
reply outlook --uid "$m3" --attendee jack@example.org --method COUNTER \
  --start 20261208T070000Z --end 20261208T080000Z | deliver
reply gmail --uid "$m4" --attendee diego@example.org --method COUNTER --sequence "$m4_seq" \
  --start 20261205T030000Z --end 20261205T040000Z | deliver
reply outlook --uid "$m1" --attendee li.wei@example.org --from mallory@evil.example --partstat DECLINED | deliver
reply outlook --uid "$m3" --attendee jack@example.org --sequence 0 --partstat DECLINED | deliver   # stale after the COUNTER
reply tnef --uid "$m1" --attendee li.wei@example.org | deliver
reply exchange --uid "$m8" --attendee sofia@example.org --method REFRESH | deliver
reply exchange --uid "$m9" --attendee maria@example.org --partstat TENTATIVE | deliver

# A busy event in Amara's calendar over her third meeting with Li.
start_ics=$(date -u -d "@$m1b_start" +%Y%m%dT%H%M%SZ)
end_ics=$(date -u -d "@$((m1b_start + 3600))" +%Y%m%dT%H%M%SZ)
printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:dentist@cal.example\r\nDTSTAMP:20261120T000000Z\r\nDTSTART:%s\r\nDTEND:%s\r\nSUMMARY:Dentist\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' \
  "$start_ics" "$end_ics" >feeds/amara.ics

"$bin" run --once --config demo.toml --now 2026-11-22T10:00:00Z >run2.out 2>&1 || fail "second run: $(cat run2.out)"

outcome() { sql "SELECT outcome FROM replies WHERE meeting_uid = '$1' AND attendee = '$2' AND method = '$3' ORDER BY id" | tr '\n' ' '; }
[ "$(sql "SELECT mentee_partstat FROM meetings WHERE uid = '$m1'")" = ACCEPTED ] || fail "ACCEPT not applied"
[ "$(sql "SELECT status, cancel_kind FROM meetings WHERE uid = '$m2'")" = "cancelled|declined" ] || fail "DECLINE did not cancel"
local2=${m2%@*}
ls outbox | grep -q "^$local2\.1\.c0@" && ls outbox | grep -q "^$local2\.1\.c1@" || fail "no CANCEL to both for the decline"
[ "$(sql "SELECT sequence, start FROM meetings WHERE uid = '$m3'")" = "1|$(date -u -d 2026-12-08T07:00:00Z +%s)" ] \
  || fail "COUNTER not accepted: $(sql "SELECT sequence, start FROM meetings WHERE uid = '$m3'")"
local3=${m3%@*}
ls outbox | grep -q "^$local3\.1\.r0@" && ls outbox | grep -q "^$local3\.1\.r1@" || fail "no new REQUEST to both for the COUNTER"
[ "$(sql "SELECT sequence, start FROM meetings WHERE uid = '$m4'")" = "$m4_seq|$m4_start" ] || fail "an impossible COUNTER moved the meeting"
local4=${m4%@*}
ls outbox | grep -qE "^$local4\.$m4_seq\.d1\.counter-" || fail "no DECLINECOUNTER to Diego"
ls outbox | grep -qE "^$local4\.$m4_seq\.d0\." && fail "DECLINECOUNTER went to Maria too"
[ "$(outcome "$m1" li.wei@example.org REPLY)" = "applied " ] || fail "spoofed reply: $(outcome "$m1" li.wei@example.org REPLY)"
# The spoof names our meeting but comes from no partner: recorded as ignored, never parsed.
[ "$(outcome "$m1" mallory@evil.example REPLY)" = "ignored " ] || fail "spoofed reply not recorded: $(sql "SELECT * FROM replies WHERE meeting_uid = '$m1'")"
sql "SELECT detail FROM replies WHERE meeting_uid = '$m1' AND outcome = 'ignored'" | grep -q "mallory@evil.example" || fail "spoof detail"
[ "$(outcome "$m3" jack@example.org REPLY)" = "stale " ] || fail "stale reply: $(outcome "$m3" jack@example.org REPLY)"
[ "$(sql "SELECT status FROM meetings WHERE uid = '$m3'")" = booked ] || fail "a stale DECLINE was applied"
local8=${m8%@*}
ls outbox | grep -qE "^$local8\.0\.r0\.refresh-" || fail "REFRESH did not resend the invite to Sofia"
ls outbox | grep -qE "^$local8\.0\.r1\.refresh-" && fail "REFRESH went to Maria too"
[ "$(sql "SELECT mentor_partstat FROM meetings WHERE uid = '$m9'")" = TENTATIVE ] || fail "Exchange TENTATIVE not applied"
grep -q "TNEF" run2.out || fail "the TNEF message was not reported: $(cat run2.out)"
# The busy event moved Amara's meeting: same UID, SEQUENCE+1, a new time.
[ "$(sql "SELECT sequence FROM meetings WHERE uid = '$m1b'")" = 1 ] && \
  [ "$(sql "SELECT start FROM meetings WHERE uid = '$m1b'")" != "$m1b_start" ] || fail "the busy event did not move the meeting"

# The next tick books a make-up for the declined meeting, in the same month.
"$bin" run --once --config demo.toml --now 2026-11-22T11:00:00Z >run3.out 2>&1 || fail "third run: $(cat run3.out)"
month=$(date -u -d "@$m2_start" +%Y-%m)
makeup=$(sql "SELECT count(*) FROM meetings WHERE pair = 'amara-priya' AND status = 'booked' AND strftime('%Y-%m', start, 'unixepoch') = '$month'")
[ "$makeup" -ge 1 ] || fail "no make-up meeting in $month"
[ "$(sql 'SELECT count(*) FROM replies')" = 8 ] || fail "answers read twice or lost: $(sql 'SELECT count(*) FROM replies')"

# The feed breaks: its last good copy stays in use, status says so.
printf 'this is not a calendar' >feeds/amara.ics
rm feeds/amara.ics
"$bin" run --once --config demo.toml --now 2026-11-22T12:00:00Z >run4.out 2>&1 || fail "fourth run: $(cat run4.out)"
[ "$(sql "SELECT sequence FROM meetings WHERE uid = '$m1b'")" = 1 ] || fail "losing the feed moved the meeting again"
"$bin" status --config demo.toml --now 2026-11-22T12:00:00Z >status.txt 2>&1
grep -q "Busy calendar of amara: .*last try failed: the server answered 404" status.txt || fail "status: $(tail -3 status.txt)"

# A message over 25 MiB is not read: the first tick stops at it and leaves the answers after it
# for later; the second passes over it (logged) and applies the answer that came after it.
IFS='|' read -r m10 m10_seq < <(sql "SELECT uid, sequence FROM meetings WHERE pair = 'tom-jack' AND status = 'booked' AND mentee_partstat = 'NEEDS-ACTION' ORDER BY start LIMIT 1")
[ -n "$m10" ] || fail "no unanswered tom-jack meeting: $(sql "SELECT uid, mentee_partstat FROM meetings WHERE pair = 'tom-jack'")"
{ printf 'From: jack@example.org\r\nTo: mentoring@example.org\r\nSubject: holiday photos\r\nMessage-ID: <huge@example.org>\r\n\r\n'
  head -c 20000000 /dev/zero | tr '\0' 'x' | fold -w 998 | sed 's/$/\r/'
  head -c 7000000 /dev/zero | tr '\0' 'y' | fold -w 998 | sed 's/$/\r/'; } | deliver
reply outlook --uid "$m10" --attendee jack@example.org --sequence "$m10_seq" --partstat ACCEPTED | deliver
"$bin" run --once --config demo.toml --now 2026-11-22T13:00:00Z >run5.out 2>&1 || fail "fifth run: $(cat run5.out)"
grep -q "it will be read again next time" run5.out || fail "the huge message was not reported: $(cat run5.out)"
[ "$(sql "SELECT mentee_partstat FROM meetings WHERE uid = '$m10'")" = NEEDS-ACTION ] || fail "an answer after the huge message was read out of order"
"$bin" run --once --config demo.toml --now 2026-11-22T13:05:00Z >run6.out 2>&1 || fail "sixth run: $(cat run6.out)"
grep -q "skipped after two attempts" run6.out || fail "the huge message was not passed over: $(cat run6.out)"
[ "$(sql "SELECT mentee_partstat FROM meetings WHERE uid = '$m10'")" = ACCEPTED ] || fail "the answer after the huge message was not applied"

# Every message we sent still passes the interop checks (DECLINECOUNTER included).
/usr/bin/python3 "$src/tests/interop/check_messages.py" --min 20 outbox >check.txt 2>&1 || fail "interop: $(cat check.txt)"
finish "replies and feeds"
