#!/usr/bin/env bash
# Two programmes on one host through the template unit: mentorcal@staff and mentorcal@students.
#
# Usage: tests/packaging/template_instances_test.sh MENTORCAL_BINARY TEMPLATE_UNIT DEMO_TOML
#
# No systemd runs here, so the test does what systemd would do for each instance, read from the
# template itself: it expands %i, takes the config path from ExecStart=, the state directory from
# StateDirectory= and the credentials from LoadCredential=, maps those absolute paths under a
# temporary root, and starts both daemons side by side with STATE_DIRECTORY and
# CREDENTIALS_DIRECTORY set as systemd sets them. Then each programme must have ticked on its own
# state, in its own directory, and sent only its own letters.
# (The unit's syntax and hardening are checked by unit_security_test.sh.)
set -euo pipefail

if [ $# -ne 3 ]; then
  echo "usage: $0 MENTORCAL_BINARY TEMPLATE_UNIT DEMO_TOML" >&2
  exit 2
fi
binary=$(realpath "$1")
template=$2
demo=$3

fail() {
  echo "template_instances_test: FAIL: $*" >&2
  exit 1
}

tmp=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT
root=$tmp/root

# One unit setting of the instance NAME: the value of KEY= (first or every line).
setting() { sed -n "s/^$2=//p" "$tmp/$1.service"; }

for name in staff students; do
  sed "s/%i/$name/g" "$template" >"$tmp/$name.service"
  exec_start=$(setting "$name" ExecStart)
  config=$(sed -n 's/.* --config \([^ ]*\).*/\1/p' <<<"$exec_start")
  [ "$config" = "/etc/mentorcal/$name.toml" ] || fail "$name: ExecStart= reads '$config'"
  state_dir=/var/lib/$(setting "$name" StateDirectory)
  [ "$state_dir" = "/var/lib/mentorcal/$name" ] || fail "$name: StateDirectory= is '$state_dir'"

  # The admin's part: a programme file without `state` (it then lives in $STATE_DIRECTORY) and
  # the instance's own password files.
  mkdir -p "$root/etc/mentorcal/$name" "$root$state_dir"
  sed -e '/^state = /d' \
    -e "s/^organiser_email = .*/organiser_email = \"$name-mentoring@example.org\"/" \
    -e "s#^directory = .*#directory = \"$root$state_dir/outbox\"#" \
    "$demo" >"$root$config"
  # systemd's part: copy each LoadCredential= file into the instance's credentials directory.
  credentials=$tmp/run/credentials/mentorcal@$name.service
  mkdir -p "$credentials"
  while IFS=: read -r id path; do
    [[ "$path" == /etc/mentorcal/$name/* ]] || fail "$name: credential $id comes from $path"
    echo "$name-secret-$id" >"$root$path"
    cp "$root$path" "$credentials/$id"
  done < <(setting "$name" LoadCredential)
  [ -f "$credentials/smtp-password" ] && [ -f "$credentials/imap-password" ] ||
    fail "$name: the unit loads no smtp-password/imap-password credential"

  STATE_DIRECTORY=$root$state_dir CREDENTIALS_DIRECTORY=$credentials \
    "$binary" daemon --config "$root$config" >"$tmp/$name.log" 2>&1 &
  pids+=($!)
done

for name in staff students; do
  for _ in $(seq 300); do grep -q 'tick: ' "$tmp/$name.log" && break; sleep 0.1; done
  grep -q 'tick: ' "$tmp/$name.log" || fail "mentorcal@$name ran no tick: $(cat "$tmp/$name.log")"
done
for pid in "${pids[@]}"; do
  kill -TERM "$pid"
  wait "$pid" || fail "a daemon exited $? after SIGTERM"
done
pids=()

for name in staff students; do
  state=$root/var/lib/mentorcal/$name
  [ -s "$state/state.sqlite3" ] || fail "mentorcal@$name has no state in $state"
  shopt -s nullglob
  letters=("$state"/outbox/*.eml)
  shopt -u nullglob
  [ ${#letters[@]} -gt 0 ] || fail "mentorcal@$name sent nothing"
  foreign=$(grep -L "^From: .*<$name-mentoring@example.org>" "${letters[@]}" || true)
  [ -z "$foreign" ] || fail "mentorcal@$name sent letters not from its own programme: $foreign"
  echo "mentorcal@$name: ${#letters[@]} letters in its own outbox, state $state/state.sqlite3"
done
echo "template_instances_test: ok: two programmes side by side, each on its own config, state and credentials"
