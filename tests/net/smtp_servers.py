#!/usr/bin/python3
"""Loopback SMTP peers for tests/net/smtp_transport_test.cpp.

Run with Debian's /usr/bin/python3 (python3-aiosmtpd); the python3 on PATH may not see it.

  smtp_servers.py certs DIR
      Make a throw-away CA (DIR/ca.pem), a server certificate for 127.0.0.1 and localhost signed
      by it (DIR/server.pem, DIR/server.key), and an unrelated CA (DIR/other-ca.pem).

  smtp_servers.py aiosmtpd --dir DIR --cert PEM --key KEY --user U --password P [--smtps]
      An aiosmtpd server on 127.0.0.1, on a port the kernel picks; prints "READY <port>" once it
      listens. STARTTLS (or TLS from the first byte with --smtps) and AUTH are required before
      MAIL. It records in DIR:
        connections      one line per accepted connection
        auth             one line per AUTH attempt: "ok <user>" or "bad <user>"
        N.envelope       "<mail from>\\n<rcpt>\\n..." for message N (0, 1, ...)
        N.eml            the message content exactly as received (dot-stuffing undone)
      Every file is complete before the server replies, so a client that got 250 can read it.
"""

import argparse
import asyncio
import os
import ssl
import subprocess
import sys

OPENSSL_QUIET = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "check": True}


def make_ca(directory, name):
    key = os.path.join(directory, name + ".key")
    pem = os.path.join(directory, name + ".pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                    "-nodes", "-keyout", key, "-out", pem, "-days", "2", "-subj", "/CN=" + name,
                    "-addext", "basicConstraints=critical,CA:TRUE",
                    "-addext", "keyUsage=critical,keyCertSign,cRLSign"], **OPENSSL_QUIET)
    return key, pem


def make_certs(directory):
    ca_key, ca_pem = make_ca(directory, "ca")
    make_ca(directory, "other-ca")
    key = os.path.join(directory, "server.key")
    csr = os.path.join(directory, "server.csr")
    ext = os.path.join(directory, "server.ext")
    with open(ext, "w") as f:
        f.write("subjectAltName=IP:127.0.0.1,DNS:localhost\n"
                "basicConstraints=CA:FALSE\n"
                "extendedKeyUsage=serverAuth\n")
    subprocess.run(["openssl", "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                    "-nodes", "-keyout", key, "-out", csr, "-subj", "/CN=localhost"], **OPENSSL_QUIET)
    subprocess.run(["openssl", "x509", "-req", "-in", csr, "-CA", ca_pem, "-CAkey", ca_key,
                    "-CAcreateserial", "-days", "2", "-extfile", ext,
                    "-out", os.path.join(directory, "server.pem")], **OPENSSL_QUIET)


def append_line(path, line):
    with open(path, "a") as f:
        f.write(line + "\n")


def write_file(path, data):
    """Write `data` to `path` so that a reader sees all of it or nothing."""
    partial = path + ".partial"
    with open(partial, "wb") as f:
        f.write(data)
    os.rename(partial, path)


class Recorder:
    """aiosmtpd handler and authenticator that keep everything in a directory."""

    def __init__(self, directory, user, password):
        self.directory = directory
        self.user = user.encode()
        self.password = password.encode()
        self.messages = 0

    def __call__(self, server, session, envelope, mechanism, auth_data):
        from aiosmtpd.smtp import AuthResult, LoginPassword
        ok = (isinstance(auth_data, LoginPassword) and auth_data.login == self.user
              and auth_data.password == self.password)
        login = auth_data.login.decode(errors="replace") if isinstance(auth_data, LoginPassword) else "?"
        append_line(os.path.join(self.directory, "auth"), ("ok " if ok else "bad ") + login)
        return AuthResult(success=ok, handled=False)

    async def handle_DATA(self, server, session, envelope):
        n = self.messages
        self.messages += 1
        write_file(os.path.join(self.directory, f"{n}.eml"), envelope.original_content)
        lines = [envelope.mail_from] + list(envelope.rcpt_tos)
        write_file(os.path.join(self.directory, f"{n}.envelope"), ("\n".join(lines) + "\n").encode())
        return "250 OK"


async def serve_aiosmtpd(args):
    from aiosmtpd.smtp import SMTP
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(args.cert, args.key)
    recorder = Recorder(args.dir, args.user, args.password)

    def connection():
        append_line(os.path.join(args.dir, "connections"), "connect")
        if args.smtps:
            return SMTP(recorder, hostname="mentorcal-test", authenticator=recorder, auth_required=True,
                        auth_require_tls=False)
        return SMTP(recorder, hostname="mentorcal-test", tls_context=context, require_starttls=True,
                    authenticator=recorder, auth_required=True)

    loop = asyncio.get_running_loop()
    server = await loop.create_server(connection, "127.0.0.1", 0, ssl=context if args.smtps else None)
    port = server.sockets[0].getsockname()[1]
    print(f"READY {port}", flush=True)
    async with server:
        await server.serve_forever()


def main():
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command", required=True)
    certs = commands.add_parser("certs")
    certs.add_argument("dir")
    smtpd = commands.add_parser("aiosmtpd")
    smtpd.add_argument("--dir", required=True)
    smtpd.add_argument("--cert", required=True)
    smtpd.add_argument("--key", required=True)
    smtpd.add_argument("--user", required=True)
    smtpd.add_argument("--password", required=True)
    smtpd.add_argument("--smtps", action="store_true")
    args = parser.parse_args()
    if args.command == "certs":
        make_certs(args.dir)
    else:
        asyncio.run(serve_aiosmtpd(args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
