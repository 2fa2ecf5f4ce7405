#!/usr/bin/python3
"""A stand-in for systemd's notify socket: receive sd_notify datagrams on a Unix socket and append
each line to a file. Usage: notify_listener.py SOCKET_PATH OUTPUT_FILE"""
import socket
import sys

sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
sock.bind(sys.argv[1])
with open(sys.argv[2], "a", buffering=1) as out:
    print("READY", flush=True)
    while True:
        for line in sock.recv(65536).decode(errors="replace").split("\n"):
            if line:
                out.write(line + "\n")
