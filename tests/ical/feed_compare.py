#!/usr/bin/python3
"""Check the expected busy times of the feed fixtures against a second implementation.

Each tests/ical/feeds/NAME.busy holds the busy times of NAME.ics for one person and range: a
header (zone, from, to, and optionally the UIDs that are ours) and one "BEGIN END" line of UTC
times per interval. feed_test.cpp checks that mail::read_busy_feed gives exactly these lines; this
script checks that Debian's python3-recurring-ical-events (over python3-icalendar, pytz and
dateutil: an implementation that shares no code with libical) gives them too. Together: ours
equals the reference, and the expected values stay readable in review.

The reference is used the way read_busy_feed reads a feed (mail/feed.h):
- the events of recurring_ical_events.of(calendar).between() over the range padded by two days
  (floating events are compared in naive UTC there), then clipped to the range exactly;
- STATUS:CANCELLED, TRANSP:TRANSPARENT and our UIDs skipped after expansion (a cancelled override
  still replaces its instance);
- floating times and DATE values placed in the person's zone (zoneinfo: first occurrence of a
  repeated time, the offset before a gap: RFC 5545 3.3.5);
- zero-length events dropped, overlapping or touching intervals merged;
- two RFC 5545 rules recurring_ical_events 2.0.1 does not apply, applied to the calendar before it
  sees it: an event without DTSTART is skipped (it raises KeyError), and a DATE event without DTEND
  or DURATION lasts one day (it would last nothing);
- VFREEBUSY is not expanded by it and python3-icalendar 4.0.3 cannot read a FREEBUSY list
  ("a/b,c/d"), so FREEBUSY lines are read here (FBTYPE=FREE free, any other type busy).
A fixture whose header says "reference: skip REASON" is only checked by feed_test.cpp. A header
line "reference-misses: BEGIN END (WHY)" names an interval the reference is known to get wrong by
leaving it out; it is added to the reference's answer before comparing.

Usage: /usr/bin/python3 tests/ical/feed_compare.py [--write] [FEEDS_DIR]
  --write  rewrite the interval lines of every .busy file from the reference (headers are kept):
           for a new fixture; review the diff.
Exit status 0 when every fixture matches. Needs python3-recurring-ical-events (apt-get install
python3-recurring-ical-events).
"""

import datetime
import pathlib
import re
import sys
import zoneinfo

import icalendar
import recurring_ical_events
from icalendar.prop import vDDDTypes

UTC = datetime.timezone.utc
PAD = datetime.timedelta(days=2)


def parse_time(text):
    return datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def format_time(t):
    return t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def read_busy_file(path):
    """Return (header lines, settings, interval lines) of a .busy file."""
    header, settings, lines = [], {"reference-misses": []}, []
    for line in path.read_text().splitlines():
        if line.startswith("#"):
            header.append(line)
            m = re.match(r"#\s*([a-z-]+):\s*(.*)$", line)
            if m and m.group(1) == "reference-misses":
                settings["reference-misses"].append(" ".join(m.group(2).split()[:2]))
            elif m:
                settings[m.group(1)] = m.group(2).strip()
        elif line.strip():
            lines.append(line.strip())
    return header, settings, lines


def unfolded_lines(text):
    out = []
    for line in text.replace("\r\n", "\n").split("\n"):
        if line[:1] in (" ", "\t") and out:
            out[-1] += line[1:]
        else:
            out.append(line)
    return out


def split_freebusy(text):
    """Return the text without VFREEBUSY components, and the busy periods of those components."""
    kept, periods, inside = [], [], False
    for line in unfolded_lines(text):
        upper = line.upper()
        if upper == "BEGIN:VFREEBUSY":
            inside = True
        elif upper == "END:VFREEBUSY":
            inside = False
        elif inside and upper.startswith("FREEBUSY"):
            name_params, _, values = line.partition(":")
            params = dict(p.split("=", 1) for p in name_params.split(";")[1:] if "=" in p)
            if params.get("FBTYPE", "BUSY").upper() == "FREE":
                continue
            for value in values.split(","):
                start_text, _, end_text = value.partition("/")
                start = vDDDTypes.from_ical(start_text)
                end = vDDDTypes.from_ical(end_text)
                if isinstance(end, datetime.timedelta):
                    end = start + end
                periods.append((start, end))
        elif not inside:
            kept.append(line)
    return "\r\n".join(kept) + "\r\n", periods


def instant(value, zone):
    """Return a DATE or DATE-TIME value of the feed as an aware UTC datetime."""
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=zone)
        return value.astimezone(UTC)
    return datetime.datetime(value.year, value.month, value.day, tzinfo=zone).astimezone(UTC)


def prepared(calendar):
    """Apply the two RFC 5545 rules recurring_ical_events 2.0.1 misses (see the module doc)."""
    for component in calendar.walk():
        component.subcomponents = [
            c for c in component.subcomponents
            if c.name != "VEVENT" or getattr(c.get("DTSTART"), "dt", None) is not None]
    for event in calendar.walk("VEVENT"):
        start = event["DTSTART"].dt
        if (not isinstance(start, datetime.datetime) and "DTEND" not in event
                and "DURATION" not in event):
            event.add("DURATION", datetime.timedelta(days=1))
    return calendar


def reference_busy(ics_text, zone_name, begin, end, ours):
    zone = zoneinfo.ZoneInfo(zone_name)
    text, periods = split_freebusy(ics_text)
    calendar = prepared(icalendar.Calendar.from_ical(text))
    intervals = [(instant(s, zone), instant(e, zone)) for s, e in periods]
    for event in recurring_ical_events.of(calendar).between(begin - PAD, end + PAD):
        if str(event.get("STATUS", "")).upper() == "CANCELLED":
            continue
        if str(event.get("TRANSP", "")).upper() == "TRANSPARENT":
            continue
        if str(event.get("UID", "")) in ours:
            continue
        intervals.append((instant(event["DTSTART"].dt, zone), instant(event["DTEND"].dt, zone)))
    clipped = sorted((max(s, begin), min(e, end)) for s, e in intervals)
    merged = []
    for s, e in clipped:
        if s >= e:
            continue
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return [f"{format_time(s)} {format_time(e)}" for s, e in merged]


def main(argv):
    write = "--write" in argv
    args = [a for a in argv if a != "--write"]
    feeds = pathlib.Path(args[0]) if args else pathlib.Path(__file__).parent / "feeds"
    passed = failed = skipped = 0
    for busy_path in sorted(feeds.glob("*.busy")):
        name = busy_path.stem
        header, settings, expected = read_busy_file(busy_path)
        if "reference" in settings and settings["reference"].startswith("skip"):
            print(f"skip {name}: {settings['reference']}")
            skipped += 1
            continue
        ics_text = (feeds / f"{name}.ics").read_text()
        got = reference_busy(ics_text, settings["zone"], parse_time(settings["from"]),
                             parse_time(settings["to"]), set(settings.get("ours", "").split()))
        got = sorted(got + settings["reference-misses"])
        if write:
            busy_path.write_text("\n".join(header + got) + "\n")
            print(f"wrote {name}: {len(got)} intervals")
            passed += 1
        elif got == expected:
            print(f"ok {name}: {len(got)} intervals")
            passed += 1
        else:
            failed += 1
            print(f"FAIL {name}: the reference differs from {busy_path.name}")
            for line in sorted(set(expected) - set(got)):
                print(f"  only expected:  {line}")
            for line in sorted(set(got) - set(expected)):
                print(f"  only reference: {line}")
    if passed + failed == 0:
        print(f"no .busy files in {feeds}")
        return 1
    print(f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
