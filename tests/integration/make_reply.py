#!/usr/bin/python3
"""Write an iMIP answer the way a real calendar client would, for the replies integration test.

Usage: make_reply.py STYLE --uid U --attendee A [--from F] [--sequence N] [--method M]
                     [--partstat P] [--start YYYYmmddTHHMMSSZ --end ...] [--also START/END ...]
                     > message.eml
STYLE:
  outlook   REPLY/COUNTER as Outlook sends it: no ORGANIZER in a REPLY, COUNTER with
            X-MS-OLK-ORIGINALSTART and a Windows TZID ("GMT Standard Time") with its VTIMEZONE
  gmail     From: the attendee, Sender: calendar-notification@google.com; a COUNTER still says
            method=REPLY on the MIME part (the object's METHOD decides)
  exchange  the calendar part base64 inside multipart/alternative, bare-LF calendar text
  tnef      only a winmail.dat attachment (must be skipped)
"""
import argparse
import base64
import datetime
import sys
import uuid


def calendar(a, eol="\r\n"):
    method = a.method
    lines = ["BEGIN:VCALENDAR", "PRODID:-//Test//Client//EN", "VERSION:2.0", f"METHOD:{method}"]
    if a.style == "outlook" and method == "COUNTER":
        lines += ["BEGIN:VTIMEZONE", "TZID:GMT Standard Time", "BEGIN:STANDARD", "DTSTART:16010101T020000",
                  "TZOFFSETFROM:+0100", "TZOFFSETTO:+0000", "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10",
                  "END:STANDARD", "BEGIN:DAYLIGHT", "DTSTART:16010101T010000", "TZOFFSETFROM:+0000",
                  "TZOFFSETTO:+0100", "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3", "END:DAYLIGHT",
                  "END:VTIMEZONE"]
    for earlier in a.also or []:  # other proposals for the same UID, before the last one
        start, end = earlier.split("/")
        lines += event(a, method, start, end)
    lines += event(a, method, a.start, a.end)
    lines += ["END:VCALENDAR", ""]
    return eol.join(lines)


def event(a, method, start, end):
    lines = ["BEGIN:VEVENT", f"UID:{a.uid}", f"SEQUENCE:{a.sequence}",
              "DTSTAMP:" + datetime.datetime.utcnow().strftime("%Y%m%dT%H%M%SZ")]
    if not (a.style == "outlook" and method == "REPLY"):
        lines.append("ORGANIZER:mailto:mentoring@example.org")
    who = "MAILTO:" if a.style == "outlook" else "mailto:"
    if method == "REPLY":
        lines.append(f"ATTENDEE;PARTSTAT={a.partstat};CN=Someone:{who}{a.attendee}")
    else:
        lines.append(f"ATTENDEE;CN=Someone:{who}{a.attendee}")
    if start:
        if a.style == "outlook" and method == "COUNTER":
            # The proposal in London time (the test proposes winter dates: GMT == UTC).
            lines += [f"DTSTART;TZID=GMT Standard Time:{start.rstrip('Z')}",
                      f"DTEND;TZID=GMT Standard Time:{end.rstrip('Z')}",
                      "X-MS-OLK-ORIGINALSTART:20261201T100000Z"]
        else:
            lines += [f"DTSTART:{start}", f"DTEND:{end}"]
    lines += ["SUMMARY:Mentoring", "END:VEVENT"]
    return lines


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("style", choices=["outlook", "gmail", "exchange", "tnef"])
    ap.add_argument("--uid", required=True)
    ap.add_argument("--attendee", required=True)
    ap.add_argument("--from", dest="sender")
    ap.add_argument("--sequence", type=int, default=0)
    ap.add_argument("--method", default="REPLY")
    ap.add_argument("--partstat", default="ACCEPTED")
    ap.add_argument("--start")
    ap.add_argument("--end")
    ap.add_argument("--also", action="append", help="START/END of an earlier VEVENT for the same UID")
    a = ap.parse_args()
    sender = a.sender or a.attendee
    mid = f"<{uuid.uuid4()}@client.example>"
    head = [f"From: Someone <{sender}>", "To: Mentoring Team <mentoring@example.org>",
            f"Subject: {a.partstat.title() if a.method == 'REPLY' else a.method.title()}: Mentoring",
            f"Message-ID: {mid}", "Date: Sun, 22 Nov 2026 10:00:00 +0000", "MIME-Version: 1.0"]
    if a.style == "gmail":
        head.insert(1, "Sender: Google Calendar <calendar-notification@google.com>")
    b = "b-" + uuid.uuid4().hex
    if a.style == "tnef":
        body = [f'Content-Type: multipart/mixed; boundary="{b}"', "", f"--{b}",
                "Content-Type: text/plain; charset=us-ascii", "", "Accepted.", f"--{b}",
                'Content-Type: application/ms-tnef; name="winmail.dat"', "Content-Transfer-Encoding: base64",
                'Content-Disposition: attachment; filename="winmail.dat"', "",
                base64.b64encode(b"\x78\x9f\x3e\x22" + b"\x00" * 60).decode(), f"--{b}--", ""]
    elif a.style == "exchange":
        cal = base64.encodebytes(calendar(a, eol="\n").encode()).decode().replace("\n", "\r\n")
        body = [f'Content-Type: multipart/alternative; boundary="{b}"', "", f"--{b}",
                "Content-Type: text/plain; charset=utf-8", "", "Reply", f"--{b}",
                f'Content-Type: text/calendar; charset="utf-8"; method={a.method}',
                "Content-Transfer-Encoding: base64", "", cal.rstrip("\r\n"), f"--{b}--", ""]
    else:
        param = "REPLY" if a.style == "gmail" else a.method
        body = [f'Content-Type: multipart/alternative; boundary="{b}"', "", f"--{b}",
                "Content-Type: text/plain; charset=utf-8", "", "Answered.", f"--{b}",
                f"Content-Type: text/calendar; charset=UTF-8; method={param}", "Content-Transfer-Encoding: 7bit",
                "", calendar(a).rstrip("\r\n"), f"--{b}--", ""]
    sys.stdout.buffer.write("\r\n".join(head + body).encode())


if __name__ == "__main__":
    main()
