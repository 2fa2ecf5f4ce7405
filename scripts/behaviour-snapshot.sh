#!/usr/bin/env bash
# Record what a mentorcal binary does on the demo programme, in a form two builds can be compared
# by: `diff -r` of two snapshots. Used to show that a refactoring changes no behaviour.
#   scripts/behaviour-snapshot.sh BINARY OUTDIR
# It runs plan (JSON and table) at three times, two ticks with a `pair end` between them (invites,
# cancellations, the digest and nudges), status and the HTML report, and writes every message the
# ticks produce with what differs from run to run normalised: the Date header, DTSTAMP, MIME
# boundaries, and the random part of meeting UIDs (pair-<16 hex>@ becomes pair-N@, N counting the
# pair's meetings in order of start).
set -euo pipefail
bin=$(realpath "$1")
out=$2
here=$(cd "$(dirname "$0")/.." && pwd)
rm -rf "$out"; mkdir -p "$out"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cp "$here/packaging/examples/demo.toml" "$work/demo.toml"
cfg="$work/demo.toml"
t1=2026-11-22T09:00:00Z t2=2027-01-11T08:30:00Z t3=2027-03-15T06:30:00Z
for t in $t1 $t2 $t3; do
  "$bin" plan --json --config "$cfg" --now "$t" >"$out/plan-$t.json"
  "$bin" plan --config "$cfg" --now "$t" >"$out/plan-$t.txt"
done
"$bin" run --once --config "$cfg" --now $t1 >"$out/run1.out" 2>/dev/null
"$bin" status --json --config "$cfg" --now $t1 >"$out/status1.json"
"$bin" pair end amara-li --reason not-compatible --config "$cfg" --now 2026-11-25T10:00:00Z \
  >"$out/pair-end.out" 2>/dev/null
"$bin" run --once --config "$cfg" --now $t2 >"$out/run2.out" 2>/dev/null
"$bin" status --config "$cfg" --now $t2 >"$out/status2.txt"
"$bin" status --json --config "$cfg" --now $t2 >"$out/status2.json"
"$bin" plan --json --config "$cfg" --now $t2 >"$out/plan-after-$t2.json"
"$bin" report --html "$out/report.html" --config "$cfg" --now $t2 >/dev/null 2>&1
/usr/bin/python3 - "$work/outbox" "$out" <<'PY'
import email, email.policy, os, re, sys
src, out = sys.argv[1], sys.argv[2]
uids = {}
def norm(text):
    text = re.sub(r'^(Date|DTSTAMP)(:|;).*$', r'\1: X', text, flags=re.M)
    return re.sub(r'\b([a-z]+-[a-z]+)-([0-9a-f]{16})(@|\.)', lambda m: '%s-%s%s' % (m.group(1), uids.setdefault(m.group(2), str(len(uids))), m.group(3)), text)
# Number UIDs in a stable order: by the file's normalised content without UIDs.
files = sorted(os.listdir(src))
msgs = []
for f in files:
    raw = open(os.path.join(src, f), 'rb').read()
    m = email.message_from_bytes(raw, policy=email.policy.compat32)
    parts = []
    for p in m.walk():
        head = '\n'.join('%s: %s' % (k, re.sub(r'boundary="[^"]*"', 'boundary=X', v)) for k, v in p.items())
        body = '' if p.is_multipart() else p.get_payload(decode=True).decode('utf-8', 'replace')
        parts.append(head + '\n\n' + body)
    msgs.append('\n----\n'.join(parts))
key = lambda s: re.sub(r'[0-9a-f]{16}', '', s)
for s in sorted(msgs, key=key):
    norm(s)  # assigns UID numbers in a stable order
with open(os.path.join(out, 'messages.txt'), 'w') as o:
    for s in sorted(norm(s) for s in msgs):
        o.write(s + '\n========\n')
print(len(msgs), 'messages')
PY
sed -i "s|$work|WORK|g" "$out"/pair-end.out
for f in "$out"/*.out "$out"/*.txt "$out"/*.json "$out"/report.html; do
  sed -E -i 's/([a-z]+-[a-z]+)-[0-9a-f]{16}@/\1-U@/g' "$f"
done
