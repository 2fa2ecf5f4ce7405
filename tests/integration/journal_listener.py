#!/usr/bin/python3
"""A stand-in for journald's native socket, for journal_test.sh on machines without journald.

  journal_listener.py SOCKET OUT.json

Binds SOCKET (a datagram socket, as /run/systemd/journal/socket), decodes each datagram as
journald's native protocol (https://systemd.io/JOURNAL_NATIVE_PROTOCOL/: "KEY=value\\n", or
"KEY\\n" + 64-bit little-endian length + data + "\\n" for values with newlines; a datagram too big
for the socket arrives as a memfd passed with SCM_RIGHTS), and on SIGTERM writes the entries as a
JSON list of objects to OUT.json.
"""
import array
import json
import os
import signal
import socket
import struct
import sys


def decode(data):
    entry, i = {}, 0
    while i < len(data):
        nl = data.index(b"\n", i)
        line = data[i:nl]
        if b"=" in line:
            key, value = line.split(b"=", 1)
            i = nl + 1
        else:
            key = line
            (size,) = struct.unpack("<Q", data[nl + 1:nl + 9])
            value = data[nl + 9:nl + 9 + size]
            i = nl + 9 + size + 1
        entry[key.decode()] = value.decode("utf-8", "replace")
    return entry


def main():
    path, out = sys.argv[1], sys.argv[2]
    entries = []

    def finish(*_):
        with open(out, "w") as f:
            json.dump(entries, f)
        os.unlink(path)
        sys.exit(0)

    signal.signal(signal.SIGTERM, finish)
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(path)
    while True:
        fds = array.array("i")
        data, ancdata, _, _ = sock.recvmsg(1 << 20, socket.CMSG_SPACE(fds.itemsize))
        for level, kind, payload in ancdata:
            if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
                fds.frombytes(payload[:len(payload) - len(payload) % fds.itemsize])
        for fd in fds:
            with os.fdopen(fd, "rb") as f:
                data = f.read()
        entries.append(decode(data))


if __name__ == "__main__":
    main()
