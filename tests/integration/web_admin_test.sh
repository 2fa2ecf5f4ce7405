#!/usr/bin/env bash
# /admin through the real binaries (issue 15): `mentorcal web` serves the admins' report, live,
# behind HTTP Basic against crypt(3) hashes from [web] admin_credentials_file or the systemd
# credential web-admin. No or wrong credentials: 401 with the challenge and the strict headers;
# the right ones: 200 and the same page as `report --html` at the same --now (its stylesheet
# linked at /admin/report.css instead of inline, the only difference); a commit by another
# process shows at the next request; sign-ins and refusals are audited; repeated failures from
# one address get 429 (even with the right password) while other addresses still get in; POST is
# 405; an MD5 hash in the file stops the process with the file and line named (not the hash);
# without credentials /admin is 404 like any unknown path.
# Usage: web_admin_test.sh MENTORCAL SOURCE_DIR
set -u
bin=$(realpath "$1") src=$(realpath "$2")
. "$src/tests/integration/lib.sh"
cd "$tmp"
links=$src/tests/integration/web_link.py
now=2026-11-22T09:30:00Z
port=$(/usr/bin/python3 "$links" free-port)
base="http://127.0.0.1:$port"
hash=$(openssl passwd -6 'correct horse battery') || fail "openssl passwd"
printf '# the admins of /admin\nada:%s\nbo:%s\n' "$hash" "$(openssl passwd -6 'another one')" >web-admin
web_table() {
  printf '[web]\nbase_url = "https://mentoring.example.org"\nlisten = "127.0.0.1:%s"\n%s\n' "$1" "$2"
}
sed -e 's/^state = .*/state = "state.sqlite3"/' "$src/packaging/examples/demo.toml" >plain.toml
{ sed -n '/^\[mail\]/q;p' plain.toml; web_table "$port" 'admin_credentials_file = "web-admin"'; sed -n '/^\[mail\]/,$p' plain.toml; } >demo.toml
"$bin" check-config demo.toml >check.out 2>&1 || fail "check-config: $(cat check.out)"
"$bin" run --once --config demo.toml --now 2026-11-22T09:00:00Z >run0.out 2>&1 || fail "run0: $(cat run0.out)"

start_web() {  # start_web CONFIG LOG [ENV...]: start `mentorcal web`, wait for /healthz
  local config=$1 log=$2 p
  shift 2
  env "$@" "$bin" web --config "$config" --now "$now" >"$log" 2>&1 &
  web_pid=$!
  pids+=($web_pid)
  p=$(sed -n 's/^listen = "127.0.0.1:\([0-9]*\)"/\1/p' "$config")
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$p/healthz" >/dev/null && return 0; sleep 0.1; done
  fail "web did not start: $(cat "$log")"
}
code() { curl -s -o body.out -D head.out -w '%{http_code}' "$@"; }
start_web demo.toml web.log
grep -q "and /admin" web.log || fail "the log does not say /admin is served: $(cat web.log)"

# No credentials, wrong ones, an unknown user, another scheme: 401, the challenge, nothing shown.
[ "$(code "$base/admin")" = 401 ] || fail "no credentials: $(head -1 head.out)"
grep -qi '^WWW-Authenticate: Basic realm="mentorcal admin"' head.out || fail "no challenge: $(cat head.out)"
grep -qi "^Content-Security-Policy: default-src 'none';.*frame-ancestors 'none'" head.out || fail "401 CSP: $(cat head.out)"
grep -q "amara" body.out && fail "a 401 shows the report"
[ "$(code -u 'ada:wrong' "$base/admin")" = 401 ] || fail "a wrong password: $(head -1 head.out)"
[ "$(code -u 'zed:correct horse battery' "$base/admin")" = 401 ] || fail "an unknown user: $(head -1 head.out)"
[ "$(code -H 'Authorization: Bearer abc' "$base/admin")" = 401 ] || fail "another scheme: $(head -1 head.out)"
[ "$(code -u 'ada:correct horse battery' "$base/admin/report.css")" = 200 ] || fail "the stylesheet: $(head -1 head.out)"
cp body.out served.css
[ "$(code "$base/admin/report.css")" = 401 ] || fail "the stylesheet without credentials"

# The right ones: the report, as `report --html` writes it at the same moment.
[ "$(code -u 'ada:correct horse battery' "$base/admin")" = 200 ] || fail "the right credentials: $(head -1 head.out) $(cat body.out)"
cp body.out admin.html
cp head.out admin.h
for h in "Content-Security-Policy: default-src 'none'; style-src 'self';.*frame-ancestors 'none'" \
  "Referrer-Policy: no-referrer" "X-Content-Type-Options: nosniff" "Cache-Control: no-store" \
  "X-Frame-Options: DENY" "Content-Type: text/html; charset=utf-8"; do
  grep -qi "^$h" admin.h || fail "/admin lacks the header $h: $(cat admin.h)"
done
"$bin" report --html report.html --config demo.toml --now "$now" >report.out 2>&1 || fail "report: $(cat report.out)"
/usr/bin/python3 - admin.html report.html served.css <<'PY' || fail "/admin is not report --html's page"
import sys
admin, report, css = (open(p, encoding="utf-8").read() for p in sys.argv[1:4])
inline = "<style>\n" + css + "</style>\n"
assert inline in report, "the served stylesheet is not the report's"
expected = report.replace(inline, '<link rel="stylesheet" href="/admin/report.css">\n', 1)
assert admin == expected, "the pages differ"
assert "<style" not in admin and "style=" not in admin and "<script" not in admin
for pair in ("amara-li", "amara-priya", "maria-diego", "tom-jack"):
    assert pair in admin, pair
print("the same page")
PY
[ "$(curl -s -o /dev/null -w '%{http_code}' -u 'ada:correct horse battery' -I "$base/admin")" = 200 ] || fail "HEAD /admin"
[ "$(code -u 'ada:correct horse battery' -X POST --data x=1 "$base/admin")" = 405 ] || fail "POST /admin: $(head -1 head.out)"
[ "$(code -u 'ada:correct horse battery' "$base/admin/other")" = 404 ] || fail "/admin/other: $(head -1 head.out)"
[ "$(code -u 'bo:another one' "$base/admin/")" = 200 ] || fail "the second admin: $(head -1 head.out)"

# Live: another process's change shows at the next request.
grep -q "ended" admin.html || fail "test setup: no word 'ended'"
ended_before=$(grep -o '<b>[0-9]*</b>ended' admin.html)
"$bin" pair end maria-diego --reason not-compatible --config demo.toml --now "$now" >end.out 2>&1 || fail "pair end: $(cat end.out)"
code -u 'ada:correct horse battery' "$base/admin" >/dev/null
ended_after=$(grep -o '<b>[0-9]*</b>ended' body.out)
[ "$ended_before" = "<b>0</b>ended" ] && [ "$ended_after" = "<b>1</b>ended" ] || fail "not live: ended $ended_before then $ended_after"
"$bin" report --html report2.html --config demo.toml --now "$now" >report.out 2>&1
/usr/bin/python3 -c 'import sys; a, r = (open(p).read() for p in sys.argv[1:3]); import re; sys.exit(re.sub(r"<style>.*?</style>\n", "", r, flags=re.S) != re.sub(r"<link rel=\"stylesheet\"[^>]*>\n", "", a))' \
  body.out report2.html || fail "/admin after the change differs from report --html"

# The audit: who signed in, who was refused (a known user by name, an unknown one not).
audit=$(sql "SELECT kind, subject FROM audit WHERE kind LIKE 'web-admin-%' ORDER BY id")
grep -q "^web-admin-signed-in|ada$" <<<"$audit" || fail "ada's sign-in is not audited: $audit"
grep -q "^web-admin-signed-in|bo$" <<<"$audit" || fail "bo's sign-in is not audited: $audit"
grep -q "^web-admin-refused|ada$" <<<"$audit" || fail "ada's wrong password is not audited: $audit"
grep -q "^web-admin-refused|(unknown user)$" <<<"$audit" || fail "the unknown user is not audited as such: $audit"
grep -q "zed\|correct horse\|wrong" <<<"$(sql "SELECT * FROM audit")" && fail "the audit keeps what was typed"
[ "$(grep -c "^web-admin-signed-in|ada$" <<<"$audit")" = 1 ] || fail "every request of ada was audited: $audit"

# Guessing from one address (the proxy's X-Real-IP): 429 after 10 failures, even with the right
# password; another address still gets in.
codes=""
for i in $(seq 12); do
  codes+="$(curl -s -o /dev/null -w '%{http_code}' -H 'X-Real-IP: 192.0.2.50' -u "ada:guess$i" "$base/admin") "
done
[[ "$codes" == "401 401 401 401 401 401 401 401 401 401 429 429 " ]] || fail "failures from one address: $codes"
[ "$(curl -s -o /dev/null -w '%{http_code}' -H 'X-Real-IP: 192.0.2.50' -u 'ada:correct horse battery' "$base/admin")" = 429 ] ||
  fail "the guessing address got in"
[ "$(curl -s -o /dev/null -w '%{http_code}' -H 'X-Real-IP: 192.0.2.51' -u 'ada:correct horse battery' "$base/admin")" = 200 ] ||
  fail "another address was locked out"
kill "$web_pid"
wait "$web_pid" || fail "web exit $? on SIGTERM"
grep -E "Sanitizer|runtime error" web.log && fail "the web process reported a sanitizer error"

# The systemd credential web-admin, with no admin_credentials_file.
port2=$(/usr/bin/python3 "$links" free-port)
{ sed -n '/^\[mail\]/q;p' plain.toml; web_table "$port2" ''; sed -n '/^\[mail\]/,$p' plain.toml; } >credential.toml
mkdir -p credentials
cp web-admin credentials/web-admin
start_web credential.toml credential.log CREDENTIALS_DIRECTORY="$tmp/credentials"
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port2/admin")" = 401 ] || fail "credential: no 401"
[ "$(curl -s -o /dev/null -w '%{http_code}' -u 'ada:correct horse battery' "http://127.0.0.1:$port2/admin")" = 200 ] || fail "credential: no 200"
kill "$web_pid"
wait "$web_pid"
# Neither (or the unit's empty fallback credential): no /admin, a 404 like any unknown path.
: >credentials/web-admin
start_web credential.toml none.log CREDENTIALS_DIRECTORY="$tmp/credentials"
curl -s -o nothing.html "http://127.0.0.1:$port2/nothing"
[ "$(curl -s -o admin404.html -w '%{http_code}' -u 'ada:correct horse battery' "http://127.0.0.1:$port2/admin")" = 404 ] &&
  cmp -s admin404.html nothing.html || fail "without credentials /admin is not 404"
kill "$web_pid"
wait "$web_pid"

# A weak hash: the process does not start, and says which file and line (not the hash).
md5=$(openssl passwd -1 'correct horse battery')
printf 'ada:%s\n' "$md5" >credentials/web-admin
CREDENTIALS_DIRECTORY="$tmp/credentials" "$bin" web --config credential.toml --now "$now" >weak.log 2>&1 &
weak=$!
pids+=($weak)
for _ in $(seq 50); do kill -0 "$weak" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$weak" 2>/dev/null; then
  fail "web started with an MD5 hash"
else
  wait "$weak"
  rc=$?
  [ "$rc" != 0 ] && grep -q "credentials/web-admin: line 1: ada's password hash is not yescrypt" weak.log &&
    ! grep -qF "$md5" weak.log || fail "a weak hash: exit $rc $(cat weak.log)"
fi
finish web_admin
