#!/usr/bin/env bash
# The real binary, `run --once` over SMTP: STARTTLS to aiosmtpd on a throw-away certificate (its
# CA given with ca_file), AUTH with a password file; every invite arrives once, byte-identical to
# the outbox row, and passes the interop checks. Against smtp-sink, which offers no STARTTLS,
# nothing is sent: no message, no password; the invites stay in the outbox.
# Usage: run_once_smtp_test.sh MENTORCAL SOURCE_DIR
set -u
bin=$(realpath "$1") src=$(realpath "$2")
. "$src/tests/integration/lib.sh"
now=2026-11-22T09:00:00Z
"$src/tests/interop/install.sh" >/dev/null || { echo "cannot install ical.js"; exit 1; }

start_aiosmtpd "$tmp/received" || exit 1
smtp_programme "smtp://127.0.0.1:$smtp_port" required >"$tmp/programme.toml"
"$bin" check-config "$tmp/programme.toml" >/dev/null 2>&1 || fail "config: $("$bin" check-config "$tmp/programme.toml" 2>&1)"

"$bin" run --once --config "$tmp/programme.toml" --now "$now" >"$tmp/out" 2>&1 || fail "run: exit $? $(cat "$tmp/out")"
received=$(ls "$tmp/received"/*.eml 2>/dev/null | wc -l)
[ "$received" -ge 20 ] || fail "received $received messages"
grep -q "sent $received messages, 0 to retry, 0 failed; outbox: 0 pending" "$tmp/out" || fail "summary: $(cat "$tmp/out")"
[ "$(wc -l <"$tmp/received/connections")" = 1 ] || fail "$(wc -l <"$tmp/received/connections") connections for one batch"
[ "$(cat "$tmp/received/auth")" = "ok mentoring" ] || fail "auth: $(cat "$tmp/received/auth")"
grep -q "correct horse" "$tmp/out" && fail "the password appears in the output"

/usr/bin/python3 "$src/tests/interop/check_messages.py" --min 20 "$tmp/received" >"$tmp/check" 2>&1 \
  || fail "interop: $(cat "$tmp/check")"
tail -1 "$tmp/check"

# Each message arrived once, to the address on its row, byte for byte what the outbox holds.
/usr/bin/python3 - "$tmp" <<'PY' || fail "outbox vs received"
import pathlib, sqlite3, sys
tmp = pathlib.Path(sys.argv[1])
rows = {r[0]: (r[1], bytes(r[2])) for r in sqlite3.connect(tmp / "state.sqlite3").execute(
    "SELECT message_id, recipient, bytes FROM outbox JOIN outbox_bytes USING (id) WHERE state = 'sent'")}
got = {}
for eml in (tmp / "received").glob("*.eml"):
    rcpt = (eml.with_suffix(".envelope")).read_text().split("\n")[1]
    data = eml.read_bytes()
    mid = next(l for l in data.split(b"\r\n") if l.lower().startswith(b"message-id:")).split(b"<")[1].split(b">")[0].decode()
    assert mid not in got, f"{mid} arrived twice"
    got[mid] = (rcpt, data)
assert set(got) == set(rows), (len(got), len(rows))
for mid, (rcpt, data) in got.items():
    assert rows[mid][0] == rcpt, (mid, rcpt)
    assert rows[mid][1] == data, f"{mid}: bytes differ"
print(f"outbox: {len(rows)} rows sent, each received once, byte-identical")
PY

# smtp-sink offers no STARTTLS: mentorcal must not send a message or a password to it.
sink_port=$((20000 + RANDOM % 20000))
mkdir -p "$tmp/sink" && chown nobody "$tmp/sink"
/usr/sbin/smtp-sink -u nobody -v -d "$tmp/sink/%M." "127.0.0.1:$sink_port" 100 >"$tmp/sink.log" 2>&1 &
pids+=($!)
sleep 0.3
rm -f "$tmp/state.sqlite3"*
smtp_programme "smtp://127.0.0.1:$sink_port" required >"$tmp/programme.toml"
"$bin" run --once --config "$tmp/programme.toml" --now "$now" >"$tmp/out" 2>&1; code=$?
[ "$code" = 3 ] || fail "stripped TLS: exit $code, want 3 (runtime failure, retry later)"
grep -q "sent 0 messages" "$tmp/out" || fail "stripped TLS: $(cat "$tmp/out")"
[ -z "$(ls -A "$tmp/sink")" ] || fail "smtp-sink received a message"
grep -qE ": (AUTH|MAIL FROM|RCPT TO|DATA)" "$tmp/sink.log" && fail "smtp-sink saw: $(cat "$tmp/sink.log")"
grep -q "correct horse" "$tmp/sink.log" && fail "the password reached smtp-sink"
pending=$(/usr/bin/python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"SELECT count(*) FROM outbox WHERE state='pending'\").fetchone()[0])" "$tmp/state.sqlite3")
[ "$pending" -ge 20 ] || fail "stripped TLS: $pending messages still pending, want all"

finish "run --once (smtp)"
