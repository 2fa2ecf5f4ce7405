#!/usr/bin/env bash
# The real binary: check-config on the examples, on a file with five mistakes, and the exit codes
# of DESIGN.md §9. Usage: check_config_test.sh MENTORCAL SOURCE_DIR
set -u
bin=$(realpath "$1") src=$(realpath "$2")
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

for f in demo.toml mentorcal.toml; do
  "$bin" check-config "$src/packaging/examples/$f" >"$tmp/out" 2>&1 || fail "$f: exit $? $(cat "$tmp/out")"
done

# Five different mistakes -> five FILE:LINE:COLUMN lines, exit 1.
cat >"$tmp/five.toml" <<'TOML'
[programme]
name = "P"
organizer_email = "o@example.org"
timezone = "Europe/Londn"
[agreement]
cadence = "3/fortnight"
[[person]]
id = "a"
name = "A"
email = "a@@example.org"
available = ["Mon 12:00-09:00"]
TOML
"$bin" check-config "$tmp/five.toml" >"$tmp/out" 2>"$tmp/err"; code=$?
[ "$code" = 1 ] || fail "five mistakes: exit $code, want 1"
n=$(grep -cE "^$tmp/five.toml:[0-9]+:[0-9]+: error: " "$tmp/err")
# organiser_email is both misspelt (unknown key) and therefore missing: six lines for five mistakes.
for want in ":3:1: error: programme.organizer_email: unknown key" ":4:12: error: programme.timezone" \
            ":6:11: error: agreement.cadence" ":10:9: error: person.email" ":11:14: error: person.available"; do
  grep -qF "five.toml$want" "$tmp/err" || fail "missing line *$want*: $(cat "$tmp/err")"
done
[ "$n" -ge 5 ] || fail "want at least 5 error lines, got $n"

# --config and $MENTORCAL_CONFIG pick the file when none is given.
"$bin" check-config --config "$src/packaging/examples/demo.toml" >/dev/null 2>&1 || fail "--config"
MENTORCAL_CONFIG="$src/packaging/examples/demo.toml" "$bin" check-config >/dev/null 2>&1 || fail "MENTORCAL_CONFIG"
MENTORCAL_CONFIG="$tmp/five.toml" "$bin" check-config >/dev/null 2>&1 && fail "MENTORCAL_CONFIG not used"

# Usage errors exit 2; a missing file is invalid input (1); --help and --version exit 0.
"$bin" >/dev/null 2>&1; [ $? = 2 ] || fail "no command: want exit 2"
"$bin" frobnicate >/dev/null 2>&1; [ $? = 2 ] || fail "unknown command: want exit 2"
"$bin" check-config --bogus x >/dev/null 2>&1; [ $? = 2 ] || fail "unknown option: want exit 2"
"$bin" check-config --now yesterday "$src/packaging/examples/demo.toml" >/dev/null 2>&1; [ $? = 2 ] || fail "bad --now: want exit 2"
"$bin" check-config --now -2026-11-22T09:00:00Z "$src/packaging/examples/demo.toml" >/dev/null 2>&1; [ $? = 2 ] || fail "negative year in --now: want exit 2"
# Issue 12: the file is read up to 64 MiB, not for ever (/dev/zero grew to 3.9 GB before).
timeout 20 "$bin" check-config /dev/zero >/dev/null 2>"$tmp/err"; code=$?
[ $code = 1 ] || fail "check-config /dev/zero: exit $code, want 1"
grep -q "larger than 64 MiB" "$tmp/err" || fail "check-config /dev/zero: $(cat "$tmp/err")"
# Issue 14: a programme of 5,000 pairs (2 MiB) loads; the 1 MiB limit refused it.
/usr/bin/python3 "$src/scripts/generate-programme.py" 5000 "$tmp/big" >/dev/null 2>&1 || fail "generate 5000 pairs"
"$bin" check-config "$tmp/big/programme.toml" >/dev/null 2>"$tmp/err" || fail "5000 pairs: $(tail -3 "$tmp/err")"
"$bin" check-config --now 2026-11-22T09:00:00Z "$src/packaging/examples/demo.toml" >/dev/null 2>&1 || fail "good --now"
"$bin" check-config "$tmp/none.toml" >/dev/null 2>"$tmp/err"; [ $? = 1 ] || fail "missing file: want exit 1"
grep -q "cannot read the file" "$tmp/err" || fail "missing file message"
"$bin" --help >"$tmp/out" 2>&1 || fail "--help exit"
grep -q "check-config" "$tmp/out" || fail "--help lists check-config"
"$bin" check-config --help >/dev/null 2>&1 || fail "check-config --help"
"$bin" --version | grep -qE '^mentorcal [0-9]+\.[0-9]+\.[0-9]+$' || fail "--version"

# Issue 13: a language is a BCP 47 tag, checked where it is written; a well-formed tag without a
# catalog loads, with a warning that its letters will be English.
sed -e 's/^language = "en"   #.*/language = "castellano"/' "$src/packaging/examples/demo.toml" >"$tmp/lang.toml"
"$bin" check-config "$tmp/lang.toml" >/dev/null 2>"$tmp/err"; code=$?
[ $code = 1 ] || fail "language = \"castellano\": exit $code, want 1"
grep -qE "^$tmp/lang.toml:[0-9]+:12: error: programme.language: \"castellano\" is not a BCP 47 language tag" "$tmp/err" \
  || fail "bad language: $(cat "$tmp/err")"
sed -e 's/^language = "es"$/language = "eu"/' "$src/packaging/examples/demo.toml" >"$tmp/lang.toml"
"$bin" check-config "$tmp/lang.toml" >"$tmp/out" 2>"$tmp/err" || fail "language = \"eu\": exit $?"
[ "$(grep -cE "^$tmp/lang.toml:[0-9]+:12: warning: person.language: no letters in \"eu\" \(there are: en, de, es, fr, pt_BR\): they will be in English$" "$tmp/err")" = 3 ] \
  || fail "unknown language warning: $(cat "$tmp/err")"
grep -q "3 warnings" "$tmp/out" || fail "unknown language summary: $(cat "$tmp/out")"

[ "$failures" = 0 ] && echo "check-config: all checks passed"
exit $((failures > 0))
