#!/usr/bin/env bash
# Active/standby daemons on one PostgreSQL state (run under tests/support/with_postgres.sh): the
# rounds of failover_rounds.py (the leader SIGKILLed or cut off by pg_terminate_backend at a random
# moment of a large flush to a real SMTP server; the standby takes over; nothing lost, duplicates
# identical, no two ticks overlapping), then `status` and STATUS= naming the leader.
# Usage: with_postgres.sh failover_test.sh MENTORCAL SOURCE_DIR
#   FAILOVER_ROUNDS=N (default 50) SIGKILL rounds; FAILOVER_SEED=S replays the cut moments.
set -u
bin=$1 src=$2
. "$src/tests/integration/lib.sh"
: "${MENTORCAL_TEST_POSTGRES_URL:?run under tests/support/with_postgres.sh}"
cp "$bin" "$tmp/mentorcal" && cp "$(dirname "$bin")/mentorcal-service" "$tmp/mentorcal-service" ||
  { echo "cannot copy the binaries"; exit 1; }
bin=$tmp/mentorcal
start_aiosmtpd "$tmp/received" || exit 1
/usr/bin/python3 "$src/tests/integration/failover_rounds.py" --bin "$bin" --work "$tmp/work" \
  --received "$tmp/received" --port "$smtp_port" --ca "$tmp/certs/ca.pem" \
  --password-file "$tmp/smtp-password" --rounds "${FAILOVER_ROUNDS:-50}" \
  ${FAILOVER_SEED:+--seed "$FAILOVER_SEED"} || fail "failover rounds"
finish "failover (${FAILOVER_ROUNDS:-50} rounds)"
