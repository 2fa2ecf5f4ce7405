#!/usr/bin/env bash
# `mentorcal web` on a PostgreSQL state (issue 15), started by tests/support/with_postgres.sh:
# the link found in a letter opens the partner's page; "I can't make this one" cancels the meeting
# for both as a DECLINE (recorded in PostgreSQL, a letter confirms); away dates are kept; the next
# `run --once` on the same state books a make-up that is not at the declined time and moves the
# meeting in the away week (the same UID, SEQUENCE+1, a REQUEST to both); /admin shows the same
# report as `report --html`. The link key comes from link_key_file (a server state has no file
# beside it).
# Usage: with_postgres.sh web_postgresql_test.sh MENTORCAL SOURCE_DIR
set -u
bin=$(realpath "$1") src=$(realpath "$2")
. "$src/tests/integration/lib.sh"
: "${MENTORCAL_TEST_POSTGRES_URL:?run under tests/support/with_postgres.sh}"
admin() { (cd / && $MENTORCAL_TEST_POSTGRES_ADMIN -At -c "$1"); }
admin "SET client_min_messages = warning; DROP SCHEMA public CASCADE; CREATE SCHEMA public AUTHORIZATION mentorcal"
cd "$tmp"
links=$src/tests/integration/web_link.py
port=$(/usr/bin/python3 "$links" free-port)
base="http://127.0.0.1:$port"
openssl rand -hex 32 >link-key && chmod 600 link-key
printf 'ada:%s\n' "$(openssl passwd -6 'correct horse battery')" >web-admin
sed -e "s|^state = .*|state = \"$MENTORCAL_TEST_POSTGRES_URL\"\nstate_password_file = \"$MENTORCAL_TEST_POSTGRES_PASSWORD_FILE\"|" \
  "$src/packaging/examples/demo.toml" >plain.toml
{
  sed -n '/^\[mail\]/q;p' plain.toml
  printf '[web]\nbase_url = "https://mentoring.example.org"\nlisten = "127.0.0.1:%s"\n' "$port"
  printf 'link_key_file = "link-key"\nadmin_credentials_file = "web-admin"\n\n'
  sed -n '/^\[mail\]/,$p' plain.toml
} >demo.toml
grep -q '^state = "postgresql://' demo.toml || fail "test setup: the state is not in PostgreSQL"
"$bin" run --once --config demo.toml --now 2026-11-22T09:00:00Z >run0.out 2>&1 || fail "run0: $(cat run0.out)"
[ "$(admin "SELECT count(*) FROM links WHERE token_hash IS NOT NULL")" = 8 ] || fail "links: $(admin 'SELECT person FROM links')"
url=$(/usr/bin/python3 "$links" link outbox amara@example.org) || fail "no link in amara's letters"
token=${url##*/p/}

"$bin" web --config demo.toml --now 2026-11-22T09:30:00Z >web.log 2>&1 &
web_pid=$!
pids+=($web_pid)
for _ in $(seq 100); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.1; done
[ "$(curl -s -o page.html -w '%{http_code}' "$base/p/$token")" = 200 ] || fail "the page: $(cat web.log)"
grep -q "Amara Okafor" page.html || fail "the page is not amara's"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/p/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")" = 404 ] || fail "a wrong token"
csrf=$(grep -o 'name="csrf" value="[^"]*"' page.html | head -1 | sed 's/.*value="//; s/"$//')

# "I can't make this one".
IFS='|' read -r uid start < <(admin "SELECT uid, start FROM meetings WHERE pair = 'amara-li' AND status = 'booked' AND first = 0 ORDER BY start LIMIT 1")
[ -n "$uid" ] || fail "test setup: no meeting of amara-li: $(admin "SELECT pair, status, first FROM meetings LIMIT 5")"
[ "$(curl -s -o post.html -w '%{http_code}' -X POST --data "uid=$uid" "$base/p/$token/decline")" = 403 ] || fail "a decline without CSRF"
[ "$(admin "SELECT status FROM meetings WHERE uid = '$uid'")" = booked ] || fail "a refused POST changed the meeting"
[ "$(curl -s -o post.html -w '%{http_code}' -X POST --data "csrf=$csrf&uid=$uid" "$base/p/$token/decline")" = 200 ] || fail "decline: $(cat post.html) $(tail -3 web.log)"
grep -q 'class="done"' post.html || fail "no confirmation on the page"
[ "$(admin "SELECT status, cancel_kind FROM meetings WHERE uid = '$uid'")" = "cancelled|declined" ] || fail "not cancelled as declined: $(admin "SELECT status, cancel_kind FROM meetings WHERE uid = '$uid'")"
[ "$(admin "SELECT method, partstat, outcome FROM replies WHERE meeting_uid = '$uid'")" = "REPLY|DECLINED|applied" ] || fail "not recorded as a DECLINE"
[ "$(admin "SELECT count(*) FROM outbox WHERE meeting_uid = '$uid' AND method = 'CANCEL'")" = 2 ] || fail "no CANCEL to both"
[ "$(admin "SELECT recipient FROM outbox WHERE message_id LIKE 'declined-%'")" = amara@example.org ] || fail "no confirmation letter"
[ "$(admin "SELECT count(*) FROM audit WHERE kind = 'web-declined' AND subject = '$uid'")" = 1 ] || fail "the decline is not audited"

# The next tick on the same state books a make-up, never at the declined time.
"$bin" run --once --config demo.toml --now 2026-11-22T09:50:00Z >run1.out 2>&1 || fail "run1: $(cat run1.out)"
[ "$(admin "SELECT count(*) FROM meetings WHERE pair = 'amara-li' AND status = 'booked' AND created = $(date -u -d 2026-11-22T09:50:00Z +%s)")" -ge 1 ] || fail "no make-up after the decline: $(cat run1.out)"
[ "$(admin "SELECT count(*) FROM meetings WHERE pair = 'amara-li' AND status = 'booked' AND start = $start")" = 0 ] || fail "the declined time was booked again"
# The page follows the tick (a PostgreSQL state is read on every request).
curl -s -o after.html "$base/p/$token"
grep -q "Amara Okafor" after.html && ! grep -q "$uid" after.html || fail "the page after the tick still offers the declined meeting"

# Away a week in December, over amara-priya's meeting.
IFS='|' read -r away_uid away_seq < <(admin "SELECT uid, sequence FROM meetings WHERE pair = 'amara-priya' AND status = 'booked' AND start >= $(date -u -d 2026-12-07 +%s) AND start < $(date -u -d 2026-12-14 +%s) LIMIT 1")
[ -n "$away_uid" ] || fail "test setup: no amara-priya meeting in the week of 7 December"
[ "$(curl -s -o away.html -w '%{http_code}' -X POST --data "csrf=$csrf&from=2026-12-13&to=2026-12-07&note=" "$base/p/$token/away")" = 400 ] || fail "a backwards range was taken"
[ "$(curl -s -o away.html -w '%{http_code}' -X POST --data "csrf=$csrf&from=2026-12-07&to=2026-12-13&note=conference" "$base/p/$token/away")" = 200 ] || fail "away: $(cat away.html)"
[ "$(admin "SELECT person, from_date, to_date, note FROM partner_away")" = "amara|2026-12-07|2026-12-13|conference" ] || fail "away row: $(admin 'SELECT * FROM partner_away')"
grep -q conference away.html || fail "the away week is not listed"
[ "$(curl -s "$base/p/$token" | grep -c conference)" -ge 1 ] || fail "the page read again does not list the away week"

# /admin on the PostgreSQL state: the same page as report --html.
[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/admin")" = 401 ] || fail "/admin without credentials"
[ "$(curl -s -o admin.html -w '%{http_code}' -u 'ada:correct horse battery' "$base/admin")" = 200 ] || fail "/admin"
"$bin" report --html report.html --config demo.toml --now 2026-11-22T09:30:00Z >report.out 2>&1 || fail "report: $(cat report.out)"
/usr/bin/python3 -c 'import re, sys; a, r = (open(p).read() for p in sys.argv[1:3]); sys.exit(re.sub(r"<style>.*?</style>\n", "", r, flags=re.S) != re.sub(r"<link rel=\"stylesheet\"[^>]*>\n", "", a))' \
  admin.html report.html || fail "/admin differs from report --html on PostgreSQL"
[ "$(admin "SELECT count(*) FROM audit WHERE kind = 'web-admin-signed-in' AND subject = 'ada'")" = 1 ] || fail "the sign-in is not audited"

# The next tick on the same state moves the meeting in the away week.
"$bin" run --once --config demo.toml --now 2026-11-22T10:00:00Z >run2.out 2>&1 || fail "run2: $(cat run2.out)"
IFS='|' read -r moved_status moved_seq moved_start < <(admin "SELECT status, sequence, start FROM meetings WHERE uid = '$away_uid'")
[ "$moved_status" = booked ] && [ "$moved_seq" = $((away_seq + 1)) ] || fail "the meeting in the away week: $moved_status, sequence $moved_seq (was $away_seq)"
[ "$moved_start" -lt "$(date -u -d 2026-12-06T23:00:00Z +%s)" ] || [ "$moved_start" -ge "$(date -u -d 2026-12-13T23:00:00Z +%s)" ] || fail "the meeting still lies in the away week"
[ "$(admin "SELECT count(*) FROM outbox WHERE meeting_uid = '$away_uid' AND sequence = $moved_seq AND method = 'REQUEST'")" = 2 ] || fail "the move did not go to both"
kill "$web_pid"
wait "$web_pid" || fail "web exit $? on SIGTERM"
grep -E "Sanitizer|runtime error" web.log && fail "the web process reported a sanitizer error"
finish "web on PostgreSQL"
