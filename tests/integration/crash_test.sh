#!/usr/bin/env bash
# Crash safety (DESIGN.md §8): SIGKILL `run --once` at a random moment of a large flush (a few
# hundred invites) to a real SMTP server (aiosmtpd with STARTTLS and AUTH, one for the whole
# test), then run it to completion, ROUNDS times (default 50; scripts/crash-test.sh runs 1,000).
# Every round: every planned message delivered, none lost; a message delivered twice has the same
# Message-ID and bytes (so the same UID and SEQUENCE) both times; no meeting gets a second
# invitation; `PRAGMA integrity_check` is ok. The rounds and checks are in crash_rounds.py; a
# failing round's state and messages are kept under /tmp (the path is printed).
# Usage: crash_test.sh MENTORCAL SOURCE_DIR [ROUNDS] (CRASH_SEED=N replays the kill moments)
set -u
bin=$1 src=$2 rounds=${3:-50}
. "$src/tests/integration/lib.sh"

# A copy, so that a rebuild during a long run cannot pull the binary away between rounds.
cp "$bin" "$tmp/mentorcal" && [ -x "$tmp/mentorcal" ] \
  || { echo "cannot take an executable copy of $bin (is it being rebuilt?)"; exit 1; }
start_aiosmtpd "$tmp/received" || exit 1
/usr/bin/python3 "$src/tests/integration/crash_rounds.py" --bin "$tmp/mentorcal" --work "$tmp" \
  --received "$tmp/received" --port "$smtp_port" --ca "$tmp/certs/ca.pem" \
  --password-file "$tmp/smtp-password" --rounds "$rounds" ${CRASH_SEED:+--seed "$CRASH_SEED"} \
  || fail "crash rounds"
finish "crash test ($rounds rounds)"
