#!/usr/bin/env bash
# The real binary on the demo programme over a few weeks of --now: `status` and `status --json`
# (DESIGN.md §9), the weekly admin digest (flags and counts only: no agenda, location or other
# meeting content), a nudge to a pair that turns at-risk (once per period), and `pair end`
# (CANCEL to both, state wins over the file, ended-early flagged).
# Usage: health_test.sh MENTORCAL SOURCE_DIR
set -u
bin=$(realpath "$1") src=$(realpath "$2")
. "$src/tests/integration/lib.sh"
cd "$tmp"
cp "$src/packaging/examples/demo.toml" demo.toml
# A pair that cannot meet in the rest of November: Ella is away until the 30th.
cat >>demo.toml <<'TOML'

[[person]]
id = "ella"
name = "Ella Brown"
email = "ella@example.org"
available = ["Tue 07:00-09:00", "Thu 07:30-09:00"]
away = [{ from = 2026-11-20, to = 2026-11-30, note = "travelling" }]

[[pair]]
mentor = "tom"
mentee = "ella"
started = 2026-10-01
TOML
run() { "$bin" "$@" --config demo.toml; }
eml() { /usr/bin/python3 - "$1" <<'PY'
import email, email.policy, sys
m = email.message_from_bytes(open(sys.argv[1], "rb").read(), policy=email.policy.default)
print("Subject:", m["Subject"]); print("To:", m["To"])
for part in m.walk():
    if part.get_content_maintype() == "text":
        print(part.get_content())
PY
}

run run --once --now 2026-11-22T09:00:00Z >out 2>&1 || fail "first run: $(cat out)"

# status: the at-risk pair is listed first with its explanation.
run status --now 2026-11-22T09:00:00Z >status.txt 2>&1 || fail "status: exit $?"
grep -qE '^tom-ella .*at-risk: November 2026: 0 held and 0 planned, below the minimum of 1' status.txt \
  || fail "status table: $(cat status.txt)"
run status --json --now 2026-11-22T09:00:00Z >status.json 2>/dev/null || fail "status --json: exit $?"
/usr/bin/python3 - status.json <<'PY' || fail "status --json shape"
import json, sys
doc = json.load(open(sys.argv[1]))
assert list(doc) == ["now", "pairs"] and doc["now"] == "2026-11-22T09:00:00Z", doc
pairs = doc["pairs"]
assert {p["pair"] for p in pairs} == {"amara-li", "amara-priya", "tom-jack", "maria-diego", "sofia-maria", "tom-ella"}
for p in pairs:
    assert list(p) == ["pair", "flags", "held", "booked"], p
    assert all(list(f) == ["flag", "detail"] and f["detail"] for f in p["flags"]), p
flagged = [bool(p["flags"]) for p in pairs]
assert flagged == sorted(flagged, reverse=True), "flagged pairs come first"
ella = next(p for p in pairs if p["pair"] == "tom-ella")
assert [f["flag"] for f in ella["flags"]][:1] == ["at-risk"], ella
PY

# The nudge went to both partners of tom-ella, once for November.
for n in 0 1; do
  [ -f "outbox/nudge-tom-ella-november-2026.$n@example.org.eml" ] || fail "no nudge $n: $(ls outbox | grep -v '\.r[01]@')"
done
eml "outbox/nudge-tom-ella-november-2026.1@example.org.eml" >nudge.txt
grep -q "^To: Ella Brown <ella@example.org>" nudge.txt || fail "nudge: $(head -3 nudge.txt)"
grep -q "November 2026 falls short" nudge.txt || fail "nudge text: $(cat nudge.txt)"
run run --once --now 2026-11-25T09:00:00Z >out 2>&1
[ "$(ls outbox | grep -c '^nudge-')" = 2 ] || fail "the nudge was sent again in the same period"

# The digest, Monday 08:00 London: flagged pairs, explanations and counts, nothing confidential.
run run --once --now 2026-11-30T08:30:00Z >out 2>&1 || fail "digest run: $(cat out)"
digest=outbox/digest-2026-11-30.0@example.org.eml
[ -f "$digest" ] || fail "no digest: $(ls outbox | grep -v '\.r[01]@')"
eml "$digest" >digest.txt
grep -q "^To: coordinator@example.org" digest.txt || fail "digest recipient"
grep -q "tom-ella (Tom Hughes and Ella Brown)" digest.txt || fail "digest lacks the flagged pair: $(cat digest.txt)"
grep -q "held .*, booked .*, cancelled .*, declined" digest.txt || fail "digest lacks counts"
for secret in "Suggested agenda" "updates since you last met" "meet.example.org" "getting-to-know-you" "+61 2 5550"; do
  grep -qF "$secret" digest.txt && fail "the digest carries meeting content: $secret"
done
grep -q "text/html" "$digest" || fail "the digest has no HTML alternative"

# pair end: CANCEL to both for future meetings; the file still says active: state wins.
before=$(ls outbox | grep -c '\.c[01]@')
run pair end maria-diego --reason not-compatible --now 2026-12-01T09:00:00Z >end.txt 2>&1 || fail "pair end: $(cat end.txt)"
grep -q "maria-diego ended on 2026-12-01 (not-compatible)" end.txt || fail "pair end output: $(cat end.txt)"
grep -q 'still says status = "active"' end.txt || fail "pair end does not point at the file: $(cat end.txt)"
run run --once --now 2026-12-01T09:05:00Z >out 2>&1 || fail "run after pair end"
cancels=$(ls outbox | grep '^maria-diego-.*\.c[01]@' | wc -l)
[ "$cancels" -ge 4 ] && [ $((cancels % 2)) = 0 ] || fail "pair end sent $cancels cancellations"
invites=$(ls outbox | grep -c '^maria-diego-.*\.0\.r[01]@')
run run --once --now 2026-12-08T09:00:00Z >out 2>&1
[ "$(ls outbox | grep -c '^maria-diego-.*\.0\.r[01]@')" = "$invites" ] || fail "an ended pair got new invites"
run status --now 2026-12-08T09:00:00Z >status.txt 2>&1
grep -qE '^maria-diego \(ended\) .*ended-early: ended on 2026-12-01 \(not-compatible\)' status.txt \
  || fail "ended-early: $(cat status.txt)"
run plan --json --now 2026-12-08T09:00:00Z 2>/dev/null | grep -q '"pair": "maria-diego"' && fail "an ended pair is still planned"

finish "health"
