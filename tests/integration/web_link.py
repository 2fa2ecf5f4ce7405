#!/usr/bin/python3
"""The partners' links in letters (issue 15), for the web tests.

  web_link.py link OUTBOX ADDRESS      print the newest link found in a letter to ADDRESS
  web_link.py all OUTBOX ADDRESS       print every distinct link in letters to ADDRESS, a line each
  web_link.py count OUTBOX             print "<letters to partners> <letters with a link>"
  web_link.py free-port                print a free TCP port on 127.0.0.1
"""
import email
import glob
import os
import re
import socket
import sys
from email import policy

LINK = re.compile(r"https?://\S+/p/[A-Za-z0-9_-]{43}")


def letters(outbox):
    for path in sorted(glob.glob(os.path.join(outbox, "*.eml")), key=os.path.getmtime):
        with open(path, "rb") as f:
            yield email.message_from_bytes(f.read(), policy=policy.default)


def text_of(message):
    return "\n".join(p.get_content() for p in message.walk() if p.get_content_type() == "text/plain")


def main():
    if sys.argv[1] == "free-port":
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            print(s.getsockname()[1])
        return 0
    if sys.argv[1] == "link":
        found = None
        for m in letters(sys.argv[2]):
            if sys.argv[3] in str(m["To"]):
                hit = LINK.search(text_of(m))
                if hit:
                    found = hit.group(0)
        if not found:
            return 1
        print(found)
        return 0
    if sys.argv[1] == "all":
        seen = []
        for m in letters(sys.argv[2]):
            if sys.argv[3] in str(m["To"]):
                for hit in LINK.findall(text_of(m)):
                    if hit not in seen:
                        seen.append(hit)
        print("\n".join(seen))
        return 0 if seen else 1
    if sys.argv[1] == "count":
        partners = linked = 0
        for m in letters(sys.argv[2]):
            if "digest" in str(m["Message-ID"]):
                continue
            partners += 1
            linked += bool(LINK.search(text_of(m)))
        print(partners, linked)
        return 0
    return 2


sys.exit(main())
