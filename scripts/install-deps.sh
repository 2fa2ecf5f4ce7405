#!/usr/bin/env bash
# Install every Debian 12 package mentorcal needs to build, test and run.
# Idempotent: installs only what is missing; safe to run as often as you like.
# Usage: scripts/install-deps.sh            (run as root, or with sudo available)
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config git ca-certificates
  clang libclang-rt-14-dev clang-format
  # libraries (DESIGN.md §2)
  libtomlplusplus-dev libcli11-dev libexpected-dev libhowardhinnant-date-dev
  libspdlog-dev libfmt-dev libical-dev libcurl4-openssl-dev libsqlite3-dev
  libsystemd-dev libboost-dev libboost-locale-dev nlohmann-json3-dev tzdata gettext
  libgmime-3.0-dev libkainjow-mustache-dev
  # tests and benchmarks: real servers on loopback and second parsers of what we send
  libgtest-dev libgmock-dev libbenchmark-dev python3 python3-aiosmtpd python3-icalendar python3-recurring-ical-events
  postfix dovecot-imapd openssl
  # packaging checks: systemd-analyze, dpkg-shlibdeps (needs file), man page rendering
  systemd file man-db groff-base dpkg-dev
  # the HTML report is opened in headless Chromium
  chromium
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [ "$status" = installed ] || missing+=("$p")
done
# Node.js runs ical.js (npm), Thunderbird's parser, in the interop tests. A machine may already
# have a Node.js from elsewhere: only ask Debian for what is absent.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)

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
