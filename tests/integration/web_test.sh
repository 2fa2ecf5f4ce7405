#!/usr/bin/env bash
# Issue 15 through the real binaries: `run --once` puts each partner's link in every letter;
# `mentorcal web` serves the page behind it with the strict headers; a wrong, revoked or retired
# link is 404 like any unknown path; a POST without the CSRF token changes nothing; "I can't make
# this one" cancels the meeting for both (the DECLINE path), confirms by letter, and the next tick
# books a make-up that is not at the declined time; a tick holding the state's lock makes a change
# wait (503, nothing done); a person without abilities (web_abilities = []) sees no form and
# cannot post; away dates (validated, CSRF, confirmed by letter) move the meeting in
# them at the next tick (the same UID, SEQUENCE+1, to both); weekly availability (the form filled
# with today's windows, the config's rules, at most 14, confirmed by letter) is what the next tick
# plans in; "continue?" after the getting-to-know-you meeting and requests to pause or end reach
# the admins (status, status --json, the digest) and end nothing by themselves; status, plan and
# check-config show partners' changes with when; a person whose abilities leave those out
# (web_abilities) cannot use them; rate limits answer 429; an oversized body 413.
# Usage: web_test.sh MENTORCAL SOURCE_DIR
set -u
bin=$(realpath "$1") src=$(realpath "$2")
. "$src/tests/integration/lib.sh"
cd "$tmp"
links=$src/tests/integration/web_link.py
port=$(/usr/bin/python3 "$links" free-port)
base="http://127.0.0.1:$port"
sed -e 's/^state = .*/state = "state.sqlite3"/' "$src/packaging/examples/demo.toml" |
  sed -e "/^\[mail\]/i [web]\nbase_url = \"https://mentoring.example.org/mc\"\nlisten = \"127.0.0.1:$port\"\n" |
  sed -e '/^id = "li"$/a web_abilities = []' |
  sed -e '/^id = "sofia"$/a web_abilities = ["decline", "away"]' >demo.toml
"$bin" check-config demo.toml >check.out 2>&1 || fail "check-config: $(cat check.out)"
"$bin" run --once --config demo.toml --now 2026-11-22T09:00:00Z >run0.out 2>&1 || fail "run0: $(cat run0.out)"
[ "$(stat -c %a state.sqlite3.link-key)" = 600 ] || fail "the link key is not mode 0600"
read -r partners linked < <(/usr/bin/python3 "$links" count outbox)
[ "$partners" -gt 0 ] && [ "$partners" = "$linked" ] || fail "letters with a link: $linked of $partners"
"$src/tests/interop/install.sh" >/dev/null || { echo "cannot install ical.js"; exit 1; }
# Letters with links still pass the interop checks (Python's email, python-icalendar, ical.js).
/usr/bin/python3 "$src/tests/interop/check_messages.py" --min 30 outbox >interop.txt 2>&1 || fail "interop: $(cat interop.txt)"
url=$(/usr/bin/python3 "$links" link outbox amara@example.org) || fail "no link in amara's letters"
[ "$(/usr/bin/python3 "$links" all outbox amara@example.org | wc -l)" = 1 ] || fail "amara's letters carry different links"
token=${url##*/p/}
grep -rq "$token" state.sqlite3 && fail "the token itself is in the state"
[ "$(sql "SELECT count(*) FROM links WHERE token_hash IS NOT NULL")" = 8 ] || fail "links: $(sql 'SELECT * FROM links')"

"$bin" web --config demo.toml --now 2026-11-22T09:30:00Z >web.log 2>&1 &
web_pid=$!
pids+=($web_pid)
for _ in $(seq 100); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.1; done
curl -s -D page.h -o page.html "$base/p/$token" || fail "GET the page"
grep -q "^HTTP/1.1 200" page.h || fail "page: $(head -1 page.h)"
grep -qi "^Content-Security-Policy: default-src 'none';.*frame-ancestors 'none'" page.h || fail "CSP: $(cat page.h)"
grep -qi "^Referrer-Policy: no-referrer" page.h || fail "no Referrer-Policy"
grep -q "<script\|style=\|http://\|https://[^m]" page.html && fail "the page has script, inline style or outside resources"
grep -q "Amara Okafor" page.html || fail "the page is not amara's"
curl -s -I -o head.h "$base/p/$token" && grep -q "^HTTP/1.1 200" head.h || fail "HEAD: $(head -1 head.h)"
head_body=$(/usr/bin/python3 -c '
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=5)
s.sendall(b"HEAD /p/" + sys.argv[2].encode() + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
data = b""
while chunk := s.recv(65536):
    data += chunk
print(len(data.split(b"\r\n\r\n", 1)[1]))' "$port" "$token")
[ "$head_body" = 0 ] || fail "HEAD sent a body of $head_body bytes"
grep -q "Tom\b" page.html && fail "the page shows another pair's meetings"

# li may do nothing on his page (web_abilities = []): he sees his meetings, no forms, and a change
# is 404.
li=$(/usr/bin/python3 "$links" link outbox li.wei@example.org) || fail "no link in li's letters"
curl -s -o li.html "$base/p/${li##*/p/}"
grep -q "Li Wei" li.html && ! grep -q "<form" li.html || fail "li's page offers changes"
amara_forms=$(curl -s "$base/p/$token" | grep -c '<form')
[ "$amara_forms" -gt 0 ] || fail "amara's page offers no changes"
[ "$(curl -s -o /dev/null -w '%{http_code}' -X POST --data "csrf=x&uid=x" "$base/p/${li##*/p/}/decline")" = 404 ] || fail "li could post a decline"
[ "$(curl -s -o /dev/null -w '%{http_code}' -X POST --data "csrf=x&from=2026-12-07&to=2026-12-08" "$base/p/${li##*/p/}/away")" = 404 ] || fail "li could post away dates"

# Unknown, wrong-shaped, revoked: the same 404 as any path.
curl -s -o nothing.html -w '%{http_code}' "$base/nothing" >code.txt
for t in AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA short "$token/x"; do
  code=$(curl -s -o wrong.html -w '%{http_code}' "$base/p/$t")
  [ "$code" = 404 ] && cmp -s wrong.html nothing.html || fail "token $t: $code"
done

IFS='|' read -r uid start < <(sql "SELECT uid, start FROM meetings WHERE pair = 'amara-li' AND status = 'booked' AND first = 0 ORDER BY start LIMIT 1")
csrf=$(grep -o 'name="csrf" value="[^"]*"' page.html | head -1 | sed 's/.*value="//; s/"$//')
post() { curl -s -o post.html -w '%{http_code}' -X POST --data "$1" "$base/p/$token/decline"; }
[ "$(post "uid=$uid")" = 403 ] || fail "a POST without CSRF token was not refused"
[ "$(post "csrf=${csrf}x&uid=$uid")" = 403 ] || fail "a POST with a wrong CSRF token was not refused"
[ "$(sql "SELECT status FROM meetings WHERE uid = '$uid'")" = booked ] || fail "a refused POST changed the meeting"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/p/$token/decline")" = 405 ] || fail "GET decline is not 405"
# A tick holds the lock: nothing is done, the person is told to try again.
flock state.sqlite3.lock sleep 3 &
sleep 0.5
[ "$(post "csrf=$csrf&uid=$uid")" = 503 ] || fail "a change during a tick: $(cat post.html)"
wait $!
[ "$(sql "SELECT status FROM meetings WHERE uid = '$uid'")" = booked ] || fail "a change during a tick was made"
[ "$(post "csrf=$csrf&uid=$uid")" = 200 ] || fail "decline: $(cat post.html)"
grep -q 'class="done"' post.html || fail "no confirmation on the page"
[ "$(sql "SELECT status, cancel_kind FROM meetings WHERE uid = '$uid'")" = "cancelled|declined" ] || fail "not cancelled as declined: $(sql "SELECT status, cancel_kind FROM meetings WHERE uid = '$uid'")"
[ "$(sql "SELECT method, partstat, outcome FROM replies WHERE meeting_uid = '$uid'")" = "REPLY|DECLINED|applied" ] || fail "not recorded as amara's DECLINE"
[ "$(sql "SELECT recipient FROM outbox WHERE message_id LIKE 'declined-%'")" = amara@example.org ] || fail "no confirmation letter to amara alone"
[ "$(sql "SELECT count(*) FROM outbox WHERE meeting_uid = '$uid' AND method = 'CANCEL'")" = 2 ] || fail "no CANCEL to both"
[ "$(post "csrf=$csrf&uid=$uid")" = 404 ] || fail "declining a cancelled meeting again"
# The next tick books a make-up, never at the declined time.
"$bin" run --once --config demo.toml --now 2026-11-22T09:50:00Z >run-decline.out 2>&1 || fail "run after the decline: $(cat run-decline.out)"
[ "$(sql "SELECT count(*) FROM meetings WHERE pair = 'amara-li' AND status = 'booked' AND created = $(date -u -d 2026-11-22T09:50:00Z +%s)")" -ge 1 ] || fail "no make-up after the decline: $(cat run-decline.out)"

# Away dates: a week in December covering amara-priya's meeting on Wednesday 9 December.
IFS='|' read -r away_uid away_seq < <(sql "SELECT uid, sequence FROM meetings WHERE pair = 'amara-priya' AND status = 'booked' AND start >= $(date -u -d 2026-12-07 +%s) AND start < $(date -u -d 2026-12-14 +%s) LIMIT 1")
[ -n "$away_uid" ] || fail "no amara-priya meeting in the week of 7 December: $(sql "SELECT pair, datetime(start, 'unixepoch') FROM meetings WHERE status = 'booked'")"
away() { curl -s -o away.html -w '%{http_code}' -X POST --data "$1" "$base/p/$token/away"; }
[ "$(away "csrf=$csrf&from=2026-12-13&to=2026-12-07&note=")" = 400 ] || fail "a range ending before it starts was taken"
[ "$(away "csrf=$csrf&from=2026-02-30&to=2026-12-07&note=")" = 400 ] || fail "30 February was taken"
[ "$(away "from=2026-12-07&to=2026-12-13&note=")" = 403 ] || fail "away dates without CSRF token were taken"
[ "$(sql "SELECT count(*) FROM partner_away")" = 0 ] || fail "refused away dates were kept"
[ "$(away "csrf=$csrf&from=2026-12-07&to=2026-12-13&note=conference")" = 200 ] || fail "away: $(cat away.html)"
grep -q 'class="done"' away.html && grep -q conference away.html || fail "no confirmation of the away dates"
[ "$(sql "SELECT person, from_date, to_date, note FROM partner_away")" = "amara|2026-12-07|2026-12-13|conference" ] || fail "away row: $(sql 'SELECT * FROM partner_away')"
[ "$(sql "SELECT recipient FROM outbox WHERE message_id LIKE 'away-amara-%'")" = amara@example.org ] || fail "no letter confirming the away dates"
# A second range, removed again.
away "csrf=$csrf&from=2027-01-04&to=2027-01-05&note=" >/dev/null
second=$(sql "SELECT id FROM partner_away WHERE from_date = '2027-01-04'")
[ "$(curl -s -o /dev/null -w '%{http_code}' -X POST --data "csrf=$csrf&id=$second" "$base/p/$token/away/remove")" = 200 ] || fail "remove away dates"
[ "$(sql "SELECT count(*) FROM partner_away")" = 1 ] || fail "the removed range is still there"
# At most 20 ranges a person: the 21st is refused and nothing is kept or sent (19 more put
# straight into the state, far beyond the horizon, then taken out again).
write_sql() { /usr/bin/python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit()' state.sqlite3 "$1"; }
write_sql "$(for m in $(seq 1 19); do echo "INSERT INTO partner_away (person, from_date, to_date, note, added) VALUES ('amara', '2027-10-01', '2027-10-02', 'filler $m', 0);"; done)"
[ "$(sql "SELECT count(*) FROM partner_away WHERE person = 'amara'")" = 20 ] || fail "test setup: 20 ranges"
letters_before=$(sql "SELECT count(*) FROM outbox")
[ "$(away "csrf=$csrf&from=2027-11-01&to=2027-11-02&note=")" = 409 ] || fail "a 21st away range was taken: $(cat away.html)"
grep -q 'role="alert"' away.html && grep -q "20 away ranges" away.html || fail "no word on the limit: $(cat away.html)"
[ "$(sql "SELECT count(*) FROM partner_away WHERE person = 'amara'")" = 20 ] || fail "the refused range was kept"
[ "$(sql "SELECT count(*) FROM outbox")" = "$letters_before" ] || fail "a refused range sent a letter"
write_sql "DELETE FROM partner_away WHERE note LIKE 'filler %'"
[ "$(sql "SELECT count(*) FROM partner_away")" = 1 ] || fail "test cleanup: the filler ranges are still there"
"$bin" status --config demo.toml --now 2026-11-22T09:56:00Z >status.out 2>&1
grep -q "Partner change: amara is away 2026-12-07 to 2026-12-13 (conference) (their page, 2026-11-22T09:30:00Z)" status.out || fail "status does not show the partner's change: $(tail -5 status.out)"
"$bin" plan --config demo.toml --now 2026-11-22T09:56:00Z >plan.out 2>/dev/null
grep -q "^  amara is away 2026-12-07 to 2026-12-13 (conference) (their page, 2026-11-22T09:30:00Z)" plan.out || fail "plan does not show the partner's change: $(tail -5 plan.out)"

# Revoked: the old link is 404 at once, the next letter carries the new one.
"$bin" person relink amara --config demo.toml --now 2026-11-22T09:55:00Z >relink.out 2>&1 || fail "relink: $(cat relink.out)"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/p/$token")" = 404 ] || fail "the revoked link still works"
"$bin" person relink nobody --config demo.toml >relink2.out 2>&1 && fail "relink of an unknown person succeeded"
"$bin" run --once --config demo.toml --now 2026-11-22T10:00:00Z >run1.out 2>&1 || fail "run1: $(cat run1.out)"
[ "$(sql "SELECT count(*) FROM meetings WHERE pair = 'amara-li' AND status = 'booked' AND start = $start")" = 0 ] || fail "the declined time was booked again"
# The meeting in the away week moved: the same UID, SEQUENCE+1, a REQUEST to both, outside the week
# (amara's days, Africa/Lagos, UTC+1).
IFS='|' read -r moved_status moved_seq moved_start < <(sql "SELECT status, sequence, start FROM meetings WHERE uid = '$away_uid'")
[ "$moved_status" = booked ] && [ "$moved_seq" = $((away_seq + 1)) ] || fail "the meeting in the away week: $moved_status, sequence $moved_seq (was $away_seq)"
[ "$moved_start" -lt "$(date -u -d 2026-12-06T23:00:00Z +%s)" ] || [ "$moved_start" -ge "$(date -u -d 2026-12-13T23:00:00Z +%s)" ] || fail "the meeting still lies in the away week: $(date -u -d "@$moved_start")"
[ "$(sql "SELECT count(*) FROM outbox WHERE meeting_uid = '$away_uid' AND sequence = $moved_seq AND method = 'REQUEST'")" = 2 ] || fail "the move did not go to both"
[ "$(sql "SELECT count(*) FROM meetings m WHERE status = 'booked' AND (mentor_email = 'amara@example.org') AND start >= $(date -u -d 2026-12-06T23:00:00Z +%s) AND start < $(date -u -d 2026-12-13T23:00:00Z +%s)")" = 0 ] || fail "amara has a meeting in her away week"
# The confirmation letters, read as their reader reads them: every part decodes as declared (the
# interop checks), and the away letter names the days she gave and carries her new link.
ls outbox/declined-*.eml outbox/away-amara-*.eml >confirmations.txt 2>/dev/null || fail "no confirmation letters in the outbox: $(ls outbox | head)"
[ "$(wc -l <confirmations.txt)" -ge 3 ] || fail "confirmation letters: $(cat confirmations.txt)"
/usr/bin/python3 "$src/tests/interop/check_messages.py" --min 3 $(cat confirmations.txt) >confirm-check.txt 2>&1 || fail "confirmation letters: $(cat confirm-check.txt)"
/usr/bin/python3 - $(grep away-amara- confirmations.txt) <<'PY' || fail "the away letter"
import email, email.policy, re, sys
texts = []
for path in sys.argv[1:]:
    msg = email.message_from_bytes(open(path, "rb").read(), policy=email.policy.default)
    assert msg["To"].addresses[0].addr_spec == "amara@example.org", msg["To"]
    texts.append(next(p.get_content() for p in msg.walk() if p.get_content_type() == "text/plain"))
first = next(t for t in texts if "conference" in t or "7 December" in t or "2026" in t)
assert re.search(r"away from .*7 Dec.* to .*13 Dec", first, re.S), first
assert re.search(r"https?://\S+/p/[A-Za-z0-9_-]{40,}", first), first
print(f"{len(texts)} away letters read")
PY

# Retired when the pairing ends (tom has one pair).
tom=$(/usr/bin/python3 "$links" link outbox tom@example.org) || fail "no link in tom's letters"
"$bin" pair end tom-jack --reason goals-met --config demo.toml --now 2026-11-22T11:00:00Z >end.out 2>&1 || fail "pair end: $(cat end.out)"
"$bin" run --once --config demo.toml --now 2026-11-22T11:05:00Z >run2.out 2>&1 || fail "run2: $(cat run2.out)"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/p/${tom##*/p/}")" = 404 ] || fail "an ended pairing's link still works"
new_url=""
for u in $(/usr/bin/python3 "$links" all outbox amara@example.org); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/p/${u##*/p/}")" = 200 ] && new_url=$u
done
[ -n "$new_url" ] && [ "$new_url" != "$url" ] || fail "no letter after the relink carries a working link"

# page_of ADDRESS BASE FILE: fetch the page behind the newest link in ADDRESS's letters from BASE
# into FILE; print the link's token.
page_of() {
  local url
  url=$(/usr/bin/python3 "$links" link outbox "$1") || { fail "no link in $1's letters"; return 1; }
  curl -s -o "$3" "$2/p/${url##*/p/}"
  echo "${url##*/p/}"
}
# csrf_of PAGE: the CSRF token of the page's forms.
csrf_of() { grep -o 'name="csrf" value="[^"]*"' "$1" | head -1 | sed 's/.*value="//; s/"$//'; }
# Weekly availability (priya, Asia/Kolkata): the form starts from her windows in the file.
pt=$(page_of priya@example.org "$base" priya.html)
grep -q 'id="start1" name="start1"[^>]*value="18:00"' priya.html && grep -q '<option value="Wed" selected>' priya.html || fail "the availability form does not start from today's windows: $(grep -A3 'day1' priya.html | head -8)"
pcsrf=$(csrf_of priya.html)
avail() { curl -s -o avail.html -w '%{http_code}' -X POST --data "$1" "$base/p/$pt/availability"; }
[ "$(avail "csrf=$pcsrf&day1=Mon&start1=17:00&end1=13:00")" = 400 ] || fail "a window ending before it starts was taken"
grep -q 'role="alert"' avail.html && grep -q 'value="17:00"' avail.html || fail "a refused window is not shown again with a word"
[ "$(avail "csrf=$pcsrf&day1=Mon&start1=1pm&end1=17:00")" = 400 ] || fail "a 12-hour time was taken"
[ "$(avail "csrf=$pcsrf&day1=Funday&start1=13:00&end1=17:00")" = 400 ] || fail "an unknown day was taken"
[ "$(avail "csrf=$pcsrf&day1=Mon&start1=&end1=")" = 400 ] || fail "no window at all was taken"
[ "$(avail "day1=Mon&start1=13:00&end1=17:00")" = 403 ] || fail "availability without CSRF token was taken"
many="csrf=$pcsrf"
for n in $(seq 1 15); do many="$many&day$n=Tue&start$n=$(printf %02d "$n"):00&end$n=$(printf %02d "$n"):30"; done
[ "$(avail "$many")" = 409 ] || fail "15 windows were taken: $(cat avail.html | grep alert)"
[ "$(sql "SELECT count(*) FROM partner_windows")" = 0 ] || fail "refused windows were kept"
[ "$(avail "csrf=$pcsrf&day1=Mon&start1=13:00&end1=17:00&day2=Sat&start2=&end2=")" = 200 ] || fail "availability: $(cat avail.html)"
grep -q 'class="done"' avail.html && grep -q 'Monday 13:00–17:00' avail.html || fail "no confirmation of the new availability"
[ "$(sql "SELECT person, windows FROM partner_windows")" = "priya|Mon 13:00-17:00" ] || fail "windows row: $(sql 'SELECT * FROM partner_windows')"
[ "$(sql "SELECT count(*) FROM audit WHERE kind = 'web-availability' AND subject = 'priya'")" = 1 ] || fail "no audit row for the availability"
[ "$(sql "SELECT recipient FROM outbox WHERE message_id LIKE 'availability-priya-%'")" = priya@example.org ] || fail "no letter confirming the availability"
# The next tick plans in it: every upcoming amara-priya meeting moves to Monday 08:00-11:00 UTC
# (priya's Monday 13:00-17:00 in Kolkata meeting amara's Monday 09:00-12:00 in Lagos); the file's
# Wednesday and Saturday windows are no longer used.
"$bin" run --once --config demo.toml --now 2026-11-22T11:10:00Z >run-avail.out 2>&1 || fail "run after the availability: $(cat run-avail.out)"
letter=$(ls outbox/availability-priya-*.eml 2>/dev/null | head -1)
[ -n "$letter" ] || fail "the availability letter is not in the outbox"
upcoming=$(sql "SELECT count(*) FROM meetings WHERE pair = 'amara-priya' AND status = 'booked' AND start > $(date -u -d 2026-11-24T12:00:00Z +%s)")
outside=$(sql "SELECT count(*) FROM meetings WHERE pair = 'amara-priya' AND status = 'booked' AND start > $(date -u -d 2026-11-24T12:00:00Z +%s) AND NOT (strftime('%w', start, 'unixepoch') = '1' AND strftime('%H:%M', start, 'unixepoch') >= '08:00' AND strftime('%H:%M', \"end\", 'unixepoch') <= '11:00')")
[ "$upcoming" -ge 2 ] && [ "$outside" = 0 ] || fail "amara-priya after the new availability: $outside of $upcoming outside it: $(sql "SELECT datetime(start, 'unixepoch') FROM meetings WHERE pair = 'amara-priya' AND status = 'booked'")"
# plan follows her windows too (it applies the state's changes to the file in place).
"$bin" plan --json --config demo.toml --now 2026-11-22T11:10:00Z >plan-avail.json 2>/dev/null || fail "plan --json after the availability"
python3 - plan-avail.json <<'EOF' || fail "plan --json does not follow priya's new availability"
import json, sys
from datetime import datetime
plan = json.load(open(sys.argv[1]))
times = [(datetime.fromisoformat(m["start"].replace("Z", "+00:00")),
          datetime.fromisoformat(m["end"].replace("Z", "+00:00")))
         for m in plan["meetings"] if m["pair"] == "amara-priya"]
assert times, "no amara-priya meeting in the plan"
outside = [s for s, e in times if not (s.weekday() == 0 and s.strftime("%H:%M") >= "08:00"
                                       and e.strftime("%H:%M") <= "11:00")]
assert not outside, f"outside Monday 08:00-11:00 UTC: {outside}"
EOF
"$bin" plan --config demo.toml --now 2026-11-22T11:10:00Z >plan-avail.out 2>/dev/null
grep -q "^  priya's weekly availability is now Mon 13:00-17:00 (their page, 2026-11-22T09:30:00Z)" plan-avail.out || fail "plan does not show the availability: $(tail -5 plan-avail.out)"
"$bin" check-config demo.toml >check-avail.out 2>&1 || fail "check-config: $(cat check-avail.out)"
grep -q "priya's weekly availability is now Mon 13:00-17:00 (their page, 2026-11-22T09:30:00Z)" check-avail.out && grep -q "amara is away 2026-12-07 to 2026-12-13" check-avail.out || fail "check-config does not show partners' changes: $(cat check-avail.out)"
# sofia may only decline and give away dates (web_abilities): no availability form, no requests.
sofia=$(/usr/bin/python3 "$links" link outbox sofia@example.org) || fail "no link in sofia's letters"
curl -s -o sofia.html "$base/p/${sofia##*/p/}"
grep -q '/away"' sofia.html && ! grep -q '/availability"\|/ask"' sofia.html || fail "sofia's page offers what she may not do"
[ "$(curl -s -o /dev/null -w '%{http_code}' -X POST --data "csrf=x&day1=Mon&start1=09:00&end1=10:00" "$base/p/${sofia##*/p/}/availability")" = 404 ] || fail "sofia could post availability"
[ "$(curl -s -o /dev/null -w '%{http_code}' -X POST --data "csrf=x&pair=sofia-maria&kind=end&reason=other" "$base/p/${sofia##*/p/}/ask")" = 404 ] || fail "sofia could ask to end"

# After the getting-to-know-you meeting (a page seen four weeks on): maria (Spanish) is asked
# "continue?"; her "no" reaches the admins and ends nothing.
port3=$(/usr/bin/python3 "$links" free-port)
sed -e "s/127.0.0.1:$port/127.0.0.1:$port3/" demo.toml >later.toml
"$bin" web --config later.toml --now 2026-12-19T12:00:00Z >web-later.log 2>&1 &
pids+=($!)
later="http://127.0.0.1:$port3"
for _ in $(seq 100); do curl -sf "$later/healthz" >/dev/null && break; sleep 0.1; done
[ "$(sql "SELECT count(*) FROM meetings WHERE pair = 'maria-diego' AND first = 1 AND status = 'booked' AND \"end\" < $(date -u -d 2026-12-19T12:00:00Z +%s)")" = 1 ] || fail "test setup: maria-diego's first meeting is not over by 19 December"
mt=$(page_of maria@example.org "$later" maria.html)
grep -q '¿Quieres continuar con Diego Fuentes?' maria.html || fail "maria is not asked to continue (in Spanish): $(grep -c form maria.html) forms"
mcsrf=$(csrf_of maria.html)
cont() { curl -s -o cont.html -w '%{http_code}' -X POST --data "$1" "$later/p/$mt/continue"; }
[ "$(cont "pair=maria-diego&answer=no")" = 403 ] || fail "an answer without CSRF token was taken"
[ "$(cont "csrf=$mcsrf&pair=maria-diego&answer=maybe")" = 400 ] || fail "an answer other than yes or no was taken"
[ "$(cont "csrf=$mcsrf&pair=amara-li&answer=no")" = 404 ] || fail "an answer for another's pair was taken"
[ "$(sql "SELECT count(*) FROM partner_requests")" = 0 ] || fail "refused answers were kept"
[ "$(cont "csrf=$mcsrf&pair=maria-diego&answer=no&word=No+encajamos%2C+gracias")" = 200 ] || fail "continue: $(cat cont.html)"
grep -q 'class="done"' cont.html && grep -q 'prefieres no continuar con Diego Fuentes' cont.html || fail "no confirmation of the answer (in Spanish)"
[ "$(cont "csrf=$mcsrf&pair=maria-diego&answer=yes")" = 404 ] || fail "the question was answered twice"
[ "$(sql "SELECT pair, person, kind, word FROM partner_requests")" = "maria-diego|maria|continue-no|No encajamos, gracias" ] || fail "request row: $(sql 'SELECT * FROM partner_requests')"
[ "$(sql "SELECT count(*) FROM audit WHERE kind = 'web-continue-no' AND subject = 'maria-diego'")" = 1 ] || fail "no audit row for the answer"
[ "$(sql "SELECT count(*) FROM pair_events WHERE pair = 'maria-diego'")" = 0 ] || fail "the answer ended the pairing by itself"
# diego asks to pause it (the reasons of seed 000).
dt=$(page_of diego@example.org "$later" diego.html)
grep -q 'value="lost-contact"' diego.html || fail "diego is not offered the reasons"
dcsrf=$(csrf_of diego.html)
ask() { curl -s -o ask.html -w '%{http_code}' -X POST --data "$1" "$later/p/$dt/ask"; }
[ "$(ask "csrf=$dcsrf&pair=maria-diego&kind=stop&reason=other")" = 400 ] || fail "an unknown kind of request was taken"
[ "$(ask "csrf=$dcsrf&pair=maria-diego&kind=pause&reason=bored")" = 400 ] || fail "an unknown reason was taken"
[ "$(ask "csrf=$dcsrf&pair=amara-li&kind=end&reason=other")" = 404 ] || fail "a request about another's pair was taken"
[ "$(ask "csrf=$dcsrf&pair=maria-diego&kind=pause&reason=lost-contact&word=")" = 200 ] || fail "ask: $(cat ask.html)"
[ "$(ask "csrf=$dcsrf&pair=maria-diego&kind=pause&reason=lost-contact&word=")" = 200 ] || fail "ask again"
[ "$(sql "SELECT count(*) FROM partner_requests WHERE kind = 'pause'")" = 1 ] || fail "the same request twice was kept twice"
# The admins see them: status, status --json and the digest; the pairing goes on until an admin acts.
"$bin" status --config demo.toml --now 2026-11-22T11:20:00Z >status-req.out 2>&1
grep -q "Requests from partners, waiting for an admin:" status-req.out && grep -q '  maria does not want to continue maria-diego after the first meeting: asks to end it: "No encajamos, gracias" (2026-12-19T12:00:00Z)' status-req.out && grep -q "  diego asks to pause maria-diego (busy schedules or lost touch)" status-req.out || fail "status does not show the requests: $(tail -8 status-req.out)"
"$bin" status --json --config demo.toml --now 2026-11-22T11:20:00Z >status-req.json 2>/dev/null
/usr/bin/python3 -c '
import json, sys
doc = json.load(open(sys.argv[1]))
kinds = [(r["person"], r["kind"], r["reason"]) for r in doc["requests"]]
assert kinds == [("maria", "continue-no", ""), ("diego", "pause", "lost-contact")], kinds
changes = {c["change"] for c in doc["partner_changes"]}
assert changes == {"away", "availability", "request"}, changes
assert any(c.get("windows") == "Mon 13:00-17:00" and c["at"] == "2026-11-22T09:30:00Z" for c in doc["partner_changes"])
' status-req.json || fail "status --json: $(cat status-req.json | tail -30)"
"$bin" run --once --config demo.toml --now 2026-11-23T08:05:00Z >run-digest.out 2>&1 || fail "run at the digest: $(cat run-digest.out)"
digest=$(ls outbox/digest-2026-11-23*.eml 2>/dev/null | head -1)
[ -n "$digest" ] || fail "no digest on Monday 23 November: $(ls outbox | grep digest)"
/usr/bin/python3 - "$digest" <<'PY' || fail "the digest does not list the requests"
import email, email.policy, sys
msg = email.message_from_bytes(open(sys.argv[1], "rb").read(), policy=email.policy.default)
text = next(p.get_content() for p in msg.walk() if p.get_content_type() == "text/plain")
assert "maria does not want to continue maria-diego after the first meeting: asks to end it" in text, text
assert "diego asks to pause maria-diego (busy schedules or lost touch)" in text, text
assert "No encajamos" not in text, text  # their words stay in status
PY
[ "$(sql "SELECT count(*) FROM meetings WHERE pair = 'maria-diego' AND status = 'booked' AND start > $(date -u -d 2026-11-23T08:05:00Z +%s)")" -ge 1 ] || fail "a request cancelled the pair's meetings"
# An admin ends the pairing: the requests are answered and leave the list.
"$bin" pair end maria-diego --reason not-compatible --config demo.toml --now 2026-11-23T09:00:00Z >end2.out 2>&1 || fail "pair end: $(cat end2.out)"
"$bin" status --config demo.toml --now 2026-11-23T09:05:00Z >status-done.out 2>&1
grep -q "waiting for an admin" status-done.out && fail "answered requests still wait: $(tail -5 status-done.out)"
# The confirmation letters (queued at the later page's time, so sent by a tick after it), read
# as their readers read them.
"$bin" run --once --config demo.toml --now 2026-12-19T12:05:00Z >run-later.out 2>&1 || fail "run after the requests: $(cat run-later.out)"
ls outbox/asked-*-maria@*.eml outbox/asked-*-diego@*.eml >asked.txt 2>/dev/null && [ "$(wc -l <asked.txt)" = 2 ] || fail "confirmation letters of the requests: $(ls outbox | grep asked)"
/usr/bin/python3 "$src/tests/interop/check_messages.py" --min 3 $(cat asked.txt) "$letter" >asked-check.txt 2>&1 || fail "request letters: $(cat asked-check.txt)"
/usr/bin/python3 - $(cat asked.txt) <<'PY' || fail "the request letters"
import email, email.policy, re, sys
for path in sys.argv[1:]:
    msg = email.message_from_bytes(open(path, "rb").read(), policy=email.policy.default)
    text = next(p.get_content() for p in msg.walk() if p.get_content_type() == "text/plain")
    assert re.search(r"https?://\S+/p/[A-Za-z0-9_-]{40,}", text), text
    if "maria" in path:
        assert "prefieres no continuar con Diego Fuentes" in text and msg["To"].addresses[0].addr_spec == "maria@example.org", text
    else:
        assert "pausar tu mentoría con María González" in text and "perdido el contacto" in text, text
print("request letters read")
PY

# Limits: an oversized body, then the per-link rate limit.
head -c 40000 /dev/zero | tr '\0' a >big.txt
[ "$(curl -s -o /dev/null -w '%{http_code}' -X POST --data-binary @big.txt "$base/p/${new_url##*/p/}/decline")" = 413 ] || fail "an oversized body was not 413"
codes=$(for _ in $(seq 40); do curl -s -o /dev/null -w '%{http_code}\n' "$base/p/BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB"; done | sort | uniq -c | tr '\n' ' ')
[[ "$codes" == *429* ]] || fail "no 429 after 40 requests on one link: $codes"
# Socket activation: the socket systemd passes (systemd-socket-activate stands in for systemd).
if command -v systemd-socket-activate >/dev/null; then
  port2=$(/usr/bin/python3 "$links" free-port)
  systemd-socket-activate -l "127.0.0.1:$port2" "$bin" web --config demo.toml >activated.log 2>&1 &
  pids+=($!)
  ok=""
  for _ in $(seq 100); do [ "$(curl -s "http://127.0.0.1:$port2/healthz")" = ok ] && ok=1 && break; sleep 0.1; done
  [ -n "$ok" ] && grep -q "the socket systemd passed" activated.log || fail "socket activation: $(cat activated.log)"
else
  fail "systemd-socket-activate is missing (Debian package systemd)"
fi
# SIGTERM stops it cleanly (exit 0; under ASan: no report).
kill "$web_pid"
wait "$web_pid"
rc=$?
[ "$rc" = 0 ] || fail "web exited $rc on SIGTERM"
grep -E "Sanitizer|runtime error" web.log && fail "the web process reported a sanitizer error"
finish web
