#!/usr/bin/env bash
# Issue 12: a busy feed's redirect to another non-public address is refused unless the admin allows
# that network for the feed (busy_calendar_redirects_to). The real binary and two of the feed
# tests' HTTP servers (tests/net/feed_server.py) on loopback: the feed on 127.0.0.1 redirects to
# the other on 127.0.0.2.
# Usage: feed_redirect_test.sh MENTORCAL SOURCE_DIR
set -u
bin=$(realpath "$1") src=$(realpath "$2")
. "$src/tests/integration/lib.sh"
cd "$tmp"

serve() {  # ADDRESS NAME: start a feed server, print its port
  /usr/bin/python3 "$src/tests/net/feed_server.py" 0 "$1" >"$2.ready" 2>"$2.log" &
  pids+=($!)
  for _ in $(seq 200); do grep -q READY "$2.ready" 2>/dev/null && break; sleep 0.1; done
  read -r _ port <"$2.ready" || { echo "the feed server on $1 did not start: $(cat "$2.log")" >&2; exit 1; }
  echo "$port"
}
first=$(serve 127.0.0.1 first) other=$(serve 127.0.0.2 other)
url="http://127.0.0.1:$first/to/127.0.0.2/$other"

programme() {  # EXTRA_LINE: the demo with Amara's feed (and EXTRA_LINE after it)
  sed -e 's/^state = .*/state = "state.sqlite3"/' "$src/packaging/examples/demo.toml" |
    sed -e "0,/^max_meetings_per_week/s||busy_calendar = \"$url\"\n$1\n&|"
}
feed_line() { "$bin" status --config demo.toml --now "${1:-2026-11-22T09:00:00Z}" | grep "^Busy calendar of amara:"; }

programme "" >demo.toml
"$bin" run --once --config demo.toml --now 2026-11-22T09:00:00Z >run1.out 2>&1 || fail "run 1: $(cat run1.out)"
feed_line | grep -q "last try failed: redirected to a non-public address (refused)" \
  || fail "the redirect to 127.0.0.2 was followed: $(feed_line)"
grep -q "/etag.ics" other.log && fail "the server on 127.0.0.2 was reached"

# A mistake in the allowance is refused at load, at its place.
programme 'busy_calendar_redirects_to = ["127.0.0.2/8"]' >bad.toml
"$bin" check-config bad.toml >bad.out 2>&1
[ $? = 1 ] || fail "check-config accepted 127.0.0.2/8: $(cat bad.out)"
grep -qE "^bad\.toml:[0-9]+:31: error: person\.busy_calendar_redirects_to: expected a network" bad.out \
  || fail "no file:line:column for the bad network: $(cat bad.out)"

# Allowed for this feed: followed, and the copy kept.
programme 'busy_calendar_redirects_to = ["127.0.0.2/32", "fd00::/8"]' >demo.toml
"$bin" check-config demo.toml >good.out 2>&1 || fail "check-config: $(cat good.out)"
"$bin" run --once --config demo.toml --now 2026-11-22T10:00:00Z >run2.out 2>&1 || fail "run 2: $(cat run2.out)"
feed_line 2026-11-22T10:00:00Z | grep -q "^Busy calendar of amara: 0 h old$" || fail "the allowed redirect was not followed: $(feed_line 2026-11-22T10:00:00Z)"
grep -q "/etag.ics" other.log || fail "the server on 127.0.0.2 was not reached"
finish "feed_redirect"
