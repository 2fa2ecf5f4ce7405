#!/usr/bin/env bash
# Planning and an unchanged tick on PostgreSQL against SQLite, the same generated programme on the
# same machine (issue 17's goal: PostgreSQL within 2x of SQLite at 10k pairs).
#   scripts/bench-postgres.sh [BINARY] [PAIRS]      (default build-release/bin/mentorcal, 10000)
# Starts its own PostgreSQL 15 with tests/support/with_postgres.sh, with fsync on (as in
# production; MENTORCAL_TEST_POSTGRES_FSYNC=off to compare) over TLS on loopback. For each engine:
# `plan --json`, the first `run --once` (fresh state, directory transport) and an unchanged
# `run --once` (same --now); prints the median wall and CPU (user + sys) time of REPEAT (default 3)
# runs of each and the ratios PostgreSQL / SQLite, and the load average.
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
seconds() {  # CMD...: "wall cpu" of one run (cpu: user + sys)
  /usr/bin/time -f '%e %U %S' -o "$dir/last.time" "$@" >/dev/null 2>"$dir/last.log" ||
    { echo "failed: $* $(tail -3 "$dir/last.log")" >&2; exit 1; }
  awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }' "$dir/last.time"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
column() { awk -v c="$1" '{ print $c }'; }
fresh() {  # ENGINE: an empty state
  rm -rf "$dir/outbox" "$dir"/state.sqlite3*
  [ "$1" = sqlite ] || admin "SET client_min_messages = warning; DROP SCHEMA public CASCADE; CREATE SCHEMA public AUTHORIZATION mentorcal"
}
declare -A t c
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
  for f in plan first unchanged; do
    t[$engine,$f]=$(column 1 <"$dir/$engine-$f" | median)
    c[$engine,$f]=$(column 2 <"$dir/$engine-$f" | median)
  done
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", (b > 0 ? a / b : 0) }'; }
echo
echo "PostgreSQL (fsync ${MENTORCAL_TEST_POSTGRES_FSYNC:-on}, TLS on loopback) vs SQLite: $pairs pairs, $(basename "$bin"), median of $repeat, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '| %-30s | %-17s | %-17s | %-13s |\n' "wall / CPU (user+sys)" SQLite PostgreSQL "ratio"
printf '|%s|%s|%s|%s|\n' -------------------------------- ------------------- ------------------- ---------------
for f in plan first unchanged; do
  label=$f
  [ $f = plan ] && label="plan --json"
  [ $f = first ] && label="first run --once (fresh state)"
  [ $f = unchanged ] && label="unchanged run --once"
  printf '| %-30s | %6.2fs / %6.2fs | %6.2fs / %6.2fs | %5s / %5s |\n' "$label" "${t[sqlite,$f]}" \
    "${c[sqlite,$f]}" "${t[pg,$f]}" "${c[pg,$f]}" "$(ratio "${t[pg,$f]}" "${t[sqlite,$f]}")" \
    "$(ratio "${c[pg,$f]}" "${c[sqlite,$f]}")"
done
