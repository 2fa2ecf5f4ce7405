#!/usr/bin/env bash
# The real binary: `plan` and `plan --json` on the demo programme at a fixed time (DESIGN.md §9).
# Usage: plan_test.sh MENTORCAL SOURCE_DIR
set -u
bin=$(realpath "$1") src=$(realpath "$2")
demo=$src/packaging/examples/demo.toml
now=2026-11-22T09:00:00Z
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

"$bin" plan --config "$demo" --now "$now" --json >"$tmp/a.json" 2>"$tmp/err" || fail "plan --json: exit $? $(cat "$tmp/err")"
"$bin" plan --json --now "$now" --config "$demo" >"$tmp/b.json" 2>/dev/null
cmp -s "$tmp/a.json" "$tmp/b.json" || fail "plan --json is not deterministic"

# The documented shape, checked with Python's json module (Debian's python3).
/usr/bin/python3 - "$tmp/a.json" "$now" <<'PY' || fail "plan --json shape"
import json, re, sys
doc = json.load(open(sys.argv[1]))
assert list(doc) == ["now", "meetings", "unscheduled"], list(doc)
assert doc["now"] == sys.argv[2]
rfc = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
assert len(doc["meetings"]) > 0
keys = []
for m in doc["meetings"]:
    assert list(m) == ["pair", "start", "end", "first", "uid"], list(m)
    assert rfc.match(m["start"]) and rfc.match(m["end"]) and m["start"] < m["end"], m
    assert m["start"] >= "2026-11-24T09:00:00Z", m          # 48 hours' notice
    assert m["end"] <= "2027-01-17T09:00:00Z", m            # 8 weeks' horizon
    assert isinstance(m["first"], bool) and m["uid"] is None, m
    keys.append((m["start"], m["pair"]))
assert keys == sorted(keys), "meetings not sorted by start then pair"
pairs = {m["pair"] for m in doc["meetings"]}
assert pairs == {"amara-li", "amara-priya", "tom-jack", "maria-diego", "sofia-maria"}, pairs
firsts = [m["pair"] for m in doc["meetings"] if m["first"]]
assert sorted(firsts) == sorted(set(firsts)), "more than one first meeting for a pair"
assert "tom-jack" not in firsts  # first_meeting_minutes = 0 on that pair
for u in doc["unscheduled"]:
    assert list(u) == ["pair", "reason"] and u["reason"], u
PY

# The table shows each meeting in both partners' local times.
"$bin" plan --config "$demo" --now "$now" >"$tmp/table" 2>&1 || fail "plan: exit $?"
grep -q "Africa/Lagos" "$tmp/table" && grep -q "Asia/Kolkata" "$tmp/table" || fail "table lacks local zones"
grep -qE "^Plan at $now" "$tmp/table" || fail "table header: $(head -1 "$tmp/table")"

# Bad input: a bad --now is a usage error; a bad config is invalid input.
"$bin" plan --config "$demo" --now 2026-11-22 >/dev/null 2>&1; [ $? = 2 ] || fail "bad --now: want exit 2"
printf '[programme]\nname = "x"\n' >"$tmp/bad.toml"
"$bin" plan --config "$tmp/bad.toml" --now "$now" >/dev/null 2>"$tmp/err"; [ $? = 1 ] || fail "bad config: want exit 1"
grep -q "bad.toml:1:1: error: programme.organiser_email" "$tmp/err" || fail "bad config message: $(cat "$tmp/err")"

# A busy feed the state has no copy of is fetched for the preview (file://), said so, and its busy
# time is kept clear; nothing is stored (issue 11, defect 8).
first=$(/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); m=[m for m in d["meetings"] if m["pair"]=="amara-li"][0]; print(m["start"].replace("-","").replace(":",""), m["end"].replace("-","").replace(":",""))' "$tmp/a.json")
read -r busy_start busy_end <<<"$first"
printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:dentist@cal.example\r\nDTSTAMP:20261120T000000Z\r\nDTSTART:%s\r\nDTEND:%s\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' \
  "$busy_start" "$busy_end" >"$tmp/amara.ics"
sed -e "s|^state = .*|state = \"$tmp/state.sqlite3\"|" \
    -e "s|^email = \"amara@example.org\"|email = \"amara@example.org\"\nbusy_calendar = \"file://$tmp/amara.ics\"|" "$demo" >"$tmp/feed.toml"
"$bin" plan --json --config "$tmp/feed.toml" --now "$now" >"$tmp/feed.json" 2>"$tmp/feed.err" || fail "plan with a feed: $(cat "$tmp/feed.err")"
grep -q "the busy calendar of amara was fetched for this preview and not stored" "$tmp/feed.err" || fail "plan did not say it fetched the feed: $(cat "$tmp/feed.err")"
/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); s=sys.argv[2]; sys.exit(any(m["pair"]=="amara-li" and m["start"]==s for m in d["meetings"]))' \
  "$tmp/feed.json" "$(/usr/bin/python3 -c 'import json,sys; print([m for m in json.load(open(sys.argv[1]))["meetings"] if m["pair"]=="amara-li"][0]["start"])' "$tmp/a.json")" \
  || fail "the preview booked amara-li over her busy time"
[ -e "$tmp/state.sqlite3" ] && fail "plan created a state"

[ "$failures" = 0 ] && echo "plan: all checks passed"
exit $((failures > 0))
