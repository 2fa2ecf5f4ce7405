#!/usr/bin/env bash
# Planning and an unchanged tick on PostgreSQL against SQLite, the same generated programme on the
# same machine (issue 17's goal: PostgreSQL within 2x of SQLite at 10k pairs).
#   scripts/bench-postgres.sh [BINARY] [PAIRS]      (default build-release/bin/mentorcal, 10000)
# Starts its own PostgreSQL 15 with tests/support/with_postgres.sh, with fsync on (as in
# production; MENTORCAL_TEST_POSTGRES_FSYNC=off to compare) over TLS on loopback. For each engine:
# `plan --json`, the first `run --once` (fresh state, directory transport) and an unchanged
# `run --once` (same --now); prints the median wall time of REPEAT (default 3) runs of each and
# the ratio PostgreSQL / SQLite.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${MENTORCAL_TEST_POSTGRES_URL:-}" ]; then
  MENTORCAL_TEST_POSTGRES_FSYNC=${MENTORCAL_TEST_POSTGRES_FSYNC:-on} exec "$here/tests/support/with_postgres.sh" "$0" "$@"
fi
bin=$(realpath "${1:-$here/build-release/bin/mentorcal}")
pairs=${2:-10000}
repeat=${REPEAT:-3}
work=${WORK:-/tmp/mentorcal-bench-pg}
now=2027-03-01T09:00:00Z
admin() { (cd / && $MENTORCAL_TEST_POSTGRES_ADMIN -At -c "$1"); }
mkdir -p "$work"
dir=$work/$pairs
[ -f "$dir/programme.toml" ] || /usr/bin/python3 "$here/scripts/generate-programme.py" "$pairs" "$dir" >&2
sed -e "s|^state = .*|state = \"$MENTORCAL_TEST_POSTGRES_URL\"\nstate_password_file = \"$MENTORCAL_TEST_POSTGRES_PASSWORD_FILE\"|" \
  "$dir/programme.toml" >"$dir/programme-pg.toml"
seconds() {  # CMD...: the wall time of one run
  local t0 t1
  t0=$(date +%s.%N)
  "$@" >/dev/null 2>"$dir/last.log" || { echo "failed: $* $(tail -3 "$dir/last.log")" >&2; exit 1; }
  t1=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", b - a }'
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
fresh() {  # ENGINE: an empty state
  rm -rf "$dir/outbox" "$dir"/state.sqlite3*
  [ "$1" = sqlite ] || admin "SET client_min_messages = warning; DROP SCHEMA public CASCADE; CREATE SCHEMA public AUTHORIZATION mentorcal"
}
declare -A t
for engine in sqlite pg; do for f in plan first unchanged; do : >"$dir/$engine-$f"; done; done
# The engines take turns, so a change in the machine's load falls on both.
for ((i = 0; i < repeat; i++)); do
  for engine in sqlite pg; do
    cfg=$dir/programme.toml
    [ "$engine" = pg ] && cfg=$dir/programme-pg.toml
    echo "$engine, run $((i + 1))/$repeat" >&2
    fresh "$engine"
    seconds "$bin" plan --json --config "$cfg" --now "$now" >>"$dir/$engine-plan"
    seconds "$bin" run --once --config "$cfg" --now "$now" >>"$dir/$engine-first"
    seconds "$bin" run --once --config "$cfg" --now "$now" >>"$dir/$engine-unchanged"
  done
done
for engine in sqlite pg; do
  for f in plan first unchanged; do t[$engine,$f]=$(median <"$dir/$engine-$f"); done
done
echo
echo "PostgreSQL (fsync ${MENTORCAL_TEST_POSTGRES_FSYNC:-on}, TLS on loopback) vs SQLite: $pairs pairs, $(basename "$bin"), median of $repeat, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '| %-28s | %8s | %10s | %6s |\n' "" SQLite PostgreSQL ratio
printf '|%s|%s|%s|%s|\n' ------------------------------ ---------- ------------ --------
for f in plan first unchanged; do
  label=$f
  [ $f = plan ] && label="plan --json"
  [ $f = first ] && label="first run --once (fresh state)"
  [ $f = unchanged ] && label="unchanged run --once"
  printf '| %-28s | %7.2fs | %9.2fs | %5.2fx |\n' "$label" "${t[sqlite,$f]}" "${t[pg,$f]}" \
    "$(awk -v a="${t[pg,$f]}" -v b="${t[sqlite,$f]}" 'BEGIN { print a / b }')"
done
