#!/usr/bin/env bash
# Letters every partner can read (issue 13), through the real binary: `run --once` with the
# directory transport, for a programme whose names and places are written in Spanish, Vietnamese,
# Chinese, Arabic (right to left), Hindi and with an emoji. Over a few weeks of --now it writes
# invites, updates, cancellations, the digest, a nudge, review, continue and closing letters; every
# one must pass tests/interop/check_messages.py (each text part decodes strictly as its declared
# charset, every header's encoded words decode, calendars read by python-icalendar and ical.js),
# and its subject and display names decode to exactly the strings of the programme file.
# Usage: letters_scripts_test.sh MENTORCAL SOURCE_DIR
set -u
bin=$(realpath "$1") src=$(realpath "$2")
interop=$src/tests/interop
. "$src/tests/integration/lib.sh"
cd "$tmp"
"$interop/install.sh" >/dev/null || { echo "cannot install ical.js"; exit 1; }

# The Spanish pair's letters fit ISO-8859-1 entirely (GMime re-encodes such text unless told not
# to); every other letter holds text that does not.
cat >programme.toml <<'TOML'
[programme]
name = "Programa de mentoría"
organiser_name = "Equipo de mentoría"
organiser_email = "mentoring@example.org"
admin_emails = ["coordinator@example.org"]
timezone = "Europe/Madrid"
state = "state.sqlite3"
[agreement]
cadence = "2/month"
minimum = "1/month"
review_after_months = 1
location = "Café Ñandú, Santiago · {pair}"
[mail]
transport = "directory"
directory = "outbox"
[[person]]
id = "maria"
name = "María José Núñez"
email = "maria@example.org"
timezone = "America/Santiago"
language = "es"
available = ["Mon 10:00-14:00", "Wed 10:00-14:00"]
[[person]]
id = "sofia"
name = "Sofía Marín"
email = "sofia@example.org"
timezone = "Europe/Madrid"
language = "es-ES"
available = ["Mon 14:00-18:00", "Wed 14:00-18:00"]
[[person]]
id = "minh"
name = "Nguyễn Thị Minh Khai"
email = "minh@example.org"
timezone = "Asia/Ho_Chi_Minh"
available = ["Mon 20:00-23:00", "Wed 20:00-23:00"]
[[person]]
id = "layla"
name = "ليلى عبد الله"
email = "layla@example.org"
timezone = "Africa/Cairo"
language = "ar"
available = ["Mon 15:00-18:00", "Wed 15:00-18:00"]
[[person]]
id = "wang"
name = "王秀英"
email = "wang@example.org"
timezone = "Asia/Shanghai"
language = "zh-Hans"
available = ["Tue 15:00-19:00", "Thu 15:00-19:00"]
[[person]]
id = "ananya"
name = "अनन्या शर्मा"
email = "ananya@example.org"
timezone = "Asia/Kolkata"
available = ["Tue 12:30-16:30", "Thu 12:30-16:30"]
[[person]]
id = "sam"
name = "Sam 🌟 Okoye"
email = "sam@example.org"
timezone = "Africa/Lagos"
available = ["Sat 18:00-19:00"]
[[pair]]
mentor = "maria"
mentee = "sofia"
started = 2026-10-12
[[pair]]
mentor = "minh"
mentee = "layla"
started = 2026-11-16
location = "Hà Nội · القاهرة 📍 {pair}"
[[pair]]
mentor = "wang"
mentee = "ananya"
started = 2026-11-16
location = "北京 · दिल्ली {pair}"
[[pair]]
mentor = "ananya"
mentee = "sam"
started = 2026-10-05
TOML
cat >people.json <<'JSON'
{"maria@example.org": "María José Núñez", "sofia@example.org": "Sofía Marín",
 "minh@example.org": "Nguyễn Thị Minh Khai", "layla@example.org": "ليلى عبد الله",
 "wang@example.org": "王秀英", "ananya@example.org": "अनन्या शर्मा", "sam@example.org": "Sam 🌟 Okoye"}
JSON

# No letters in Arabic or Chinese yet: check-config warns, at the key, that they will be English.
"$bin" check-config programme.toml >check-config.out 2>&1 || fail "check-config: exit $? $(cat check-config.out)"
for want in ':41:12: warning: person.language: no letters in "ar"' ':48:12: warning: person.language: no letters in "zh-Hans"'; do
  grep -qF "programme.toml$want" check-config.out || fail "check-config: no *$want* in $(cat check-config.out)"
done
[ "$(grep -c warning: check-config.out)" = 2 ] || fail "check-config: $(cat check-config.out)"

run() {  # NOW NAME
  "$bin" run --once --config programme.toml --now "$1" >"$2.out" 2>&1 || fail "$2: exit $? $(cat "$2.out")"
}
run 2026-11-22T09:00:00Z invites
# Four weeks on: first meetings held (continue letters), a review due, a digest slot passed, and
# ananya-sam (no common hour) at risk for December (a nudge).
run 2026-12-21T09:00:00Z weeks
# Layla is away in January (updates), and maria-sofia ends (cancellations, closing letters).
sed -i 's/^email = "layla@example.org"/&\naway = [{ from = 2027-01-01, to = 2027-01-12 }]/' programme.toml
sed -i '/^mentee = "sofia"/a status = "ended"\nended_on = 2026-12-21\nended_reason = "goals-met"' programme.toml
run 2026-12-21T10:00:00Z changes

/usr/bin/python3 "$interop/check_messages.py" --people people.json --min 20 outbox >check.txt 2>&1 \
  || fail "interop: $(cat check.txt)"
tail -1 check.txt

# What each letter says about people: the subject names the other partner exactly, From: is the
# organiser's name exactly; every kind of letter was written.
/usr/bin/python3 - outbox people.json <<'PY' || fail "names and kinds"
import email, email.policy, json, pathlib, re, sys
people = json.load(open(sys.argv[2]))
partners = {"maria": ["sofia"], "sofia": ["maria"], "minh": ["layla"], "layla": ["minh"],
            "wang": ["ananya"], "ananya": ["wang", "sam"], "sam": ["ananya"]}
kinds, problems = set(), []
for f in sorted(pathlib.Path(sys.argv[1]).glob("*.eml")):
    msg = email.message_from_bytes(f.read_bytes(), policy=email.policy.default)
    sender = msg["From"].addresses[0]
    if sender.display_name != "Equipo de mentoría":
        problems.append(f"{f.name}: From: name {sender.display_name!r}")
    kind = re.match(r"(digest|nudge|review|closing|continue)-", f.name)
    if kind is None:
        cal = next((p for p in msg.walk() if p.get_content_type() == "text/calendar"), None)
        kind = re.search(r"METHOD:(\w+)", cal.get_payload(decode=True).decode()).group(1).lower()
        seq = int(re.search(r"SEQUENCE:(\d+)", cal.get_payload(decode=True).decode()).group(1))
        kinds.add("update" if kind == "request" and seq > 0 else kind)
    else:
        kinds.add(kind.group(1))
    to = msg["To"].addresses[0].addr_spec
    if to == "coordinator@example.org":
        if "Programa de mentoría" not in str(msg["Subject"]):
            problems.append(f"{f.name}: digest subject {str(msg['Subject'])!r}")
        continue
    others = [people[p + "@example.org"] for p in partners[to.split("@")[0]]]
    if not any(o in str(msg["Subject"]) for o in others):
        problems.append(f"{f.name}: subject {str(msg['Subject'])!r} does not name {others!r}")
    text = next(p for p in msg.walk() if p.get_content_type() == "text/plain").get_content()
    greeting = f"Hola, {people[to]}:" if to in ("maria@example.org", "sofia@example.org") else f"Hello {people[to]},"
    if greeting not in text:
        problems.append(f"{f.name}: the text does not begin {greeting!r}")
missing = {"request", "update", "cancel", "digest", "nudge", "review", "continue", "closing"} - kinds
if missing:
    problems.append(f"no letter of kind {sorted(missing)}; written: {sorted(kinds)}")
print("\n".join(problems) or f"names: every subject and display name round-trips ({len(kinds)} kinds of letter)")
sys.exit(1 if problems else 0)
PY

finish "letters in every script"
