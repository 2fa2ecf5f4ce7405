# Shared by the integration tests: temp dirs, failure counting, and loopback servers that are
# always stopped. Source it; it sets `tmp` and `failures`.
tmp=$(mktemp -d)
failures=0
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  wait 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
# sql QUERY: run QUERY on ./state.sqlite3, one row a line, columns joined by "|".
sql() { /usr/bin/python3 -c 'import sqlite3, sys; print("\n".join("|".join(str(c) for c in r) for r in sqlite3.connect(sys.argv[1]).execute(sys.argv[2])))' state.sqlite3 "$1"; }
# reply STYLE ARGS...: an answer as a real client writes it (make_reply.py).
reply() { /usr/bin/python3 "$src/tests/integration/make_reply.py" "$@"; }
# tick_in DIR: true while a `mentorcal service-tick` runs in DIR (its working directory), so tests
# running side by side, each with its own demo.toml, do not see each other's ticks.
tick_in() {
  local p
  for p in $(pgrep -f "service-tick --config demo.toml"); do
    [ "$(readlink "/proc/$p/cwd" 2>/dev/null)" = "$1" ] && return 0
  done
  return 1
}
# two_runs_at_once PROGRAMME WHAT: two `$bin run --once` on PROGRAMME at the same time (at $now),
# their output in $tmp/one and $tmp/two; a failing one fails WHAT.
two_runs_at_once() {
  local one two
  "$bin" run --once --config "$1" --now "$now" >"$tmp/one" 2>&1 &
  one=$!
  "$bin" run --once --config "$1" --now "$now" >"$tmp/two" 2>&1 &
  two=$!
  wait "$one" || fail "$2: first run exit $? $(cat "$tmp/one")"
  wait "$two" || fail "$2: second run exit $? $(cat "$tmp/two")"
}
finish() {
  [ "$failures" = 0 ] && echo "$1: all checks passed"
  exit $((failures > 0))
}

# smtp_programme URL STARTTLS: the demo programme (state in $tmp/state.sqlite3) sending over SMTP
# as start_aiosmtpd's user, with its CA.
smtp_programme() {
  sed -e '/^\[mail\]/,$d' "$src/packaging/examples/demo.toml" | sed -e 's/^state = .*/state = "state.sqlite3"/'
  cat <<TOML
[mail]
transport = "smtp"
[smtp]
url = "$1"
starttls = "$2"
username = "mentoring"
password_file = "smtp-password"
ca_file = "certs/ca.pem"
timeout_seconds = 5
TOML
  sed -n '/^\[\[person\]\]/,$p' "$src/packaging/examples/demo.toml"
}

# start_aiosmtpd DIR: an aiosmtpd with STARTTLS and AUTH (user "mentoring", password in
# $tmp/smtp-password) recording into DIR; sets smtp_port and makes $tmp/certs/ca.pem.
start_aiosmtpd() {
  local dir=$1 servers=$src/tests/net/smtp_servers.py
  mkdir -p "$dir" "$tmp/certs"
  [ -f "$tmp/certs/ca.pem" ] || /usr/bin/python3 "$servers" certs "$tmp/certs"
  printf 'correct horse battery staple\n' >"$tmp/smtp-password"
  /usr/bin/python3 "$servers" aiosmtpd --dir "$dir" --cert "$tmp/certs/server.pem" --key "$tmp/certs/server.key" \
    --user mentoring --password 'correct horse battery staple' >"$dir.ready" 2>"$dir.log" &
  pids+=($!)
  for _ in $(seq 100); do
    smtp_port=$(sed -n 's/^READY //p' "$dir.ready")
    [ -n "$smtp_port" ] && return 0
    sleep 0.1
  done
  echo "aiosmtpd did not start: $(cat "$dir.log")"
  return 1
}
