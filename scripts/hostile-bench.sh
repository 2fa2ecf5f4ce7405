#!/usr/bin/env bash
# Hostile-input benchmark (issue 12): generate each attack input, then measure the CPU seconds and
# peak resident memory of one read of it. Feeds are read twice: by a whole tick (`run --once` on
# the demo programme, the input as one person's file:// busy calendar, the directory transport) and
# by the reader alone; replies by the reader alone (build/tests/hostile_read), with no gate and
# behind the tick's cheap checks of sender and UID ("gated"). Goal: every input
# at most 2 s of CPU and 150 MB resident. Inputs are generated, never committed.
# Usage: scripts/hostile-bench.sh [BUILD_DIR [MENTORCAL]]   (default build; needs bin/mentorcal
#        and tests/hostile_read in it; MENTORCAL: another binary for the ticks, e.g. an older
#        build for the figures before). Each run is stopped after 60 s (shown as 60 s and a kill).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=$(realpath "${1:-$here/build}")
bin=$(realpath "${2:-$build/bin/mentorcal}") reader=$build/tests/hostile_read
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

/usr/bin/python3 - "$work" <<'PY'
import pathlib, sys
out = pathlib.Path(sys.argv[1])
def cal(body): return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//EN\r\n" + body + "END:VCALENDAR\r\n"
def ev(inside, uid="a"): return ("BEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTART:20260302T100000Z\r\n"
                                  "DTEND:20260302T110000Z\r\n" + inside + "END:VEVENT\r\n")
feeds = {
    "deep-nesting": ("BEGIN:VCALENDAR\r\n" + "BEGIN:X\r\n" * 290_000 + "END:X\r\n" * 290_000
                     + "END:VCALENDAR\r\n"),
    "bad-dtend": cal(ev("DTEND:x\r\n" * 130_000)),
    "bad-trigger": cal(ev("TRIGGER:x\r\n" * 400_000)),
    "bad-values-spread": cal("".join(ev("DURATION:x\r\nGEO:x\r\n" * 30, str(i)) for i in range(8_000))),
    "many-rrules": cal(ev("RRULE:FREQ=DAILY;COUNT=2\r\n" * 200_000)),
    "many-vevents": cal("".join(ev("", str(i)) for i in range(19_000))),
    "many-components": cal("BEGIN:X-A\r\nEND:X-A\r\n" * 60_000),
    "many-properties": cal(ev("X-A:b\r\n" * 600_000)),
    "long-lines": cal(ev(("DESCRIPTION:" + "x" * 70_000 + "\r\n") * 70)),
    "exdates": cal(ev("RRULE:FREQ=HOURLY\r\n" + "".join(f"EXDATE:202603{d:02}T{h:02}0000Z\r\n"
                                                         for d in range(1, 29) for h in range(24)) * 20)),
}
for name, text in feeds.items():
    (out / f"feed-{name}.ics").write_bytes(text.encode()[: 5 * 1024 * 1024])
def message(parts, sender="li.wei@example.org"):
    m = ("From: " + sender + "\r\nMessage-ID: <m@x>\r\nMIME-Version: 1.0\r\n"
         "Content-Type: multipart/mixed; boundary=b\r\n\r\n")
    for p in parts:
        m += "--b\r\nContent-Type: text/calendar; method=REPLY\r\n\r\n" + p
    return m + "--b--\r\n"
reply = lambda inside, uid="u": cal("METHOD:REPLY\r\n" + ev("ATTENDEE;PARTSTAT=ACCEPTED:mailto:li.wei@example.org\r\n" + inside, uid))
replies = {
    "bad-dtend": message([reply("DTEND:x\r\n" * 110_000)]),
    "many-parts": message([reply("TRIGGER:x\r\n" * 50 + "X-A:b\r\n" * 100_000) for _ in range(24)]),
    "deep-nesting": message([cal("BEGIN:X\r\n" * 50_000 + "END:X\r\n" * 50_000)]),
    "many-rrules": message([reply("RRULE:FREQ=DAILY\r\n" * 50_000)]),
    # The cheap checks (mail/reply_gate.h): a stranger answering for our meeting, and a partner's
    # address naming no meeting of ours, each with the 110,000 bad DTENDs.
    "stranger-bad-dtend": message([reply("DTEND:x\r\n" * 110_000)], "mallory@evil.example"),
    "unknown-uid-bad-dtend": message([reply("DTEND:x\r\n" * 110_000, "not-ours")]),
    "stranger-many-parts": message([reply("TRIGGER:x\r\n" * 50 + "X-A:b\r\n" * 100_000) for _ in range(24)],
                                   "mallory@evil.example"),
}
for name, text in replies.items():
    (out / f"reply-{name}.eml").write_bytes(text.encode())
PY

sed -e '/^\[mail\]/,$d' "$here/packaging/examples/demo.toml" | sed -e 's/^state = .*/state = "state.sqlite3"/' >"$work/head.toml"
printf '[mail]\ntransport = "directory"\ndirectory = "outbox"\n' >>"$work/head.toml"

measure() {  # measure LABEL COMMAND...: print LABEL, CPU s, peak RSS MB, and the output's last line
  local t
  t=$( { /usr/bin/time -f "%U %S %M" timeout -s KILL 60 "${@:2}" >"$work/out" 2>"$work/err"; } 2>&1 | tail -1) || true
  tail -1 "$work/err" | grep -qE '^[0-9.]+ [0-9.]+ [0-9]+$' && t=$(tail -1 "$work/err")
  read -r user sys kb <<<"$t"
  printf '%-34s %6.2f s %7.1f MB  %s\n' "$1" "$(echo "$user + $sys" | bc)" "$(echo "scale=1; $kb / 1024" | bc)" \
    "$(grep -v '^[0-9.]* [0-9.]* [0-9]*$' "$work/out" "$work/err" | tail -1 | cut -d: -f2- | cut -c1-70)"
}

printf '%-34s %8s %10s  %s\n' input cpu peak-rss result
for f in "$work"/feed-*.ics; do
  name=$(basename "$f" .ics)
  rm -rf "$work/state.sqlite3"* "$work/outbox"
  { cat "$work/head.toml"; sed -n '/^\[\[person\]\]/,$p' "$here/packaging/examples/demo.toml" \
      | sed -e "0,/^max_meetings_per_week/s||busy_calendar = \"file://$f\"\n&|"; } >"$work/p.toml"
  measure "tick: $name" "$bin" run --once --config "$work/p.toml" --now 2026-03-01T09:00:00Z
  measure "read: $name" "$reader" feed "$f"
done
for f in "$work"/reply-*.eml; do
  measure "read: $(basename "$f" .eml)" "$reader" reply "$f"
  measure "gated: $(basename "$f" .eml)" "$reader" gated "$f"
done
