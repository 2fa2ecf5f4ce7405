#!/usr/bin/env bash
# Check the systemd unit: its hardening score and that systemd parses it without a complaint.
#
# Usage: tests/packaging/unit_security_test.sh [UNIT_FILE [MAX_EXPOSURE]]
#   UNIT_FILE     default: packaging/mentorcal.service next to this script; a template unit
#                 (NAME@.service) is checked as its instance NAME@example.service
#   MAX_EXPOSURE  highest acceptable overall exposure of `systemd-analyze security`, default 2.0
#
# 1. `systemd-analyze security --offline=yes --threshold=N` rates the unit file (0 = locked down,
#    10 = exposed); the overall exposure must be <= MAX_EXPOSURE, and systemd must not have printed
#    a parse warning ("FILE:LINE: ...": a setting systemd ignores would make the score a lie).
# 2. `systemd-analyze verify` loads a copy of the unit; its ExecStart= binary is swapped for an
#    existing executable when /usr/bin/mentorcal is not installed (verify checks the path exists),
#    and --man=no because the man pages are not installed here (deb_test.sh checks them). Any output
#    at all is a failure: verify only warns, with exit status 0, about unknown keys.
# Needs systemd-analyze (Debian package `systemd`); no running systemd is needed.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
unit=${1:-$here/../../packaging/mentorcal.service}
max=${2:-2.0}

fail() {
  echo "unit_security_test: FAIL: $*" >&2
  exit 1
}

command -v systemd-analyze >/dev/null 2>&1 ||
  fail "systemd-analyze not found: install the Debian package systemd (scripts/install-deps.sh)"
[ -f "$unit" ] || fail "no unit file at $unit"
[[ "$max" =~ ^[0-9]+(\.[0-9])?$ ]] || fail "MAX_EXPOSURE must look like 2.0, got '$max'"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
name=$(basename "$unit")
# systemd reads an instance from its template in the same folder: rate and verify the instance.
mkdir "$tmp/units"
cp "$unit" "$tmp/units/$name"
# A socket-activated service is verified with its socket beside it.
socket=${unit%.service}.socket
[ -f "$socket" ] && cp "$socket" "$tmp/units/"
target=$tmp/units/$name
case "$name" in
  *@.service) target=$tmp/units/${name%@.service}@example.service ;;
esac

# --- 1. exposure score ------------------------------------------------------------------------
# --threshold takes tenths: 2.0 -> 20.
threshold=$(awk -v m="$max" 'BEGIN { printf "%d", m * 10 + 0.5 }')
set +e
systemd-analyze security --offline=yes --threshold="$threshold" "$target" >"$tmp/security.out" \
  2>"$tmp/security.err"
rc=$?
set -e
if grep -hE "^(.*/)?$name:[0-9]+:" "$tmp/security.err" "$tmp/security.out" >&2; then
  fail "systemd does not accept every line of $unit (see the warnings above)"
fi
score=$(sed -n 's/.*Overall exposure level for [^:]*: \([0-9][0-9]*\.[0-9]\).*/\1/p' \
  "$tmp/security.out" | tail -n 1)
if [ -z "$score" ]; then
  cat "$tmp/security.out" "$tmp/security.err" >&2
  fail "no 'Overall exposure level' in the output of systemd-analyze security (exit $rc)"
fi
if awk -v s="$score" -v m="$max" 'BEGIN { exit !(s > m) }' || [ "$rc" -ne 0 ]; then
  grep -E '^✗|^\S*X ' "$tmp/security.out" >&2 || cat "$tmp/security.out" >&2
  fail "$name: exposure $score is above $max (systemd-analyze exit $rc); exposed settings above"
fi

# --- 2. systemd-analyze verify ----------------------------------------------------------------
if [ ! -x /usr/bin/mentorcal ]; then
  stand_in=$(command -v true)
  sed -i "s#^\(ExecStart=[-@:+!]*\)/usr/bin/mentorcal\b#\1$stand_in#" "$tmp/units/$name"
fi
set +e
systemd-analyze verify --man=no "$target" >"$tmp/verify.out" 2>&1
rc=$?
set -e
if [ "$rc" -ne 0 ] || [ -s "$tmp/verify.out" ]; then
  sed "s#$tmp/##" "$tmp/verify.out" >&2
  fail "systemd-analyze verify $name: exit $rc, output above"
fi

echo "unit_security_test: ok: $name exposure $score (limit $max), systemd-analyze verify clean"
