#!/usr/bin/python3
"""Check every message mentorcal sent against the rules of shared/INTEROP.md (1-11), reading each
with the parsers real clients use: Python's email package for the MIME tree, python-icalendar
(Debian) and ical.js (npm; Thunderbird's parser) for the calendar object. Both parsers must see
the same meeting. Every message, letters without a calendar object too (digest, nudges, review,
closing and continue letters): every text part decodes strictly as the charset it declares, and
every header's encoded words (RFC 2047) decode strictly and to no replacement character.

Usage: check_messages.py [--people FILE.json] [--organiser ADDR] [--min N] FILE_OR_DIR...
  --people     {"address": "display name"}: every attendee's CN and To: name must be exactly this
  --organiser  the programme mailbox: ORGANIZER and From:
  --min        at least this many messages must be checked
Prints one line per problem and a closing "N passed, M failed" line; exits 1 on any problem.
Run with Debian's /usr/bin/python3 (it needs python3-icalendar).
"""
import argparse
import datetime
import email
import email.errors
import email.header
import email.policy
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile

import icalendar

HERE = pathlib.Path(__file__).resolve().parent


NOT_INVITES = ("digest-", "nudge-", "closing-", "continue-", "review-", "declined-", "away-", "availability-", "asked-")  # letters that carry no calendar object (the last four: confirmations from the partner page)


def messages(paths):
    for p in map(pathlib.Path, paths):
        if p.is_dir():
            yield from sorted(x for x in p.rglob("*.eml") if not x.name.startswith("."))
        else:
            yield p


def is_invite(path):
    return not path.name.startswith(NOT_INVITES)


def addr(value):
    return re.sub(r"(?i)^mailto:", "", str(value)).lower()


class Check:
    def __init__(self, path, raw):
        self.path, self.raw, self.problems = path, raw, []

    def need(self, ok, what):
        if not ok:
            self.problems.append(what)
        return ok


def check_bytes(c):
    raw = c.raw
    c.need(b"\n" not in raw.replace(b"\r\n", b""), "rule 3: bare LF in the message")
    c.need(b"\r" not in raw.replace(b"\r\n", b""), "rule 3: bare CR in the message")
    longest = max(len(line) for line in raw.split(b"\r\n"))
    c.need(longest <= 998, f"rule 3: a line of {longest} octets")
    head = raw.split(b"\r\n\r\n", 1)[0]
    c.need(all(b < 128 for b in head), "rule 11: raw non-ASCII in the headers (needs RFC 2047)")


def check_text(c, msg):
    """Every text part decodes as the charset it declares; every header's encoded words too."""
    for part in msg.walk():
        if part.is_multipart() or part.get_content_maintype() != "text":
            continue
        charset = part.get_param("charset")
        if not c.need(charset, f"{part.get_content_type()} declares no charset"):
            continue
        body = part.get_payload(decode=True)
        try:
            body.decode(str(charset), "strict")
        except (UnicodeDecodeError, LookupError) as e:
            c.need(False, f"{part.get_content_type()} is not {charset}: {e}")
    raw_headers = {k.lower(): v for k, v in msg.raw_items()}
    for name in ("Subject", "From", "To"):
        raw = raw_headers.get(name.lower())
        if raw is None:
            continue
        for text, charset in email.header.decode_header(str(raw)):
            if isinstance(text, bytes) and charset:
                try:
                    text.decode(charset, "strict")
                except (UnicodeDecodeError, LookupError) as e:
                    c.need(False, f"rule 11: an encoded word of {name} is not {charset}: {e}")
        value = msg[name]
        c.need("\ufffd" not in str(value) and not value.defects,
               f"rule 11: {name} does not decode: {str(value)!r} {value.defects}")


def check_tree(c, msg, organiser):
    """Return the calendar bytes of the text/calendar part and of the attachment."""
    c.need(msg.get_content_type() == "multipart/mixed", f"rule 2: top is {msg.get_content_type()}")
    parts = msg.get_payload() if msg.is_multipart() else []
    c.need(len(parts) == 2, f"rule 2: multipart/mixed has {len(parts)} parts")
    if len(parts) != 2:
        return None, None, None
    alt, attach = parts
    c.need(alt.get_content_type() == "multipart/alternative", "rule 2: first part is not multipart/alternative")
    inner = alt.get_payload() if alt.is_multipart() else []
    types = [p.get_content_type() for p in inner]
    c.need(types[:1] == ["text/plain"] and types[-1:] == ["text/calendar"], f"rule 2: alternative holds {types}")
    cal = inner[-1] if inner else None
    c.need(attach.get_content_type() == "application/ics", f"rule 2: attachment is {attach.get_content_type()}")
    c.need(attach.get_filename() == "invite.ics", f"rule 2: attachment named {attach.get_filename()}")
    for part in (cal, attach):
        if part is not None:
            c.need(part.get("Content-Transfer-Encoding", "").lower() == "base64", "rule 2: calendar part not base64")
    if cal is not None:
        c.need((cal.get_param("charset") or "").lower() == "utf-8", "rule 1: text/calendar without charset=UTF-8")
    c.need(addr(msg["From"].addresses[0].addr_spec) == organiser, f"rule 6: From: {msg['From']}")
    return (cal.get_payload(decode=True) if cal is not None else None,
            attach.get_payload(decode=True), cal.get_param("method") if cal is not None else None)


def utc_text(ev, key):
    if key not in ev:
        return None
    return ev.decoded(key).astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")


def check_ics(c, ics, method_param, msg, organiser):
    text = ics.decode("utf-8")
    lines = text.split("\r\n")
    c.need(lines[-1] == "" and "\n" not in text.replace("\r\n", ""), "rule 3: iCalendar lines not CRLF")
    c.need(max(len(l.encode()) for l in lines) <= 75, "rule 3: iCalendar line over 75 octets")
    cal = icalendar.Calendar.from_ical(ics)
    method = str(cal.get("METHOD"))
    c.need(method_param is not None and method_param.upper() == method, f"rule 1: method={method_param} but METHOD:{method}")
    c.need(str(cal.get("VERSION")) == "2.0" and cal.get("PRODID"), "rule 4: VERSION/PRODID")
    events = [x for x in cal.walk("VEVENT")]
    c.need(len(events) == 1, f"rule 1: {len(events)} VEVENTs")
    c.need(not list(cal.walk("VTIMEZONE")), "rule 9: a VTIMEZONE was sent")
    ev = events[0]
    # RFC 5546 §3.2.8: a DECLINECOUNTER carries no times or summary, only who, which and why.
    refusal = method == "DECLINECOUNTER"
    required = ("UID", "DTSTAMP", "SEQUENCE", "ORGANIZER", "ATTENDEE") if refusal else \
        ("UID", "DTSTAMP", "DTSTART", "DTEND", "SEQUENCE", "SUMMARY", "ORGANIZER", "ATTENDEE")
    for key in required:
        c.need(key in ev, f"rule 4: no {key}")
    for key in ("DTSTAMP", "DTSTART", "DTEND"):
        if key in ev:
            dt = ev.decoded(key)
            c.need(isinstance(dt, datetime.datetime) and dt.utcoffset() == datetime.timedelta(0)
                   and "TZID" not in ev[key].params, f"rule 9: {key} is not UTC")
    c.need(addr(ev["ORGANIZER"]) == organiser, f"rule 6: ORGANIZER {ev.get('ORGANIZER')}")
    attendees = ev.get("ATTENDEE")
    attendees = attendees if isinstance(attendees, list) else [attendees]
    c.need(len(attendees) == 2, f"rule 6: {len(attendees)} attendees")
    for a in attendees:
        p = a.params
        c.need(p.get("ROLE") == "REQ-PARTICIPANT" and p.get("PARTSTAT") == "NEEDS-ACTION" and p.get("RSVP") == "TRUE"
               and p.get("CN"), f"rule 5: ATTENDEE {a.to_ical()!r}")
        c.need(addr(a) != organiser, "rule 6: the organiser is an attendee")
    to = addr(msg["To"].addresses[0].addr_spec)
    c.need(to in [addr(a) for a in attendees], f"rule 6: To: {to} is not an attendee")
    sequence = int(ev.get("SEQUENCE", -1))
    c.need(sequence >= 0, "rule 7: SEQUENCE")
    if method == "CANCEL":
        c.need(str(ev.get("STATUS")) == "CANCELLED", "rule 8: CANCEL without STATUS:CANCELLED")
        c.need(sequence >= 1, "rule 8: CANCEL with SEQUENCE 0")
    else:
        c.need(method in ("REQUEST", "DECLINECOUNTER"), f"rule 1: METHOD {method}")
    # RFC 6868 caret encoding, decoded by hand: python-icalendar 4 leaves it as it is.
    cns = [str(a.params.get("CN")).replace("^'", '"').replace("^n", "\n").replace("^^", "^") for a in attendees]
    return {
        "method": method, "uid": str(ev["UID"]), "sequence": sequence,
        "summary": str(ev["SUMMARY"]) if "SUMMARY" in ev else None,
        "location": str(ev.get("LOCATION")) if "LOCATION" in ev else None,
        "dtstart": utc_text(ev, "DTSTART"),
        "dtend": utc_text(ev, "DTEND"),
        "attendees": sorted(zip([addr(a) for a in attendees], cns)),
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--people")
    ap.add_argument("--organiser", default="mentoring@example.org")
    ap.add_argument("--min", type=int, default=1)
    ap.add_argument("paths", nargs="+")
    args = ap.parse_args()
    organiser = args.organiser.lower()
    people = {addr(k): v for k, v in json.load(open(args.people)).items()} if args.people else {}

    checks, views = [], {}
    with tempfile.TemporaryDirectory() as tmp:
        ics_files = []
        for path in messages(args.paths):
            raw = path.read_bytes()
            c = Check(path, raw)
            checks.append(c)
            check_bytes(c)
            msg = email.message_from_bytes(raw, policy=email.policy.default)
            check_text(c, msg)
            to = msg["To"].addresses[0]
            if addr(to.addr_spec) in people:
                c.need(to.display_name == people[addr(to.addr_spec)], f"rule 11: To: name {to.display_name!r}")
            if not is_invite(path):
                continue
            cal_bytes, attach_bytes, method_param = check_tree(c, msg, organiser)
            if cal_bytes is None:
                continue
            c.need(cal_bytes == attach_bytes, "rule 2: the attachment differs from the text/calendar part")
            try:
                views[str(path)] = check_ics(c, cal_bytes, method_param, msg, organiser)
            except Exception as e:  # a parser error is a failed message, not a crashed check
                c.need(False, f"python-icalendar: {e!r}")
                continue
            f = pathlib.Path(tmp) / f"{len(ics_files)}.ics"
            f.write_bytes(cal_bytes)
            ics_files.append((f, c))

        if ics_files:
            node = subprocess.run(["node", str(HERE / "icaljs_check.mjs")] + [str(f) for f, _ in ics_files],
                                  cwd=HERE, capture_output=True, text=True, check=False)
            if node.returncode != 0:
                print(node.stderr, file=sys.stderr)
                sys.exit(2)
            for result, (f, c) in zip(json.loads(node.stdout), ics_files):
                if not c.need(result["ok"], f"ical.js: {result.get('error')}"):
                    continue
                mine = views.get(str(c.path))
                if mine is None:
                    continue
                theirs = {
                    "method": result["method"], "uid": result["uid"], "sequence": result["sequence"],
                    "summary": result["summary"], "location": result["location"],
                    "dtstart": result["dtstart"]["iso"][:19] if result["dtstart"] else None,
                    "dtend": result["dtend"]["iso"][:19] if result["dtend"] else None,
                    "attendees": sorted((addr(a["address"]), a["cn"]) for a in result["attendees"]),
                }
                c.need(all(result[k] is None or result[k]["utc"] for k in ("dtstart", "dtend")),
                       "ical.js: times are not UTC")
                c.need(result["vtimezones"] == 0 and result["events"] == 1, "ical.js: object shape")
                for key in mine:
                    c.need(mine[key] == theirs[key], f"parsers disagree on {key}: python {mine[key]!r}, ical.js {theirs[key]!r}")
                for a, n in theirs["attendees"]:
                    if a in people:
                        c.need(n == people[a], f"rule 10: CN {n!r} for {a}, want {people[a]!r}")

    # Across messages: a UID's SEQUENCE never goes down, and a CANCEL comes after its REQUESTs.
    by_uid = {}
    for v in views.values():
        by_uid.setdefault(v["uid"], []).append(v)
    failed = sum(1 for c in checks if c.problems)
    for c in checks:
        for p in c.problems:
            print(f"{c.path}: {p}")
    print(f"interop: {len(checks)} messages, {len(by_uid)} meetings")
    if len(checks) < args.min:
        print(f"expected at least {args.min} messages")
        failed += 1
    print(f"{len(checks) - failed if failed <= len(checks) else 0} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
