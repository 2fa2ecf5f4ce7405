#!/usr/bin/python3
"""Write a generated mentoring programme as a TOML file, for the whole-process benchmark.

  scripts/generate-programme.py PAIRS OUTDIR [--seed N] [--feeds SHARE]

OUTDIR gets programme.toml and feeds/*.ics (busy feeds on file:// for a share of people). Mentors
have 1-4 mentees; 12 zones in both hemispheres, with :30 and :45 offsets and DST in the north
(March) and the south (April); 2-6 weekly windows per person; some away weeks; mixed cadences;
some paused and ended pairs. Deterministic in the seed.
"""
import argparse
import os
import random

ZONES = [  # (name, rough standard offset in minutes)
    ("Europe/London", 0), ("America/New_York", -300), ("Australia/Sydney", 600),
    ("Australia/Lord_Howe", 630), ("America/Santiago", -240), ("Asia/Kolkata", 330),
    ("Asia/Kathmandu", 345), ("Africa/Lagos", 60), ("Asia/Tokyo", 540),
    ("Australia/Adelaide", 570), ("America/Sao_Paulo", -180), ("Pacific/Chatham", 765),
]
DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
CADENCES = ["2/month"] * 10 + ["1/month"] * 5 + ["1/week"] + ["every 2 weeks"] * 3 + ["6/year"]


def hm(m):
    return f"{m // 60:02d}:{m % 60:02d}"


def window(rng):
    start = rng.randint(7 * 4, 20 * 4) * 15
    end = min(start + rng.randint(4, 16) * 15, 24 * 60)
    return rng.randint(0, 6), start, end


def matching(w, mentor_zone, mentee_zone):
    day, start, end = w
    shift = ZONES[mentee_zone][1] - ZONES[mentor_zone][1]
    start, end = start + shift, end + shift
    if start < 0:
        start, end, day = start + 1440, end + 1440, (day + 6) % 7
    if start >= 1440:
        start, end, day = start - 1440, end - 1440, (day + 1) % 7
    if end > 1440 or start < 6 * 60:
        return None
    return day, start, end


def date(base, offset):
    import datetime
    return (base + datetime.timedelta(days=offset)).isoformat()


def main():
    import datetime
    ap = argparse.ArgumentParser()
    ap.add_argument("pairs", type=int)
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--feeds", type=float, default=0.05, help="share of people with a busy feed")
    ap.add_argument("--today", default="2027-03-01")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    today = datetime.date.fromisoformat(a.today)
    os.makedirs(os.path.join(a.outdir, "feeds"), exist_ok=True)
    out = []
    w = out.append
    w('[programme]\nname = "Generated programme"\norganiser_email = "mentoring@example.org"\n'
      'admin_emails = ["coordinator@example.org"]\ntimezone = "Europe/London"\n'
      'state = "state.sqlite3"\n\n[scheduling]\nhorizon_weeks = 8\n\n'
      '[agreement]\ncadence = "2/month"\nminimum = "1/month"\nduration_minutes = 60\n'
      'first_meeting_minutes = 30\n\n[mail]\ntransport = "directory"\ndirectory = "outbox"\n\n')
    people, pairs = [], []
    feeds = 0

    def person(index, zone, extra=None):
        nonlocal feeds
        pid = f"p{index}"
        windows = [window(rng) for _ in range(rng.randint(2, 6))]
        if extra:
            windows.append(extra)
        lines = [f'[[person]]\nid = "{pid}"\nname = "Person {index}"\nemail = "{pid}@example.org"\n'
                 f'timezone = "{ZONES[zone][0]}"\n'
                 'available = [' + ", ".join(f'"{DAYS[d]} {hm(s)}-{hm(e)}"' for d, s, e in windows)
                 + "]\n"]
        if rng.random() < 0.15:
            start = rng.randint(0, 56)
            lines.append(f'away = [{{ from = {date(today, start)}, to = '
                         f'{date(today, start + rng.randint(0, 13))}, note = "away" }}]\n')
        if rng.random() < 0.3:
            lines.append(f"max_meetings_per_week = {rng.randint(1, 4)}\n")
        if rng.random() < a.feeds:
            feeds += 1
            path = os.path.join("feeds", f"{pid}.ics")
            write_feed(os.path.join(a.outdir, path), rng, today)
            lines.append(f'busy_calendar = "file://{path}"\n')
        people.append("".join(lines) + "\n")
        return windows

    index = 0
    while len(pairs) < a.pairs:
        mentor_index, mentor_zone = index, rng.randrange(len(ZONES))
        index += 1
        mentor_windows = person(mentor_index, mentor_zone)
        for _ in range(min(rng.randint(1, 4), a.pairs - len(pairs))):
            mentee_index = index
            index += 1
            mentee_zone = mentor_zone if rng.random() < 0.4 else rng.randrange(len(ZONES))
            extra = None
            if rng.random() < 0.85:
                extra = matching(rng.choice(mentor_windows), mentor_zone, mentee_zone)
            person(mentee_index, mentee_zone, extra)
            age = rng.randint(-20, 200)
            started = date(today, -age)
            p = [f'[[pair]]\nmentor = "p{mentor_index}"\nmentee = "p{mentee_index}"\n'
                 f"started = {started}\n"]
            if rng.random() < 0.2:
                p.append(f"ends = {date(datetime.date.fromisoformat(started), rng.randint(150, 400))}\n")
            r = rng.random()
            if r < 0.05:
                p.append('status = "paused"\n')
            elif r < 0.09 and age > 20:
                p.append(f'status = "ended"\nended_on = {date(today, -rng.randint(0, 10))}\n'
                         'ended_reason = "goals-met"\n')
            cadence = rng.choice(CADENCES)
            if cadence != "2/month":
                p.append(f'cadence = "{cadence}"\n')
            duration = rng.choice([30, 45, 60, 60, 90])
            if duration != 60:
                p.append(f"duration_minutes = {duration}\n")
            if rng.random() < 0.3:
                p.append("first_meeting_minutes = 0\n")
            pairs.append("".join(p) + "\n")
    with open(os.path.join(a.outdir, "programme.toml"), "w") as f:
        f.write("".join(out))
        f.writelines(people)
        f.writelines(pairs)
    print(f"{a.outdir}/programme.toml: {len(people)} people, {len(pairs)} pairs, {feeds} busy feeds")


def write_feed(path, rng, today):
    import datetime
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//mentorcal bench//EN"]
    base = datetime.datetime.combine(today, datetime.time(0, 0))
    for i in range(rng.randint(3, 15)):
        begin = base + datetime.timedelta(hours=rng.randint(0, 56 * 24), minutes=15 * rng.randint(0, 3))
        end = begin + datetime.timedelta(minutes=15 * rng.randint(2, 12))
        lines += ["BEGIN:VEVENT", f"UID:{os.path.basename(path)}-{i}@bench",
                  f"DTSTAMP:{base:%Y%m%dT%H%M%SZ}", f"DTSTART:{begin:%Y%m%dT%H%M%SZ}",
                  f"DTEND:{end:%Y%m%dT%H%M%SZ}", "SUMMARY:busy", "END:VEVENT"]
    if rng.random() < 0.3:  # a weekly recurring busy block
        begin = base + datetime.timedelta(days=rng.randint(0, 6), hours=rng.randint(7, 18))
        lines += ["BEGIN:VEVENT", f"UID:{os.path.basename(path)}-weekly@bench",
                  f"DTSTAMP:{base:%Y%m%dT%H%M%SZ}", f"DTSTART:{begin:%Y%m%dT%H%M%SZ}",
                  f"DTEND:{begin + datetime.timedelta(hours=1):%Y%m%dT%H%M%SZ}",
                  "RRULE:FREQ=WEEKLY", "SUMMARY:standup", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    with open(path, "w", newline="") as f:
        f.write("\r\n".join(lines) + "\r\n")


if __name__ == "__main__":
    main()
