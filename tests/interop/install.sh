#!/usr/bin/env bash
# Install ical.js (npm, pinned by package-lock.json) beside the interop checks, once.
set -euo pipefail
cd "$(dirname "$0")"
exec 9>.install.lock
flock 9  # tests running in parallel install it once
if [ ! -f node_modules/ical.js/package.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
