#!/usr/bin/env bash
# `plan --json` must not change when its code is made faster (issue 14): the demo programme at
# three times and a generated 1,000-pair programme (scripts/generate-programme.py, seed 1, busy
# feeds on file://) give byte for byte what c2037ed gave, recorded as SHA-256 in
# plan_unchanged.sha256. A change of the plan that is meant must update that file, and say why.
#   plan_unchanged_test.sh MENTORCAL SOURCE_DIR
set -euo pipefail
bin=$(realpath "$1") src=$(realpath "$2")
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cp "$src/packaging/examples/demo.toml" "$tmp/demo.toml"
/usr/bin/python3 "$src/scripts/generate-programme.py" 1000 "$tmp/generated" >/dev/null
while read -r sum name now; do
  case $name in
    demo) cfg=$tmp/demo.toml ;;
    generated-1000) cfg=$tmp/generated/programme.toml ;;
    *) fail "unknown programme $name in plan_unchanged.sha256" ;;
  esac
  "$bin" plan --json --config "$cfg" --now "$now" >"$tmp/plan.json" 2>"$tmp/err" ||
    fail "plan --json ($name at $now): exit $? $(tail -3 "$tmp/err")"
  got=$(sha256sum <"$tmp/plan.json" | cut -d' ' -f1)
  [ "$got" = "$sum" ] || fail "plan --json of $name at $now changed: sha256 $got, was $sum"
done <"$src/tests/cli/plan_unchanged.sha256"
echo "ok: plan --json unchanged on $(wc -l <"$src/tests/cli/plan_unchanged.sha256") programmes and times"
