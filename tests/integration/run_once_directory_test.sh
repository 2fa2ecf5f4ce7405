#!/usr/bin/env bash
# The real binary, `run --once` with the directory transport: invites for a programme land as
# .eml files that Python's email, python-icalendar and ical.js all read as the same meetings and
# that obey INTEROP.md 1-11; a second run sends nothing; a removed pair gets CANCELs.
# Usage: run_once_directory_test.sh MENTORCAL SOURCE_DIR
set -u
bin=$(realpath "$1") src=$(realpath "$2")
interop=$src/tests/interop
. "$src/tests/integration/lib.sh"
now=2026-11-22T09:00:00Z

"$interop/install.sh" >/dev/null || { echo "cannot install ical.js"; exit 1; }

# A programme whose names and locations are full of , ; : " \ and non-ASCII text.
cat >"$tmp/programme.toml" <<'TOML'
[programme]
name = "Programa de mentoría"
organiser_name = "Équipe Mentoring; \"Team\""
organiser_email = "mentoring@example.org"
admin_emails = ["coordinator@example.org"]
timezone = "Europe/London"
state = "state.sqlite3"
[agreement]
location = "Room 3; Building \"B\", 1st floor: {pair} \\ east"
[mail]
transport = "directory"
directory = "outbox"
[[person]]
id = "zoe"
name = "Zoë O'Brien-Núñez, \"Jo\"; 李伟"
email = "zoe@example.org"
timezone = "Asia/Kolkata"
available = ["Mon 14:00-18:00", "Wed 14:00-18:00"]
[[person]]
id = "li"
name = "李伟"
email = "li@example.org"
timezone = "Asia/Shanghai"
available = ["Mon 16:30-20:30", "Wed 16:30-20:30"]
[[person]]
id = "sam"
name = "Sam Taylor"
email = "sam@example.org"
available = ["Tue 09:00-12:00"]
[[person]]
id = "ana"
name = "Ana Lima"
email = "ana@example.org"
timezone = "America/Sao_Paulo"
available = ["Tue 06:00-09:00"]
[[pair]]
mentor = "zoe"
mentee = "li"
started = 2026-11-02
[[pair]]
mentor = "sam"
mentee = "ana"
started = 2026-10-01
TOML
cat >"$tmp/people.json" <<'JSON'
{"zoe@example.org": "Zoë O'Brien-Núñez, \"Jo\"; 李伟", "li@example.org": "李伟",
 "sam@example.org": "Sam Taylor", "ana@example.org": "Ana Lima"}
JSON

"$bin" run --once --config "$tmp/programme.toml" --now "$now" >"$tmp/out" 2>&1 || fail "first run: exit $? $(cat "$tmp/out")"
sent=$(find "$tmp/outbox" -name '*.eml' | wc -l)
[ "$sent" -ge 8 ] || fail "first run wrote $sent messages"
[ $((sent % 2)) = 0 ] || fail "an odd number of messages ($sent): each meeting goes to both partners"
/usr/bin/python3 "$interop/check_messages.py" --people "$tmp/people.json" --min 8 "$tmp/outbox" >"$tmp/check" 2>&1 \
  || fail "interop: $(cat "$tmp/check")"
tail -1 "$tmp/check"

# Nothing changed: nothing is sent.
"$bin" run --once --config "$tmp/programme.toml" --now "$now" >"$tmp/out" 2>&1 || fail "second run: exit $?"
again=$(find "$tmp/outbox" -name '*.eml' | wc -l)
[ "$again" = "$sent" ] || fail "second run wrote $((again - sent)) more messages"
grep -q "^0 new meetings invited, 0 moved, 0 cancelled (0 ended, 0 declined, 0 impossible); counters: 0 accepted, 0 declined; replies: 0 applied, 0 ignored; sent 0 messages" "$tmp/out" || fail "second run: $(cat "$tmp/out")"

# The pair sam-ana leaves the file: its future meetings are cancelled, to both, same UIDs.
head -n -4 "$tmp/programme.toml" >"$tmp/smaller.toml" && mv "$tmp/smaller.toml" "$tmp/programme.toml"  # the last pair
grep -q 'mentor = "sam"' "$tmp/programme.toml" && fail "test setup: the pair is still in the file"
"$bin" run --once --config "$tmp/programme.toml" --now "$now" >"$tmp/out" 2>&1 || fail "third run: exit $?"
/usr/bin/python3 - "$tmp/outbox" <<'PY' || fail "cancellations"
import email, email.policy, pathlib, sys
import icalendar
by_uid = {}
for f in pathlib.Path(sys.argv[1]).glob("*.eml"):
    if f.name.startswith(("digest-", "nudge-")):
        continue
    msg = email.message_from_bytes(f.read_bytes(), policy=email.policy.default)
    part = next(p for p in msg.walk() if p.get_content_type() == "text/calendar")
    cal = icalendar.Calendar.from_ical(part.get_payload(decode=True))
    ev = next(iter(cal.walk("VEVENT")))
    by_uid.setdefault(str(ev["UID"]), []).append((str(cal["METHOD"]), int(ev["SEQUENCE"]), str(msg["To"].addresses[0].addr_spec)))
sam = {u: v for u, v in by_uid.items() if u.startswith("sam-ana-")}
assert sam, "no meetings of sam-ana"
for uid, msgs in sam.items():
    cancels = sorted(m for m in msgs if m[0] == "CANCEL")
    requests = [m for m in msgs if m[0] == "REQUEST"]
    assert [c[2] for c in cancels] == ["ana@example.org", "sam@example.org"], (uid, msgs)
    assert all(c[1] == max(r[1] for r in requests) + 1 for c in cancels), (uid, msgs)
others = [m for u, v in by_uid.items() if not u.startswith("sam-ana-") for m in v]
assert all(m[0] == "REQUEST" for m in others), "a meeting of another pair was cancelled"
print(f"cancellations: {len(sam)} meetings of sam-ana cancelled to both partners")
PY
/usr/bin/python3 "$interop/check_messages.py" --people "$tmp/people.json" "$tmp/outbox" >"$tmp/check" 2>&1 \
  || fail "interop after cancel: $(cat "$tmp/check")"

# Li goes away for a week: only the meetings in that week move, as updates of the same UIDs.
before=$(/usr/bin/python3 -c 'import sqlite3,sys; print("\n".join(f"{u}|{s}|{q}" for u,s,q in sqlite3.connect(sys.argv[1]).execute("SELECT uid, start, sequence FROM meetings WHERE status = '"'"'booked'"'"' ORDER BY uid")))' "$tmp/state.sqlite3")
# (a meeting in the middle of a month, so that its month still has room for it)
away_week=$(echo "$before" | awk -F'|' '$1 ~ /^zoe-li-/ {print $2}' | sort -n |
  while read -r t; do d=$(date -u -d "@$t" +%-d); [ "$d" -ge 6 ] && [ "$d" -le 16 ] && echo "$t"; done | head -1)
from=$(date -u -d "@$away_week" +%F) to=$(date -u -d "@$((away_week + 6 * 86400))" +%F)
sed -i "s/^email = \"li@example.org\"/email = \"li@example.org\"\naway = [{ from = $from, to = $to, note = \"conference\" }]/" "$tmp/programme.toml"
"$bin" run --once --config "$tmp/programme.toml" --now "$now" >"$tmp/out" 2>&1 || fail "away run: exit $? $(cat "$tmp/out")"
after=$(/usr/bin/python3 -c 'import sqlite3,sys; print("\n".join(f"{u}|{s}|{q}" for u,s,q in sqlite3.connect(sys.argv[1]).execute("SELECT uid, start, sequence FROM meetings WHERE status = '"'"'booked'"'"' ORDER BY uid")))' "$tmp/state.sqlite3")
changed=$(diff <(echo "$before") <(echo "$after") | grep -c '^>')
moved_uid=$(diff <(echo "$before") <(echo "$after") | awk -F'|' '/^>/ {sub(/^> /, "", $1); print $1}')
[ "$changed" = 1 ] || fail "an away week changed $changed meetings: $(diff <(echo "$before") <(echo "$after"))"
echo "$after" | grep -q "^$moved_uid|.*|1$" || fail "the moved meeting is not SEQUENCE 1 of the same UID"
ls "$tmp/outbox" | grep -q "^${moved_uid%@*}\.1\.r0@" && ls "$tmp/outbox" | grep -q "^${moved_uid%@*}\.1\.r1@" \
  || fail "no update (SEQUENCE 1) to both for the moved meeting"
grep -q "^0 new meetings invited" "$tmp/out" || fail "the away week booked new meetings: $(cat "$tmp/out")"

finish "run --once (directory)"
