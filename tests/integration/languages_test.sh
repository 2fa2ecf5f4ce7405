#!/usr/bin/env bash
# Letters in each partner's language (issue 13), through the real binary on packaging/examples/
# demo.toml, where María, Diego and Sofía read Spanish and everyone else English. Over a few weeks of
# --now it writes invites, cancellations, continue, review and closing letters and the digest;
#   - every letter passes tests/interop/check_messages.py (Python's email, python-icalendar, ical.js);
#   - no letter to a Spanish reader holds an English sentence of the catalog (mail/po/mentorcal.pot:
#     any run of three words or more between its {{tags}}), in its subject, text or calendar object;
#   - a Spanish invite gives the time in Spanish date format in the reader's zone ("jueves 7 de
#     enero de 2027, 12:00-13:00"), and the other partner's local time;
#   - the English letters and the admins' digest (programme.language) stay English;
#   - the same readers in French, Brazilian Portuguese and German get no English sentence either;
#   - with programme.language = "es", the admins' digest is Spanish: its flags' names and
#     explanations (the scheduler's phrases) hold no English sentence of the catalog, and neither
#     does what check-config, status, plan and pair review print for the admin.
# Usage: languages_test.sh MENTORCAL SOURCE_DIR
set -u
bin=$(realpath "$1") src=$(realpath "$2")
. "$src/tests/integration/lib.sh"
cd "$tmp"
"$src/tests/interop/install.sh" >/dev/null || { echo "cannot install ical.js"; exit 1; }
sed -e 's/^state = .*/state = "state.sqlite3"/' "$src/packaging/examples/demo.toml" >demo.toml
run() {  # NOW NAME
  "$bin" run --once --config demo.toml --now "$1" >"$2.out" 2>&1 || fail "$2: exit $? $(cat "$2.out")"
}
run 2026-11-22T09:00:00Z invites
run 2027-01-11T09:00:00Z weeks  # first meetings held, reviews due, a digest
# Sofía and María end their mentoring: cancellations and closing letters, in Spanish.
sed -i '/^id = "sofia-maria"/a status = "ended"\nended_on = 2027-01-11\nended_reason = "goals-met"' demo.toml
run 2027-01-11T10:00:00Z ended

/usr/bin/python3 "$src/tests/interop/check_messages.py" --min 40 outbox >check.txt 2>&1 || fail "interop: $(cat check.txt)"
tail -1 check.txt

/usr/bin/python3 - outbox "$src/mail/po/mentorcal.pot" <<'PY' || fail "languages"
import datetime, email, email.policy, pathlib, re, sys, zoneinfo
import icalendar
spanish = {"maria@example.org": "America/New_York", "diego@example.org": "America/Santiago",
           "sofia@example.org": "Europe/Madrid"}
zones = dict(spanish, **{"amara@example.org": "Africa/Lagos", "li.wei@example.org": "Asia/Tokyo",
                         "priya@example.org": "Asia/Kolkata", "tom@example.org": "Europe/London",
                         "jack@example.org": "Australia/Sydney"})
days = "lunes martes miércoles jueves viernes sábado domingo".split()
months = "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split()
# The English sentences of the catalog: runs of 3 words or more between tags (not date patterns).
msgids = re.findall(r'^msgid "(.+)"$', open(sys.argv[2], encoding="utf-8").read(), re.M)
english = sorted({f.strip(" ,.:;()") for m in msgids if "%" not in m
                  for f in re.split(r"\{\{[^}]*\}\}", m.replace('\\"', '"')) if len(f.split()) >= 3})
problems, seen = [], {"spanish": 0, "english": 0, "spanish_invites": 0, "digest": 0}
for f in sorted(pathlib.Path(sys.argv[1]).glob("*.eml")):
    msg = email.message_from_bytes(f.read_bytes(), policy=email.policy.default)
    to = msg["To"].addresses[0].addr_spec
    words = [str(msg["Subject"])]
    cal = None
    for part in msg.walk():
        if part.get_content_type() == "text/plain":
            text = part.get_content()
            words.append(text)
        elif part.get_content_type() == "text/calendar":
            cal = icalendar.Calendar.from_ical(part.get_payload(decode=True))
            ev = next(iter(cal.walk("VEVENT")))
            words += [str(ev.get("SUMMARY", "")), str(ev.get("DESCRIPTION", ""))]
    everything = "\n".join(words)
    if to == "coordinator@example.org":
        seen["digest"] += 1
        if "pairs" not in everything:
            problems.append(f"{f.name}: the digest is not in the programme's language, English")
        continue
    if to not in spanish:
        seen["english"] += 1
        if not everything.startswith(("Getting", "Mentoring", "New time", "Cancelled", "Your", "After", "Time")) \
                or "Hello " not in everything:
            problems.append(f"{f.name}: an English reader's letter is not English: {everything[:200]!r}")
        continue
    seen["spanish"] += 1
    for sentence in english:
        if sentence in everything:
            problems.append(f"{f.name}: English in a Spanish letter: {sentence!r}")
    if "Hola, " not in everything:
        problems.append(f"{f.name}: no Spanish greeting")
    if cal is not None and str(cal["METHOD"]) == "REQUEST":
        seen["spanish_invites"] += 1
        start = ev.decoded("DTSTART")
        end = ev.decoded("DTEND")
        mine = start.astimezone(zoneinfo.ZoneInfo(spanish[to]))
        want = (f"Cuándo:   {days[mine.weekday()]} {mine.day} de {months[mine.month - 1]} de {mine.year}, "
                f"{mine:%H:%M}-{end.astimezone(zoneinfo.ZoneInfo(spanish[to])):%H:%M} ({spanish[to]})")
        if want not in text:
            problems.append(f"{f.name}: no line {want!r} in:\n{text}")
        attendees = [re.sub(r"(?i)^mailto:", "", str(a)) for a in ev.get("ATTENDEE")]
        other = next(a for a in attendees if a != to)
        theirs = start.astimezone(zoneinfo.ZoneInfo(zones[other]))
        line = next((l for l in text.splitlines() if l.strip().startswith("es decir,")), "")
        if f"{theirs:%H:%M}-" not in line or f"({zones[other]})" not in line:
            problems.append(f"{f.name}: the other partner's time {theirs:%H:%M} ({zones[other]}) is not in {line!r}")
if not all(seen.values()):
    problems.append(f"letters missing: {seen}")
print("\n".join(problems) or f"languages: {seen} ({len(english)} English sentences looked for)")
sys.exit(1 if problems else 0)
PY

# The other catalogs: the same readers in French, Brazilian Portuguese and German get their
# invites with no English sentence of the catalog, greeted in their language.
for lang in fr:fr pt-BR:pt_BR de:de; do
  mkdir "$lang" && (
    cd "$lang" && sed -e 's/^state = .*/state = "state.sqlite3"/' -e 's/^language = "es"$/language = "'"${lang%%:*}"'"/' \
      "$src/packaging/examples/demo.toml" >demo.toml
    "$bin" run --once --config demo.toml --now 2026-11-22T09:00:00Z >run.out 2>&1 || { echo "run: $(cat run.out)"; exit 1; }
    /usr/bin/python3 "$src/tests/interop/check_messages.py" --min 30 outbox >check.txt 2>&1 || { cat check.txt; exit 1; }
    /usr/bin/python3 - outbox "$src/mail/po/mentorcal.pot" "$src/mail/po/${lang#*:}.po" <<'PY'
import email, email.policy, pathlib, re, sys
import icalendar
readers = {"maria@example.org", "diego@example.org", "sofia@example.org"}
msgids = re.findall(r'^msgid "(.+)"$', open(sys.argv[2], encoding="utf-8").read(), re.M)
english = sorted({f.strip(" ,.:;()") for m in msgids if "%" not in m
                  for f in re.split(r"\{\{[^}]*\}\}", m.replace('\\"', '"')) if len(f.split()) >= 3})
po = open(sys.argv[3], encoding="utf-8").read()
hello = re.search(r'msgid "Hello \{\{me\}\},"\nmsgstr "(.*)\{\{me\}\}', po).group(1)
problems, letters = [], 0
for f in sorted(pathlib.Path(sys.argv[1]).glob("*.eml")):
    msg = email.message_from_bytes(f.read_bytes(), policy=email.policy.default)
    if msg["To"].addresses[0].addr_spec not in readers:
        continue
    letters += 1
    words = [str(msg["Subject"])]
    for part in msg.walk():
        if part.get_content_type() == "text/plain":
            words.append(part.get_content())
        elif part.get_content_type() == "text/calendar":
            ev = next(iter(icalendar.Calendar.from_ical(part.get_payload(decode=True)).walk("VEVENT")))
            words += [str(ev.get("SUMMARY", "")), str(ev.get("DESCRIPTION", ""))]
    everything = "\n".join(words)
    problems += [f"{f.name}: English: {e!r}" for e in english if e in everything]
    if hello not in everything:
        problems.append(f"{f.name}: no greeting {hello!r}")
print("\n".join(problems) or f"{sys.argv[3]}: {letters} letters, no English sentence")
sys.exit(1 if problems or not letters else 0)
PY
  ) >"${lang%%:*}.txt" 2>&1 || fail "${lang%%:*}: $(cat "${lang%%:*}.txt")"
  tail -1 "${lang%%:*}.txt"
done

# The programme in Spanish: the digest's flags and their explanations in Spanish too.
mkdir programme-es && (
  cd programme-es && sed -e 's/^state = .*/state = "state.sqlite3"/' -e 's/^language = "en"   #.*/language = "es"/' \
    "$src/packaging/examples/demo.toml" >demo.toml
  for now in 2026-11-22T09:00:00Z 2027-01-11T09:00:00Z; do
    "$bin" run --once --config demo.toml --now $now >run.out 2>&1 || { echo "run: $(cat run.out)"; exit 1; }
  done
  now=2027-01-11T09:00:00Z
  "$bin" check-config demo.toml >cli.check 2>&1 || { echo "check-config: $(cat cli.check)"; exit 1; }
  "$bin" status --config demo.toml --now $now >cli.status 2>&1 || { echo "status: $(cat cli.status)"; exit 1; }
  "$bin" plan --config demo.toml --now $now >cli.plan 2>&1 || { echo "plan: $(cat cli.plan)"; exit 1; }
  "$bin" pair review tom-jack --config demo.toml --now $now >cli.review 2>&1 || { echo "review: $(cat cli.review)"; exit 1; }
  /usr/bin/python3 - outbox "$src/mail/po/mentorcal.pot" <<'PY'
import email, email.policy, pathlib, re, sys
msgids = re.findall(r'^msgid "(.+)"$', open(sys.argv[2], encoding="utf-8").read(), re.M)
english = sorted({f.strip(" ,.:;()") for m in msgids if "%" not in m
                  for f in re.split(r"\{\{[^}]*\}\}", m.replace('\\"', '"')) if len(f.strip(" ,.:;()").split()) >= 3})
digests = [f for f in sorted(pathlib.Path(sys.argv[1]).glob("digest-*.eml"))]
problems, flags = [], 0
for f in digests:
    msg = email.message_from_bytes(f.read_bytes(), policy=email.policy.default)
    text = next(p.get_content() for p in msg.walk() if p.get_content_type() == "text/plain")
    flags += len(re.findall(r"^  - .+ \([a-z-]+\): ", text, re.M))
    problems += [f"{f.name}: English: {e!r}" for e in english if e in text]
    if "revisión pendiente (review-due): el acuerdo debía revisarse el " not in text:
        problems.append(f"{f.name}: no Spanish review-due flag in:\n{text}")
if not digests or not flags:
    problems.append(f"no digest with flags: {len(digests)} digests, {flags} flags")
# What the commands print for the admin, in Spanish too.
expected = {"cli.check": ["demo.toml: correcto (8 personas, 5 parejas)"],
            "cli.status": ["PAREJA ", " CELEBRADAS ", "revisión pendiente (review-due): el acuerdo",
                           "Bandeja de salida: "],
            "cli.plan": ["Plan a 2027-01-11T09:00:00Z para ", "INICIO (UTC)", "reservada"],
            "cli.review": ["tom-jack: queda registrada la revisión del acuerdo del lun 11 ene 2027."]}
for name, wants in expected.items():
    text = pathlib.Path(name).read_text(encoding="utf-8")
    problems += [f"{name}: no {w!r} in:\n{text}" for w in wants if w not in text]
    problems += [f"{name}: English: {e!r}" for e in english if e in text]
print("\n".join(problems) or f"Spanish digest ({flags} flags) and commands: no English sentence")
sys.exit(1 if problems else 0)
PY
) >programme-es.txt 2>&1 || fail "programme-es: $(cat programme-es.txt)"
tail -1 programme-es.txt

finish "languages (demo.toml)"
