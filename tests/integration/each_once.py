#!/usr/bin/python3
"""each_once.py RECEIVED DOUBLED SENT: after concurrent ticks, every message in RECEIVED (a
directory of .eml files) arrived once (by Message-ID), at least 20 of them, no slot was booked
twice (DOUBLED, counted in the state) and the state marks as sent what arrived (SENT)."""
import collections
import pathlib
import sys

received, doubled, sent = pathlib.Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
ids = collections.Counter()
for eml in received.glob("*.eml"):
    data = eml.read_bytes()
    ids[next(l for l in data.split(b"\r\n") if l.lower().startswith(b"message-id:"))] += 1
twice = [m for m, n in ids.items() if n > 1]
assert len(ids) >= 20, f"{len(ids)} messages"
assert not twice, f"{len(twice)} of {len(ids)} Message-IDs arrived twice"
assert doubled == 0, f"{doubled} slots booked twice"
assert sent == len(ids), (sent, len(ids))
print(f"{len(ids)} messages, each once")
