#!/usr/bin/env bash
# The .deb as an operator installs it (issue 16): the real package, installed with the real apt
# into a fresh Debian 12 root (debootstrap, minbase: nothing but the base system), which must
# resolve every dependency from Debian's archive; then mentorcal works there (check-config, one
# `run --once`); an upgrade to a newer version keeps the admin's edited config (a conffile) and
# the state; `apt-get remove` keeps the config, `apt-get purge` removes it and the state, as
# Debian policy says. Also `lintian` on the package: no errors.
#
# Usage: tests/packaging/install_test.sh SOURCE_DIR BUILD_DIR
#   BUILD_DIR: a configured build with packaging/ (CPackConfig.cmake) and the mentorcal and
#   mentorcal-service targets built.
# Needs root (chroot, mount), debootstrap, lintian, cpack and a reachable Debian mirror. The base
# root is downloaded once and kept in $MENTORCAL_ROOT_CACHE (default
# /var/cache/mentorcal-tests/bookworm-minbase.tar.gz); delete it to start from scratch.
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 SOURCE_DIR BUILD_DIR" >&2
  exit 2
fi
source_dir=$(cd "$1" && pwd)
build_dir=$(cd "$2" && pwd)
mirror=${MENTORCAL_DEBIAN_MIRROR:-http://deb.debian.org/debian}
cache=${MENTORCAL_ROOT_CACHE:-/var/cache/mentorcal-tests/bookworm-minbase.tar.gz}

fail() {
  echo "install_test: FAIL: $*" >&2
  exit 1
}
[ "$(id -u)" = 0 ] || fail "needs root (chroot and mount)"
for tool in debootstrap lintian cpack dpkg-deb chroot; do
  command -v "$tool" >/dev/null 2>&1 || fail "$tool not found (scripts/install-deps.sh installs it)"
done

tmp=$(mktemp -d)
root=$tmp/root
cleanup() {
  for m in "$root/dev" "$root/proc"; do
    mountpoint -q "$m" 2>/dev/null && umount -l "$m"
  done
  rm -rf "$tmp"
}
trap cleanup EXIT
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
  DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8 "$@"; }

# --- the package, and a newer version of it to upgrade to ---------------------------------------
cpack -G DEB --config "$build_dir/CPackConfig.cmake" -B "$tmp/out" >"$tmp/cpack.log" 2>&1 ||
  { cat "$tmp/cpack.log" >&2; fail "cpack failed"; }
deb=$(echo "$tmp"/out/mentorcal_*.deb)
[ -f "$deb" ] || fail "no package from cpack"
version=$(dpkg-deb -f "$deb" Version)
dpkg-deb -R "$deb" "$tmp/next"
sed -i "s/^Version: .*/Version: $version+next1/" "$tmp/next/DEBIAN/control"
dpkg-deb -b --root-owner-group "$tmp/next" "$tmp/mentorcal_next.deb" >/dev/null

# --- lintian ------------------------------------------------------------------------------------
lintian --fail-on error --tag-display-limit 0 "$deb" >"$tmp/lintian.log" 2>&1 ||
  { cat "$tmp/lintian.log" >&2; fail "lintian reports errors on $(basename "$deb")"; }
lintian_warnings=$(grep -c '^W:' "$tmp/lintian.log" || true)

# --- a fresh Debian 12 root ---------------------------------------------------------------------
if [ ! -s "$cache" ]; then
  mkdir -p "$(dirname "$cache")" "$tmp/bootstrap"
  debootstrap --variant=minbase bookworm "$tmp/bootstrap" "$mirror" >"$tmp/debootstrap.log" 2>&1 ||
    { tail -20 "$tmp/debootstrap.log" >&2; fail "debootstrap failed"; }
  tar -C "$tmp/bootstrap" -czf "$cache.part" . && mv "$cache.part" "$cache"
  rm -rf "$tmp/bootstrap"
fi
mkdir "$root"
tar -C "$root" -xzf "$cache"
cp /etc/resolv.conf "$root/etc/resolv.conf"
mount -t proc proc "$root/proc"
mount --bind /dev "$root/dev"
cp "$deb" "$tmp/mentorcal_next.deb" "$root/tmp/"
pkg=/tmp/$(basename "$deb")

# --- install: apt resolves every dependency ------------------------------------------------------
in_root apt-get update -q >"$tmp/apt.log" 2>&1 || { cat "$tmp/apt.log" >&2; fail "apt-get update"; }
in_root apt-get install -y -q "$pkg" >"$tmp/install.log" 2>&1 ||
  { tail -30 "$tmp/install.log" >&2; fail "apt-get install ./$(basename "$deb") failed"; }
pulled=$(grep -c '^Setting up' "$tmp/install.log" || true)
[ "$(in_root mentorcal --version)" = "mentorcal $version" ] || fail "mentorcal --version in the root"

# --- it works there ------------------------------------------------------------------------------
in_root mentorcal check-config /etc/mentorcal/mentorcal.toml >"$tmp/check.log" 2>&1 ||
  { cat "$tmp/check.log" >&2; fail "check-config of the installed /etc/mentorcal/mentorcal.toml"; }
mkdir "$root/root/demo"
cp "$root/usr/share/doc/mentorcal/examples/demo.toml" "$root/root/demo/"
in_root sh -c 'cd /root/demo && mentorcal run --once --config demo.toml --now 2026-11-22T09:00:00Z' \
  >"$tmp/run.log" 2>&1 || { cat "$tmp/run.log" >&2; fail "run --once in the root"; }
letters=$(find "$root/root/demo/outbox" -name '*.eml' | wc -l)
[ "$letters" -gt 0 ] || fail "run --once in the root wrote no letters: $(cat "$tmp/run.log")"

# --- upgrade: the admin's config and the state stay ---------------------------------------------
echo '# edited by the admin' >>"$root/etc/mentorcal/mentorcal.toml"
mkdir -p "$root/var/lib/mentorcal"
cp "$root/root/demo/demo-state.sqlite3" "$root/var/lib/mentorcal/state.sqlite3"
in_root apt-get install -y -q /tmp/mentorcal_next.deb >"$tmp/upgrade.log" 2>&1 ||
  { tail -30 "$tmp/upgrade.log" >&2; fail "the upgrade failed"; }
[ "$(in_root dpkg-query -W -f='${Version}' mentorcal)" = "$version+next1" ] || fail "not upgraded"
tail -1 "$root/etc/mentorcal/mentorcal.toml" | grep -q 'edited by the admin' ||
  fail "the upgrade lost the admin's edit of /etc/mentorcal/mentorcal.toml"
[ -s "$root/var/lib/mentorcal/state.sqlite3" ] || fail "the upgrade lost the state"

# --- remove keeps the config; purge removes config and state ------------------------------------
in_root apt-get remove -y -q mentorcal >"$tmp/remove.log" 2>&1 || fail "apt-get remove failed"
[ ! -e "$root/usr/bin/mentorcal" ] || fail "remove left /usr/bin/mentorcal"
[ -f "$root/etc/mentorcal/mentorcal.toml" ] || fail "remove took the admin's config (a conffile)"
in_root apt-get purge -y -q mentorcal >"$tmp/purge.log" 2>&1 || fail "apt-get purge failed"
[ ! -e "$root/etc/mentorcal/mentorcal.toml" ] || fail "purge left /etc/mentorcal/mentorcal.toml"
[ ! -e "$root/var/lib/mentorcal" ] || fail "purge left the state in /var/lib/mentorcal"
in_root dpkg-query -W -f='${db:Status-Status}' mentorcal 2>/dev/null | grep -q installed &&
  fail "dpkg still lists mentorcal after purge"

echo "install_test: ok: $(basename "$deb") installed with apt into a fresh Debian 12 root" \
  "($pulled packages set up), ran there ($letters letters), upgraded keeping config and state," \
  "removed, purged; lintian: 0 errors, $lintian_warnings warnings"
