#!/usr/bin/python3
"""The rounds of tests/integration/failover_test.sh: two `mentorcal daemon` processes on one
PostgreSQL state (tests/support/with_postgres.sh) and a real SMTP server; the leader is cut off at
a random moment of its first, large flush and the standby takes over.

  failover_rounds.py --bin MENTORCAL --work DIR --received DIR --port PORT --ca PEM
                     --password-file FILE --rounds N [--terminate-rounds M] [--seed S]

Each round: an empty database, two daemons started at once (each in a session of its own, as on
two hosts: its own working directory); whichever takes the lease leads and plans and sends the
programme (some two hundred invitations). Then the
leader is cut off (after a random number of the flush's messages arrived; one round in eight
at a random moment of its first quarter: the plan, the first messages):
  - a kill round (--rounds): SIGKILL to the leader's whole process group (the host died);
  - a terminate round (--terminate-rounds): pg_terminate_backend on the leader's connections (its
    lease's and its tick's): the leader's tick must end within 10 s (it stops sending: its next
    statement fails), the leader lives on as a standby.
Then the standby takes over. Checked every round:
  - every outbox row 'sent'; the Message-IDs received == the outbox's (none lost, none unknown);
  - every received copy is byte-identical to its outbox row (SHA-256), so a message delivered
    twice has the same Message-ID, UID and SEQUENCE both times, and went to the row's recipient;
  - the meetings (UIDs and times per pair) are those of a clean run: none invited twice;
  - the audit's tick-started/tick-ended spans (wall clock, per daemon) never overlap: no tick
    starts before the one before it ended (a tick cut off records no end: the next may not start
    before the cut);
  - at most one message delivered twice per round (the one in flight at the cut);
  - the takeover (the new leader's tick-started after the cut) within TAKEOVER_LIMIT seconds.
Prints the takeover times (median, max) and the duplicates re-sent.
"""

import argparse
import hashlib
import os
import random
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import crash_rounds  # noqa: E402  (programme_toml, Received, meetings_received, counting)

NOW = crash_rounds.NOW
TAKEOVER_LIMIT = 15.0  # seconds; the goal is one tick interval + 10 s, the lease is tried every 2 s
SEP = "\x1f"


class Violation(Exception):
    pass


class Psql:
    """One psql session as the server's superuser, kept open: a query costs a round trip, not a
    process (the rounds poll the audit often)."""

    def __init__(self):
        admin = shlex.split(os.environ["MENTORCAL_TEST_POSTGRES_ADMIN"])
        self.p = subprocess.Popen(admin + ["-At", "-F", SEP], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                  bufsize=1, cwd="/")

    def __call__(self, query):
        self.p.stdin.write(query.rstrip().rstrip(";") + ";\n\\echo __done__\n")
        self.p.stdin.flush()
        rows = []
        for line in self.p.stdout:
            line = line.rstrip("\n")
            if line == "__done__":
                return rows
            if line:
                rows.append(line.split(SEP))
        raise Violation(f"psql ended on {query!r}: {self.p.stderr.read().strip()}")


psql = None


def has_tables():
    return psql("SELECT to_regclass('audit') IS NOT NULL AND to_regclass('settings') IS NOT NULL")[0][0] == "t"


def empty_database():
    psql("SET client_min_messages = warning; DROP SCHEMA public CASCADE; "
         "CREATE SCHEMA public AUTHORIZATION mentorcal")


def leader_pid():
    """The pid of the daemon holding the lease, or None."""
    if not has_tables():
        return None
    rows = psql("SELECT value FROM settings WHERE key = 'leader' AND EXISTS (SELECT 1 FROM pg_locks "
                "WHERE locktype = 'advisory' AND objid = 3 AND objsubid = 2 AND granted)")
    if not rows:
        return None
    who = rows[0][0].split("\t")[0]  # HOST (pid N)
    return int(who.rsplit("pid ", 1)[1].rstrip(")"))


def ticks():
    """[(who, started, ended or None)] from the audit, in order of start."""
    if not has_tables():
        return []
    spans = []
    open_by = {}
    for kind, who, at in psql("SELECT kind, subject, detail FROM audit WHERE kind IN "
                              "('tick-started', 'tick-ended') ORDER BY id"):
        if kind == "tick-started":
            open_by[who] = len(spans)
            spans.append([who, float(at), None])
        elif who in open_by:
            spans[open_by.pop(who)][2] = float(at)
    return spans


def children_of(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(c) for c in f.read().split()]
    except OSError:
        return []


def tick_pids(daemon_pid):
    out = []
    for c in children_of(daemon_pid):
        try:
            with open(f"/proc/{c}/cmdline", "rb") as f:
                if b"service-tick" in f.read():
                    out.append(c)
        except OSError:
            pass
    return out


def wait_for(what, predicate, timeout, step=0.05):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    raise Violation(f"timed out after {timeout} s waiting for {what}")


def check(messages, reference, cut_at, cut_kind):
    problems = []
    rows = psql("SELECT message_id, recipient, state, encode(sha256(bytes), 'hex') FROM outbox JOIN outbox_bytes USING (id)")
    not_sent = [r for r in rows if r[2] != "sent"]
    if not_sent:
        problems.append(f"{len(not_sent)} outbox rows not sent, e.g. {not_sent[0][:3]}")
    by_id = {r[0]: r for r in rows}
    received = {}
    for m in messages:
        received.setdefault(m.message_id, []).append(m)
    lost = sorted(set(by_id) - set(received))
    if lost:
        problems.append(f"LOST: {len(lost)} outbox messages never arrived, e.g. {lost[:3]}")
    ghosts = sorted(set(received) - set(by_id))
    if ghosts:
        problems.append(f"{len(ghosts)} messages arrived that the outbox does not hold: {ghosts[:3]}")
    duplicates = 0
    for mid, copies in received.items():
        duplicates += len(copies) - 1
        for c in copies:
            if mid in by_id and hashlib.sha256(c.data).hexdigest() != by_id[mid][3]:
                problems.append(f"{mid} (message {c.n}): bytes differ from its outbox row")
            if mid in by_id and c.rcpts != [by_id[mid][1]]:
                problems.append(f"{mid} (message {c.n}): sent to {c.rcpts}, the row says {by_id[mid][1]}")
            if [x[:3] for x in c.calendars] != [x[:3] for x in copies[0].calendars]:
                problems.append(f"DUPLICATE DIFFERS: {mid}: {copies[0].calendars} vs {c.calendars}")
    got = crash_rounds.meetings_received(messages)
    times = lambda r: {p: sorted(v.values()) for p, v in r.items()}
    if times(got) != times(reference):
        a, b = times(reference), times(got)
        diff = [(p, a.get(p), b.get(p)) for p in sorted(set(a) | set(b)) if a.get(p) != b.get(p)]
        problems.append(f"the meetings differ from a clean run's (second invitations?): {diff[:3]}")
    spans = ticks()
    for before, after in zip(spans, spans[1:]):
        end = before[2]
        if end is None:
            end = cut_at  # cut off: it may not outlive the cut
        if after[1] < end:
            problems.append(f"OVERLAP: the tick of {after[0]} started at {after[1]:.6f}, before the "
                            f"tick of {before[0]} ended ({end:.6f}, {cut_kind})")
    if problems:
        raise Violation("\n  ".join(problems[:12]))
    return duplicates


def main():
    parser = argparse.ArgumentParser()
    for name in ("--bin", "--work", "--received", "--ca", "--password-file"):
        parser.add_argument(name, required=True)
    parser.add_argument("--port", required=True, type=int)
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--terminate-rounds", type=int, default=3)
    parser.add_argument("--pairs", type=int, default=20)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    global psql
    psql = Psql()
    seed = args.seed if args.seed is not None else random.randrange(1 << 32)
    rng = random.Random(seed)
    url = os.environ["MENTORCAL_TEST_POSTGRES_URL"]
    password_file = os.environ["MENTORCAL_TEST_POSTGRES_PASSWORD_FILE"]
    total_rounds = args.rounds + args.terminate_rounds
    print(f"failover: {args.rounds} kill rounds, {args.terminate_rounds} terminate rounds, "
          f"{args.pairs} pairs, seed {seed}", flush=True)
    text = crash_rounds.programme_toml(args.port, url, args.ca, args.password_file, args.pairs)
    text = text.replace(f'state = "{url}"\n', f'state = "{url}"\nstate_password_file = "{password_file}"\n')
    dirs = {}
    for name in ("reference", "a", "b"):
        d = os.path.join(args.work, name)
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "programme.toml"), "w") as f:
            f.write(text)
        dirs[name] = d
    cursor = 0

    # A clean run: the meetings every round must end with, and how long a flush takes.
    empty_database()
    t0 = time.monotonic()
    p = subprocess.run([args.bin, "run", "--once", "--config", "programme.toml", "--now", NOW],
                       cwd=dirs["reference"], capture_output=True, text=True)
    full = time.monotonic() - t0
    if p.returncode != 0:
        print(f"FAIL: the clean run exited {p.returncode}: {p.stderr}")
        return 1
    end = crash_rounds.wait_settled(args.received, 0)
    messages = [crash_rounds.Received(args.received, n) for n in range(0, end)]
    reference = crash_rounds.meetings_received(messages)
    print(f"clean run: {len(messages)} messages in {full:.2f} s", flush=True)
    if len(messages) < 100:
        print(f"FAIL: the programme is not large: {len(messages)} messages")
        return 1
    for n in range(0, end):
        for ext in ("eml", "envelope"):
            os.unlink(os.path.join(args.received, f"{n}.{ext}"))
    cursor = end

    takeovers, duplicates, mid_flush = [], 0, 0
    started = time.monotonic()
    for r in range(1, total_rounds + 1):
        cut_kind = "SIGKILL" if r <= args.rounds else "pg_terminate_backend"
        empty_database()
        start = cursor
        daemons = {}
        logs = {}
        for name in ("a", "b"):
            logs[name] = open(os.path.join(dirs[name], "daemon.log"), "w")
            daemons[name] = subprocess.Popen(
                [args.bin, "daemon", "--config", "programme.toml", "--now", NOW, "--tick-deadline", "60"],
                cwd=dirs[name], stdout=logs[name], stderr=subprocess.STDOUT, start_new_session=True)
        by_pid = {p.pid: name for name, p in daemons.items()}
        what = None
        try:
            leader = wait_for("a leader", leader_pid, 30)
            if leader not in by_pid:
                raise Violation(f"the leader's pid {leader} is neither daemon's {list(by_pid)}")
            wait_for("the leader's first tick", lambda: any(t for t in ticks()), 30)
            target = 0
            if rng.random() < 0.125:  # early: the plan's transaction, the first messages
                time.sleep(rng.random() * full / 4)
            else:  # a random message of the flush
                target = rng.randint(1, len(messages) - 1)
                wait_for(f"{target} messages", lambda: crash_rounds.count_received(
                    args.received, start) - start >= target, 60, step=0.005)
            leader_name = by_pid[leader]
            other = "b" if leader_name == "a" else "a"
            at_cut = crash_rounds.count_received(args.received, start) - start
            in_tick = tick_pids(leader)
            cut_at = time.time()
            if cut_kind == "SIGKILL":
                os.killpg(leader, signal.SIGKILL)
                daemons[leader_name].wait()
            else:
                # The leader's lease connection, and the connection of its tick (the holder of the
                # state lock), as a network cut or a DBA would end them.
                psql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name "
                     f"LIKE 'mentorcal lease % (pid {leader})'")
                psql("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' "
                     "AND objid = 1 AND objsubid = 2 AND granted")
                if in_tick:
                    wait_for("the cut-off leader's tick to end",
                             lambda: not any(os.path.exists(f"/proc/{t}") and
                                             open(f"/proc/{t}/stat").read().split()[2] != "Z"
                                             for t in in_tick), 10)
                    cut_at = time.time()  # its tick is over: nothing more can come from it
            # The standby takes over: it leads and its tick ends with the outbox all sent.
            new = daemons[other].pid
            wait_for("the standby to lead", lambda: leader_pid() == new, 30)
            wait_for("the new leader's tick to end", lambda: any(
                t[0].endswith(f"(pid {new})") and t[2] for t in ticks()), 60)
            first = next(t for t in ticks() if t[0].endswith(f"(pid {new})"))
            takeovers.append(max(0.0, first[1] - cut_at))
            if takeovers[-1] > TAKEOVER_LIMIT:
                raise Violation(f"the takeover took {takeovers[-1]:.1f} s")
            if cut_kind != "SIGKILL" and daemons[leader_name].poll() is not None:
                raise Violation(f"the cut-off leader exited ({daemons[leader_name].returncode}) "
                                "rather than standing by")
            for p in daemons.values():
                if p.poll() is None:
                    p.send_signal(signal.SIGTERM)
            for p in daemons.values():
                p.wait(timeout=30)
            end = cursor = crash_rounds.wait_settled(args.received, start)
            received = [crash_rounds.Received(args.received, n) for n in range(start, end)]
            doubled = check(received, reference, cut_at, cut_kind)
            # Only the message in flight at the cut may go twice: each is marked sent on the
            # leader's connection before the next is sent, and nothing is marked after the cut.
            if doubled > 1:
                raise Violation(f"{doubled} messages delivered twice: more than the one in flight "
                                f"at the cut (the cut-off leader went on sending)")
            duplicates += doubled
            if os.environ.get("FAILOVER_DEBUG"):
                print(f"    round {r}: cut after {at_cut} messages (aimed at {target}), {doubled} doubled",
                      flush=True)
            if 0 < at_cut < len(messages):
                mid_flush += 1
            for n in range(start, end):
                for ext in ("eml", "envelope"):
                    os.unlink(os.path.join(args.received, f"{n}.{ext}"))
        except (Violation, subprocess.TimeoutExpired) as v:
            what = str(v)
        finally:
            for p in daemons.values():
                if p.poll() is None:
                    os.killpg(p.pid, signal.SIGKILL)
                    p.wait()
            for f in logs.values():
                f.close()
        if what is not None:
            kept = os.path.join("/tmp", f"mentorcal-failover-{seed}-{r}")
            shutil.copytree(args.work, kept, dirs_exist_ok=True)
            print(f"FAIL: round {r} ({cut_kind}) of seed {seed}: {what}\n  logs kept in {kept}", flush=True)
            return 1
        if r % 10 == 0 or r == total_rounds:
            print(f"  round {r}: {mid_flush} cut mid-flush, {duplicates} duplicates so far "
                  f"({time.monotonic() - started:.0f} s)", flush=True)
    print(f"failover: {total_rounds} rounds ({args.rounds} SIGKILL, {args.terminate_rounds} "
          f"pg_terminate_backend), {mid_flush} cut mid-flush, {duplicates} duplicates re-sent (same "
          f"Message-ID and bytes); takeover after the cut: median {statistics.median(takeovers):.2f} s, "
          f"max {max(takeovers):.2f} s; {time.monotonic() - started:.0f} s")
    if total_rounds >= 20 and mid_flush < total_rounds // 4:
        print(f"FAIL: only {mid_flush} of {total_rounds} cuts landed mid-flush")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
