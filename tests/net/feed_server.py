#!/usr/bin/python3
"""A loopback HTTP server for tests/net/feed_fetch_test.cpp: busy-calendar feeds that behave
the ways real calendar servers do. Prints "READY <port>" once it listens; logs each request's
path and conditional headers to stderr.

  /etag.ics            ETag "v1" (304 for If-None-Match: "v1"), no Last-Modified
  /cr-etag.ics         an ETag with a bare CR in it
  /old.ics             Last-Modified a day before Date (304 for If-Modified-Since >= it), no ETag
  /just-changed.ics    Last-Modified in the same second as Date, no ETag
  /big.ics             BIG bytes (first argument) of calendar; /big-unsized.ics without a length
  /gzip.ics            the calendar gzip-encoded when the client accepts it
  /to-http             302 to /etag.ics         /to-file   302 to file:///etc/passwd
  /loop                302 to /loop, forever    /missing   404
  /silent              headers never come
  /to/HOST/PORT        302 to http://HOST:PORT/etag.ics (another server, e.g. on 127.0.0.2)

Arguments: [BIG [ADDRESS]]: ADDRESS to listen on, 127.0.0.1 by default (127.0.0.2 is loopback
too, and a different address).
"""

import email.utils
import gzip
import http.server
import sys
import time

CALENDAR = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nEND:VCALENDAR\r\n"
BIG = int(sys.argv[1]) if len(sys.argv) > 1 else 6 * 1024 * 1024


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        sys.stderr.write("%s inm=%s ims=%s\n" % (self.path, self.headers.get("If-None-Match"),
                                                 self.headers.get("If-Modified-Since")))

    def send(self, code, body=b"", headers=()):
        self.send_response(code)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, where):
        self.send(302, headers=[("Location", where)])

    def dated(self, modified):
        last_modified = email.utils.formatdate(modified, usegmt=True)
        since = self.headers.get("If-Modified-Since")
        if since and email.utils.parsedate_to_datetime(since).timestamp() >= int(modified):
            self.send(304, headers=[("Last-Modified", last_modified)])
        else:
            self.send(200, CALENDAR, [("Last-Modified", last_modified)])

    def do_GET(self):
        now = time.time()
        if self.path == "/etag.ics":
            if self.headers.get("If-None-Match") == '"v1"':
                self.send(304, headers=[("ETag", '"v1"')])
            else:
                self.send(200, CALENDAR, [("ETag", '"v1"')])
        elif self.path == "/cr-etag.ics":  # a bare CR inside the ETag: never to be sent back
            self.send(200, CALENDAR, [("ETag", '"v1"\rX-Injected: 1')])
        elif self.path == "/old.ics":
            self.dated(now - 86400)
        elif self.path == "/just-changed.ics":
            self.dated(now)
        elif self.path == "/big.ics":
            self.send(200, CALENDAR + b" " * BIG)
        elif self.path == "/big-unsized.ics":  # no Content-Length: the size shows only as it comes
            self.send_response(200)
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(CALENDAR + b" " * BIG)
            self.close_connection = True
        elif self.path == "/gzip.ics":
            if "gzip" in self.headers.get("Accept-Encoding", ""):
                self.send(200, gzip.compress(CALENDAR), [("Content-Encoding", "gzip")])
            else:
                self.send(200, CALENDAR)
        elif self.path == "/to-http":
            self.redirect("/etag.ics")
        elif self.path == "/to-file":
            self.redirect("file:///etc/passwd")
        elif self.path == "/loop":
            self.redirect("/loop")
        elif self.path.startswith("/to/"):
            _, _, host, port = self.path.split("/", 3)
            self.redirect("http://%s:%s/etag.ics" % (host, port))
        elif self.path == "/silent":
            time.sleep(60)
        else:
            self.send(404, b"not here")


ADDRESS = sys.argv[2] if len(sys.argv) > 2 else "127.0.0.1"
server = http.server.ThreadingHTTPServer((ADDRESS, 0), Handler)
server.daemon_threads = True
print("READY", server.server_address[1], flush=True)
server.serve_forever()
