#!/usr/bin/env bash
# Install the Debian 12 packages mentorcal needs. Idempotent: installs only what is missing.
# Usage: scripts/install-deps.sh [--build]   (run as root, or with sudo available)
#   --build   only what building and running mentorcal need (the demo: scripts/demo.sh)
#   (none)    that, and everything the tests need: fuzzing, real servers, parsers, a browser
set -euo pipefail

build_only=false
case "${1:-}" in
  --build) build_only=true ;;
  "") ;;
  *)
    echo "usage: $0 [--build]" >&2
    exit 2
    ;;
esac

# Building and running: the toolchain and the libraries of DESIGN.md §2.
packages=(
  build-essential cmake ninja-build pkg-config ca-certificates
  libtomlplusplus-dev libcli11-dev libexpected-dev libhowardhinnant-date-dev
  libspdlog-dev libfmt-dev libical-dev libcurl4-openssl-dev libsqlite3-dev
  libpq-dev libssl-dev libcrypt-dev nettle-dev
  libsystemd-dev libboost-dev libboost-locale-dev nlohmann-json3-dev tzdata gettext
  libgmime-3.0-dev libkainjow-mustache-dev
)
$build_only || packages+=(
  # fuzzing and formatting
  git clang libclang-rt-14-dev clang-format
  # tests and benchmarks: real servers on loopback and second parsers of what we send
  libgtest-dev libgmock-dev libbenchmark-dev python3 python3-aiosmtpd python3-icalendar python3-recurring-ical-events
  postfix dovecot-imapd openssl
  # a PostgreSQL 15 server for the store tests on PostgreSQL (tests/support/with_postgres.sh)
  postgresql
  # packaging checks: systemd-analyze, dpkg-shlibdeps (needs file), man page rendering, the
  # install test in a fresh Debian root, lintian, promtool (metrics and alert rules)
  systemd file man-db groff-base dpkg-dev debootstrap lintian prometheus
  # the HTML report is opened in headless Chromium; the partners' pages are driven in it
  # (chromium-driver, python3-selenium); wrk measures the web process
  chromium chromium-driver python3-selenium wrk
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [ "$status" = installed ] || missing+=("$p")
done
# Node.js runs ical.js (npm), Thunderbird's parser, in the interop tests. A machine may already
# have a Node.js from elsewhere: only ask Debian for what is absent.
if ! $build_only; then
  command -v node >/dev/null 2>&1 || missing+=(nodejs)
  command -v npm >/dev/null 2>&1 || missing+=(npm)
fi

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
# postfix: only its smtp-sink/smtp-source test binaries are used; no mail system is configured.
echo "postfix postfix/main_mailer_type select No configuration" | $sudo debconf-set-selections
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
# The prometheus package is here for its promtool only: a server it has just started (on a machine
# that runs systemd) is stopped and disabled again.
if [[ " ${missing[*]} " == *" prometheus "* ]] && [ -d /run/systemd/system ]; then
  $sudo systemctl disable --now prometheus.service >/dev/null 2>&1 || true
fi
# Likewise postgresql: the tests start their own server in a temporary directory; the cluster
# Debian's package creates and starts is stopped and disabled.
if [[ " ${missing[*]} " == *" postgresql "* ]] && [ -d /run/systemd/system ]; then
  $sudo systemctl disable --now postgresql.service >/dev/null 2>&1 || true
fi
