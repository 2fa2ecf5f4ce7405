#!/usr/bin/env bash
# Logs an operator can filter (issue 16): when standard error is the journal's stream (systemd sets
# JOURNAL_STREAM to its device:inode), every line goes to journald through libsystemd's native
# protocol, and the lines about a pair, a meeting or a person's feed carry MENTORCAL_PAIR=,
# MENTORCAL_UID= and MENTORCAL_PERSON=, so `journalctl -u mentorcal MENTORCAL_PAIR=amara-li`
# finds them. Elsewhere the lines stay plain text on standard error.
#
# journald: where none runs (CI, containers), a stand-in (journal_listener.py) binds journald's
# socket, /run/systemd/journal/socket, and decodes what arrives; where journald runs, the entries
# are read back with journalctl.
# Usage: journal_test.sh MENTORCAL SOURCE_DIR
set -u
bin=$(realpath "$1") src=$(realpath "$2")
. "$src/tests/integration/lib.sh"
now=2026-11-22T09:00:00Z
socket=/run/systemd/journal/socket
cd "$tmp"

# The demo; amara's busy calendar cannot be read (a warning about a person).
sed -e 's/^state = .*/state = "state.sqlite3"/' \
  -e '/^id = "amara"/a busy_calendar = "file://'"$tmp"'/missing.ics"' \
  "$src/packaging/examples/demo.toml" >demo.toml

standin=false
if [ ! -S "$socket" ]; then
  [ -w /run ] || { echo "cannot create $socket (not root?)"; exit 1; }
  standin=true
  mkdir -p /run/systemd/journal
  python3 "$src/tests/integration/journal_listener.py" "$socket" entries.json >listener.log 2>&1 &
  listener=$!
  pids+=("$listener")
  for _ in $(seq 50); do [ -S "$socket" ] && break; sleep 0.1; done
  [ -S "$socket" ] || { echo "the journal stand-in did not start: $(cat listener.log)"; exit 1; }
fi

# Standard error is a file whose device:inode JOURNAL_STREAM names, as systemd does for the journal.
: >stderr.log
stream=$(stat -c '%d:%i' stderr.log)
JOURNAL_STREAM=$stream "$bin" run --once --verbose --config demo.toml --now "$now" >run.log 2>>stderr.log &
run=$!
wait "$run" || fail "run --once exited $?: $(cat run.log stderr.log)"

if $standin; then
  kill -TERM "$listener"
  wait "$listener" 2>/dev/null
  rm -f "$socket"
else
  journalctl -o json --no-pager "_PID=$run" | python3 -c '
import json, sys
json.dump([json.loads(l) for l in sys.stdin if l.strip()], open("entries.json", "w"))'
fi
[ -s entries.json ] || fail "nothing reached the journal"
[ -s stderr.log ] && fail "lines went to standard error instead of the journal: $(head -3 stderr.log)"

python3 - entries.json <<'PY' || failures=$((failures + 1))
import json, sys
entries = json.load(open(sys.argv[1]))
ok = True
def check(cond, what):
    global ok
    if not cond:
        print("FAIL:", what)
        ok = False
check(all(e.get("SYSLOG_IDENTIFIER") == "mentorcal" for e in entries), "an entry without SYSLOG_IDENTIFIER=mentorcal")
check(all(e.get("MESSAGE") and e.get("PRIORITY") for e in entries), "an entry without MESSAGE or PRIORITY")
pair = [e for e in entries if e.get("MENTORCAL_PAIR") == "amara-li"]
check(pair, "no entry with MENTORCAL_PAIR=amara-li")
check(all("amara-li" in e["MESSAGE"] for e in pair), "an amara-li entry about something else")
invited = [e for e in pair if e["MESSAGE"].startswith("invited ")]
check(invited and all(e.get("MENTORCAL_UID", "-") in e["MESSAGE"] for e in invited),
      "amara-li's invitations without the meeting's MENTORCAL_UID")
sent = [e for e in entries if e["MESSAGE"].startswith("sent ")]
check(sent and all(e.get("MENTORCAL_UID", "-").split("@")[0] in e["MESSAGE"] for e in sent),
      "a message sent without the MENTORCAL_UID of its meeting")
check(not any("CODE_FILE" in e for e in entries), "the sink's own source location in the entries")
feed = [e for e in entries if e.get("MENTORCAL_PERSON") == "amara"]
check(feed and all(e["PRIORITY"] == "4" and "busy calendar of amara" in e["MESSAGE"] for e in feed),
      "no warning with MENTORCAL_PERSON=amara about her feed")
print(f"{len(entries)} entries, {len(pair)} for amara-li, {len(feed)} for amara's feed")
sys.exit(0 if ok else 1)
PY

# Without the journal: the same lines on standard error, as text.
"$bin" run --once --verbose --config demo.toml --now "$now" >run2.log 2>stderr2.log ||
  fail "run --once without the journal exited $?"
grep -q "busy calendar of amara" stderr2.log || fail "no plain warning on standard error: $(cat stderr2.log)"
finish journal_test
