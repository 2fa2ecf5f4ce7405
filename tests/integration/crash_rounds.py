#!/usr/bin/python3
"""The rounds of tests/integration/crash_test.sh: SIGKILL `mentorcal run --once` during a large
flush to a real SMTP server, then run it to completion, and check that nothing was lost, nothing
was sent twice under different identities, and the state database is intact.

Run with Debian's /usr/bin/python3. The SMTP server (tests/net/smtp_servers.py aiosmtpd) is
started by the caller and records every message it accepts as N.eml + N.envelope in --received.

  crash_rounds.py --bin MENTORCAL --work DIR --received DIR --port PORT --ca PEM
                  --password-file FILE [--rounds N] [--seed S] [--keep-failures DIR]

Each round: a fresh state, `run --once` killed with SIGKILL after a random delay in [0, T] (T is
the time a full run takes: measured on two clean reference runs first, then kept up to date with
the load as the median of the last few rounds' full-run times; one round in eight uses [0, T/10]
to hit start-up and the plan's transaction more often), `PRAGMA integrity_check`,
`run --once` again to completion (exit 0), once more (must send nothing), then the checks:
  - integrity_check is "ok" after the kill and at the end;
  - every outbox row is 'sent'; the Message-IDs received == the outbox's (none lost, none sent
    that the state does not know); each received copy is byte-identical to its outbox row and
    went to the row's recipient;
  - a Message-ID received more than once is byte-identical each time, with the same UID and
    SEQUENCE in its calendar parts;
  - no (UID, SEQUENCE, recipient) arrived under two Message-IDs;
  - per pair, the meetings received (distinct UIDs, their times, and per month) are exactly what
    a clean run sends: a kill never leads to a second invitation for the same meeting.
On a violation the round's state and messages are copied under --keep-failures (default /tmp)
and the script exits 1 after printing what went wrong.
"""

import argparse
import collections
import email
import email.policy
import os
import random
import re
import shutil
import signal
import statistics
import sqlite3
import subprocess
import sys
import tempfile
import time

NOW = "2026-11-22T09:00:00Z"
ORGANISER = "mentoring@example.org"
UID_PAIR = re.compile(r"^(?P<pair>.+)-[0-9a-f]{16}@example\.org$")


# ---------------------------------------------------------------------------------------------
# The programme: 95 people in five zones, 50 pairs (five mentors with two mentees).

ZONES = ["Europe/London", "Europe/Berlin", "Africa/Lagos", "America/New_York", "Asia/Kolkata"]
# Every window is local working hours, so pairs overlap unless New York meets Kolkata.
WINDOWS = {
    "Europe/London": ["Mon 09:00-17:00", "Tue 09:00-17:00", "Wed 09:00-17:00", "Thu 09:00-17:00"],
    "Europe/Berlin": ["Mon 09:00-17:00", "Tue 09:00-17:00", "Wed 10:00-16:00", "Fri 09:00-13:00"],
    "Africa/Lagos": ["Mon 08:00-16:00", "Tue 08:00-16:00", "Thu 08:00-16:00", "Fri 08:00-12:00"],
    "America/New_York": ["Mon 08:00-14:00", "Tue 08:00-14:00", "Wed 08:00-14:00", "Thu 08:00-14:00"],
    "Asia/Kolkata": ["Mon 11:00-19:00", "Tue 11:00-19:00", "Wed 11:00-19:00", "Thu 11:00-19:00"],
}


def programme_toml(port, state, ca_file, password_file, pairs=50, seed=2026):
    rng = random.Random(seed)
    out = [f'''[programme]
name = "Crash Test Mentoring Programme"
organiser_name = "Mentoring Team"
organiser_email = "{ORGANISER}"
admin_emails = ["coordinator@example.org"]
timezone = "Europe/London"
state = "{state}"
digest = "off"
nudges = false

[scheduling]
horizon_weeks = 8
min_notice_hours = 48
slot_step_minutes = 15
buffer_minutes = 10
max_meetings_per_day = 2

[agreement]
cadence = "2/month"
minimum = "1/month"
duration_minutes = 60
first_meeting_minutes = 30
min_months = 4
format = "video"
location = "https://meet.example.org/{{pair}}"

[mail]
transport = "smtp"

[smtp]
url = "smtp://127.0.0.1:{port}"
starttls = "required"
username = "mentoring"
password_file = "{password_file}"
ca_file = "{ca_file}"
timeout_seconds = 10
''']
    # Every tenth mentor takes two mentees (their pairs are planned together); each mentee is in
    # a zone that shares hours with their mentor's (New York and Kolkata share none).
    mentors = [(f"m{i:02d}", ZONES[i % len(ZONES)]) for i in range(pairs - (pairs + 9) // 10)]
    pair_list = []
    for j in range(pairs):
        mentor = mentors[j] if j < len(mentors) else mentors[(j - len(mentors)) * 10]
        zones = [z for z in ZONES if {z, mentor[1]} != {"America/New_York", "Asia/Kolkata"}]
        pair_list.append((mentor, (f"e{j:02d}", rng.choice(zones))))
    for person in mentors + [mentee for _, mentee in pair_list]:
        id, zone = person
        out.append(f'''[[person]]
id = "{id}"
name = "Person {id.upper()}"
email = "{id}@example.org"
timezone = "{zone}"
available = [{", ".join(f'"{w}"' for w in WINDOWS[zone])}]
''')
    for mentor, mentee in pair_list:
        out.append(f'''[[pair]]
mentor = "{mentor[0]}"
mentee = "{mentee[0]}"
started = 2026-{rng.choice(["09", "10", "11"])}-{1 + rng.randrange(20):02d}
''' + ('cadence = "1/month"\n' if rng.random() < 0.2 else ""))
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------
# Reading what arrived.

class Received:
    """One message as the server recorded it."""

    def __init__(self, directory, n):
        self.n = n
        with open(os.path.join(directory, f"{n}.eml"), "rb") as f:
            self.data = f.read()
        with open(os.path.join(directory, f"{n}.envelope"), "rb") as f:
            lines = f.read().decode().split("\n")
        self.mail_from, self.rcpts = lines[0], [l for l in lines[1:] if l]
        message = email.message_from_bytes(self.data, policy=email.policy.compat32)
        mid = message.get("Message-ID", "")
        self.message_id = mid.strip().lstrip("<").rstrip(">")
        self.calendars = []  # (method, uid, sequence, dtstart, dtend, status) per calendar part
        for part in message.walk():
            if part.get_content_type() in ("text/calendar", "application/ics") or (
                    part.get_filename() or "").endswith(".ics"):
                text = part.get_payload(decode=True).decode("utf-8")
                self.calendars.append(parse_calendar(text))


def parse_calendar(text):
    lines = []
    for line in text.replace("\r\n", "\n").split("\n"):
        if line[:1] in (" ", "\t") and lines:
            lines[-1] += line[1:]
        else:
            lines.append(line)
    fields = {}
    in_event = False
    for line in lines:
        if line == "BEGIN:VEVENT":
            in_event = True
        elif line == "END:VEVENT":
            in_event = False
        name, _, value = line.partition(":")
        name = name.split(";")[0].upper()
        if name == "METHOD" and not in_event:
            fields["METHOD"] = value
        elif in_event and name in ("UID", "SEQUENCE", "DTSTART", "DTEND", "STATUS"):
            fields.setdefault(name, value)
    return (fields.get("METHOD"), fields.get("UID"), fields.get("SEQUENCE"), fields.get("DTSTART"),
            fields.get("DTEND"), fields.get("STATUS"))


def count_received(directory, n):
    """Return the number of the next message the server will write (files before `n` may be
    gone: each round removes its own once checked)."""
    while os.path.exists(os.path.join(directory, f"{n}.envelope")):
        n += 1
    return n


def wait_settled(directory, n, seconds=0.3):
    """Return count_received once the server has written nothing new for a moment (a killed
    client's last message may still be in the server's hands)."""
    last, since = count_received(directory, n), time.monotonic()
    while time.monotonic() - since < seconds:
        time.sleep(0.02)
        now = count_received(directory, last)
        if now != last:
            last, since = now, time.monotonic()
    return last


# ---------------------------------------------------------------------------------------------

class Violation(Exception):
    pass


def integrity(state):
    """Return "ok", "no database" or what PRAGMA integrity_check found."""
    if not os.path.exists(state):
        return "no database"
    db = sqlite3.connect(state)
    try:
        rows = db.execute("PRAGMA integrity_check").fetchall()
    finally:
        db.close()
    return "ok" if rows == [("ok",)] else "; ".join(str(r[0]) for r in rows)


def snapshot(state, directory):
    """Copy the database and its WAL as the kill left them into `directory`; return the copy's
    path. Checking the copy leaves the original's hot WAL for mentorcal itself to recover (a
    read-write connection closing last would checkpoint it away)."""
    os.makedirs(directory)
    copy = os.path.join(directory, os.path.basename(state))
    for suffix in ("", "-wal", "-journal"):
        if os.path.exists(state + suffix):
            shutil.copy(state + suffix, copy + suffix)
    return copy


def outbox(state):
    db = sqlite3.connect(state)
    try:
        rows = db.execute("SELECT message_id, recipient, meeting_uid, sequence, method, bytes, state "
                          "FROM outbox JOIN outbox_bytes USING (id) ORDER BY id").fetchall()
        meetings = db.execute("SELECT uid, pair, start, end, sequence, status FROM meetings").fetchall()
        return rows, meetings
    finally:
        db.close()


def rows_and_meetings(state):
    db = sqlite3.connect(state)
    try:
        return db.execute("SELECT (SELECT count(*) FROM outbox), (SELECT count(*) FROM meetings)").fetchone()
    finally:
        db.close()


def run(args, config, log):
    """Run `run --once` to completion; return (exit code, output)."""
    with open(log, "ab") as out:
        try:
            p = subprocess.run([args.bin, "run", "--once", "--config", config, "--now", NOW],
                               stdout=subprocess.PIPE, stderr=out, timeout=300)
        except subprocess.TimeoutExpired:
            return None, "no exit after 300 s"
    out_text = p.stdout.decode(errors="replace")
    with open(log, "a") as out:
        out.write(out_text)
    return p.returncode, out_text


def month_of(dtstart):
    return dtstart[:6]  # YYYYMM of a UTC DTSTART


def meetings_received(messages):
    """{pair: {uid: (dtstart, dtend)}} for the REQUESTs received."""
    by_pair = collections.defaultdict(dict)
    for m in messages:
        for method, uid, seq, start, end, status in m.calendars:
            match = UID_PAIR.match(uid or "")
            pair = match.group("pair") if match else "?" + str(uid)
            by_pair[pair][uid] = (start, end)
    return by_pair


def check_round(args, messages, state, reference):
    """Check one round; return (duplicates re-sent, messages checked). Raise Violation."""
    problems = []
    rows, meetings = outbox(state)
    not_sent = [r for r in rows if r[6] != "sent"]
    if not_sent:
        problems.append(f"{len(not_sent)} outbox rows not sent, e.g. {not_sent[0][0]} to "
                        f"{not_sent[0][1]}: {not_sent[0][6]}")
    by_id = {r[0]: r for r in rows}

    received = collections.defaultdict(list)
    for m in messages:
        received[m.message_id].append(m)
    lost = sorted(set(by_id) - set(received))
    if lost:
        problems.append(f"LOST: {len(lost)} outbox messages never arrived, e.g. {lost[:3]}")
    ghosts = sorted(set(received) - set(by_id))
    if ghosts:
        ghost = received[ghosts[0]][0]
        problems.append(f"{len(ghosts)} messages arrived that the outbox does not hold, e.g. "
                        f"{ghosts[0]} (message {ghost.n}, to {ghost.rcpts}, {ghost.calendars[:1]})")

    duplicates = 0
    identities = {}  # (uid, sequence, recipient) -> message-id
    for mid, copies in received.items():
        first = copies[0]
        if len(copies) > 1:
            duplicates += len(copies) - 1
            for c in copies[1:]:
                if c.data != first.data:
                    problems.append(f"DUPLICATE DIFFERS: {mid} arrived as messages {first.n} and {c.n} "
                                    f"with different bytes")
                if [x[:3] for x in c.calendars] != [x[:3] for x in first.calendars]:
                    problems.append(f"DUPLICATE DIFFERS: {mid} messages {first.n} and {c.n}: "
                                    f"{first.calendars} vs {c.calendars}")
        for c in copies:
            if c.mail_from != ORGANISER or len(c.rcpts) != 1:
                problems.append(f"{mid} (message {c.n}): envelope {c.mail_from} -> {c.rcpts}")
            if len(c.calendars) != 2 or len(set(c.calendars)) != 1:
                problems.append(f"{mid} (message {c.n}): calendar parts {c.calendars}, want two equal")
            elif c.calendars[0][0] != "REQUEST" or c.calendars[0][2] != "0":
                problems.append(f"{mid} (message {c.n}): METHOD {c.calendars[0][0]} SEQUENCE "
                                f"{c.calendars[0][2]}; a new programme gets invitations only (REQUEST, 0)")
            if mid in by_id:
                row = by_id[mid]
                if bytes(row[5]) != c.data:
                    problems.append(f"{mid} (message {c.n}): bytes differ from the outbox row")
                if c.rcpts != [row[1]]:
                    problems.append(f"{mid} (message {c.n}): sent to {c.rcpts}, the row says {row[1]}")
                if c.calendars and (c.calendars[0][1] != row[2] or c.calendars[0][2] != str(row[3])):
                    problems.append(f"{mid} (message {c.n}): UID/SEQUENCE {c.calendars[0][1:3]} but "
                                    f"the row says {row[2]}/{row[3]}")
        for cal in first.calendars[:1]:
            for rcpt in first.rcpts:
                key = (cal[1], cal[2], rcpt)
                if key in identities and identities[key] != mid:
                    problems.append(f"SECOND IDENTITY: UID {cal[1]} SEQUENCE {cal[2]} to {rcpt} arrived "
                                    f"as {identities[key]} and as {mid}")
                identities.setdefault(key, mid)

    # Per pair: the same meetings as a clean run, each to both partners, no second invitation.
    got = meetings_received(messages)
    for pair in sorted(set(got) | set(reference)):
        want, have = reference.get(pair, {}), got.get(pair, {})
        if len(have) > len(want):
            problems.append(f"SECOND INVITATION: pair {pair} received {len(have)} meetings (UIDs), a "
                            f"clean run sends {len(want)}: {sorted(have.items(), key=lambda x: x[1])}")
        elif len(have) < len(want):
            problems.append(f"pair {pair}: {len(have)} meetings received, a clean run sends {len(want)}")
        months_want = collections.Counter(month_of(s) for s, _ in want.values())
        months_have = collections.Counter(month_of(s) for s, _ in have.values())
        if months_have != months_want:
            problems.append(f"pair {pair}: meetings per month {dict(months_have)}, a clean run "
                            f"{dict(months_want)}")
        if sorted(have.values()) != sorted(want.values()):
            problems.append(f"pair {pair}: meeting times {sorted(have.values())}, a clean run "
                            f"{sorted(want.values())}")
    per_uid = collections.defaultdict(set)
    for m in messages:
        for cal in m.calendars[:1]:
            per_uid[cal[1]].update(m.rcpts)
    for uid, rcpts in per_uid.items():
        if len(rcpts) != 2:
            problems.append(f"UID {uid} reached {sorted(rcpts)}, want both partners")
    booked = {m[0] for m in meetings}
    unknown = sorted(set(per_uid) - booked)
    if unknown:
        problems.append(f"{len(unknown)} UIDs received that the meetings table does not hold: {unknown[:3]}")
    odd = [m for m in meetings if m[4] != 0 or m[5] != "booked"]
    if odd:
        problems.append(f"meetings not booked at SEQUENCE 0: {odd[:3]}")
    if len(meetings) != sum(len(v) for v in reference.values()):
        problems.append(f"{len(meetings)} meetings in the state, a clean run books "
                        f"{sum(len(v) for v in reference.values())}")
    if problems:
        raise Violation("\n  ".join(problems[:20]) + (f"\n  ... and {len(problems) - 20} more"
                                                      if len(problems) > 20 else ""))
    return duplicates, len(messages)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--received", required=True)
    parser.add_argument("--port", required=True, type=int)
    parser.add_argument("--ca", required=True)
    parser.add_argument("--password-file", required=True)
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--pairs", type=int, default=50)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--keep-failures", default="/tmp")
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(1 << 32)
    rng = random.Random(seed)
    print(f"crash test: {args.rounds} rounds, {args.pairs} pairs, seed {seed} "
          f"(--seed {seed} replays the same kill moments)", flush=True)

    def setup(name):
        d = os.path.join(args.work, name)
        os.makedirs(d)
        config = os.path.join(d, "programme.toml")
        with open(config, "w") as f:
            f.write(programme_toml(args.port, "state.sqlite3", args.ca, args.password_file, args.pairs))
        return d, config, os.path.join(d, "state.sqlite3"), os.path.join(d, "log")

    def take(start, end):
        return [Received(args.received, n) for n in range(start, end)]

    def drop(start, end):
        for n in range(start, end):
            for ext in ("eml", "envelope"):
                os.unlink(os.path.join(args.received, f"{n}.{ext}"))

    def keep(d, start, end, what):
        kept = tempfile.mkdtemp(prefix="mentorcal-crash-", dir=args.keep_failures)
        shutil.copytree(d, os.path.join(kept, "round"))
        os.makedirs(os.path.join(kept, "received"))
        for n in range(start, end):
            for ext in ("eml", "envelope"):
                src = os.path.join(args.received, f"{n}.{ext}")
                if os.path.exists(src):
                    shutil.copy(src, os.path.join(kept, "received"))
        with open(os.path.join(kept, "VIOLATION"), "w") as f:
            f.write(what + "\n")
        return kept

    # Two clean runs: what a round must end with, and how long a full run takes.
    reference = None
    full = []  # recent full-run times, seconds
    cursor = 0  # the number of the next message the server writes
    for i in range(2):
        d, config, state, log = setup(f"reference-{i}")
        start = cursor
        t0 = time.monotonic()
        code, out = run(args, config, log)
        full.append(time.monotonic() - t0)
        end = cursor = wait_settled(args.received, start)
        if code != 0:
            print(f"FAIL: the clean run exited {code}: {open(log).read()}")
            return 1
        messages = take(start, end)
        got = meetings_received(messages)
        if reference is None:
            reference = got
            try:
                check_round(args, messages, state, {p: dict(v) for p, v in got.items()})
            except Violation as v:
                print(f"FAIL: the clean run: {v}\n  kept in {keep(d, start, end, str(v))}")
                return 1
            total = len(messages)
            pairs_met = len(got)
            print(f"clean run: {out.strip()} in {time.monotonic() - t0:.2f} s; {total} messages, "
                  f"{sum(len(v) for v in got.values())} meetings for {pairs_met} of {args.pairs} pairs",
                  flush=True)
            if total < 200:
                print(f"FAIL: the programme is not large: {total} messages")
                return 1
        else:
            times = lambda r: {p: sorted(v.values()) for p, v in r.items()}
            if times(got) != times(reference) or len(messages) != total:
                a, b = times(reference), times(got)
                diff = [(p, a.get(p), b.get(p)) for p in sorted(set(a) | set(b)) if a.get(p) != b.get(p)]
                print(f"FAIL: two clean runs planned different meetings: {len(messages)} vs {total} "
                      f"messages; {diff[:5]}")
                return 1
        drop(start, end)
        shutil.rmtree(d)

    stats = collections.Counter()
    started = time.monotonic()
    for r in range(1, args.rounds + 1):
        d, config, state, log = setup(f"round-{r}")
        start = cursor
        # A random moment of a full run, as long as one takes now (other jobs share the machine);
        # one round in eight aims at its first tenth (start-up, the plan's transaction, the
        # first messages), which is over in some tens of milliseconds.
        delay = rng.random() * statistics.median(full[-7:]) * (0.1 if rng.random() < 0.125 else 1)
        with open(log, "ab") as out:
            out.write(f"--- killed run, SIGKILL after {delay:.3f} s\n".encode())
            t0 = time.monotonic()
            p = subprocess.Popen([args.bin, "run", "--once", "--config", config, "--now", NOW],
                                 stdout=out, stderr=out)
            try:
                code = p.wait(timeout=delay)
                killed = False
                full.append(time.monotonic() - t0)
            except subprocess.TimeoutExpired:
                os.kill(p.pid, signal.SIGKILL)
                code = p.wait()
                # A run that exited 0 between the timeout and the signal finished on its own.
                killed = code != 0
                if not killed:
                    full.append(time.monotonic() - t0)
        at_kill = wait_settled(args.received, start, 0.15) - start
        sent_at_kill = planned_at_kill = 0
        what = None
        if killed and code != -signal.SIGKILL:
            what = f"the killed run ended with {code}, not SIGKILL"
        after_kill = snapshot(state, os.path.join(d, "after-kill"))
        check = integrity(after_kill)
        if what is not None:
            pass
        elif check not in ("ok", "no database"):
            what = f"PRAGMA integrity_check after the kill: {check} (the database as the kill left " \
                   f"it is in after-kill/)"
        elif check == "ok":
            try:
                db = sqlite3.connect(after_kill)
                planned_at_kill, sent_at_kill = db.execute(
                    "SELECT count(*), count(*) FILTER (WHERE state = 'sent') FROM outbox").fetchone()
                db.close()
            except sqlite3.Error:
                pass  # killed before the schema was created
        if what is None:
            t2 = time.monotonic()
            code2, out2 = run(args, config, log)
            if killed:  # the kill's part plus the rest, or all of it again
                full.append((delay if planned_at_kill > 0 else 0) + time.monotonic() - t2)
            if code2 != 0:
                what = f"the run after the kill exited {code2}: {out2.strip()}"
        if what is None:
            before, rows_before = count_received(args.received, start), rows_and_meetings(state)
            code3, out3 = run(args, config, log)
            after, rows_after = count_received(args.received, before), rows_and_meetings(state)
            if code3 != 0 or after != before or rows_after != rows_before:
                what = f"the third run sent or queued something, or failed: exit {code3}, " \
                       f"{after - before} new messages, (outbox rows, meetings) {rows_before} -> " \
                       f"{rows_after}: {out3.strip()}"
        if what is None:
            check = integrity(state)
            if check != "ok":
                what = f"PRAGMA integrity_check at the end: {check}"
        end = cursor = count_received(args.received, start)
        duplicates = 0
        if what is None:
            try:
                duplicates, checked = check_round(args, take(start, end), state, reference)
            except Violation as v:
                what = str(v)
        phase = ("finished before the kill" if not killed else
                 "before the plan was committed" if planned_at_kill == 0 else
                 "mid-flush" if 0 < at_kill < total else
                 "after the plan, before any 250" if at_kill == 0 else "after the last message")
        if what is not None:
            kept = keep(d, start, end, what)
            print(f"FAIL: round {r} of seed {seed} (SIGKILL after {delay:.3f} s, {phase}: {at_kill} messages "
                  f"received, {sent_at_kill} of {planned_at_kill} outbox rows sent at the kill):\n  "
                  f"{what}\n  state, log and the round's messages kept in {kept}", flush=True)
            stats["failed"] += 1
            break
        stats["rounds"] += 1
        stats[phase] += 1
        stats["duplicates"] += duplicates
        stats["checked"] += checked
        drop(start, end)
        shutil.rmtree(d)
        if r % 25 == 0 or r == args.rounds:
            print(f"  round {r}: {stats['mid-flush']} mid-flush kills, {stats['duplicates']} duplicates "
                  f"so far ({time.monotonic() - started:.0f} s)", flush=True)

    phases = ", ".join(f"{stats[k]} {k}" for k in ("before the plan was committed", "after the plan, before any 250",
                                                    "mid-flush", "after the last message",
                                                    "finished before the kill"))
    print(f"kill points: {phases}")
    print(f"crash test: {stats['rounds']} rounds, {stats['mid-flush']} mid-flush kills, "
          f"{stats['duplicates']} duplicates re-sent (same Message-ID), {stats['checked']} messages "
          f"checked, {time.monotonic() - started:.0f} s")
    if stats["failed"]:
        return 1
    if args.rounds >= 20 and stats["mid-flush"] < args.rounds // 4:
        print(f"FAIL: only {stats['mid-flush']} of {args.rounds} kills landed mid-flush")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
