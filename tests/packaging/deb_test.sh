#!/usr/bin/env bash
# Build the .deb with CPack and check what an operator would get from it.
#
# Usage: tests/packaging/deb_test.sh SOURCE_DIR BUILD_DIR
#   BUILD_DIR is a configured build tree with packaging/ added (it has CPackConfig.cmake) in which
#   the mentorcal target is built. The package and CPack's staging go to a temporary directory;
#   CPack itself also rewrites BUILD_DIR/install_manifest.txt.
#
# Checks: the file list (and nothing unexpected), the control fields (Depends from dpkg-shlibdeps
# plus tzdata and ca-certificates), conffiles, the maintainer scripts; then, on the extracted
# package, the unit's security score and `systemd-analyze verify` against the shipped binary and
# man pages, the man pages render without warnings, the binary answers --version, and the shipped
# programme files pass check-config.
# Needs cpack, dpkg-deb, dpkg-shlibdeps (dpkg-dev), file, systemd-analyze (systemd), man (man-db).
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 SOURCE_DIR BUILD_DIR" >&2
  exit 2
fi
source_dir=$(cd "$1" && pwd)
build_dir=$(cd "$2" && pwd)
here=$(cd "$(dirname "$0")" && pwd)

fail() {
  echo "deb_test: FAIL: $*" >&2
  exit 1
}

for tool in cpack dpkg-deb dpkg-shlibdeps file systemd-analyze man; do
  command -v "$tool" >/dev/null 2>&1 ||
    fail "$tool not found (Debian packages: cmake, dpkg-dev, file, systemd, man-db; see scripts/install-deps.sh)"
done
[ -f "$build_dir/CPackConfig.cmake" ] ||
  fail "$build_dir/CPackConfig.cmake is missing: the build does not include packaging/ (add_subdirectory(packaging))"
[ -x "$build_dir/bin/mentorcal" ] ||
  fail "$build_dir/bin/mentorcal is not built: run cmake --build $build_dir --target mentorcal"

version=$(sed -n 's/^project(mentorcal VERSION \([0-9][0-9.]*\).*/\1/p' "$source_dir/CMakeLists.txt")
[ -n "$version" ] || fail "cannot read the project version from $source_dir/CMakeLists.txt"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# --- build ------------------------------------------------------------------------------------
if ! cpack -G DEB --config "$build_dir/CPackConfig.cmake" -B "$tmp/out" >"$tmp/cpack.log" 2>&1; then
  cat "$tmp/cpack.log" >&2
  fail "cpack -G DEB failed (log above)"
fi
shopt -s nullglob
debs=("$tmp"/out/*.deb)
shopt -u nullglob
[ ${#debs[@]} -eq 1 ] || fail "expected one .deb from cpack, found ${#debs[@]}"
deb=${debs[0]}
arch=$(dpkg --print-architecture)
[ "$(basename "$deb")" = "mentorcal_${version}_${arch}.deb" ] ||
  fail "package file is $(basename "$deb"), expected mentorcal_${version}_${arch}.deb"

# --- file list ----------------------------------------------------------------------------------
# Regular files: "mode owner/group size date time ./path".
dpkg-deb -c "$deb" >"$tmp/contents"
awk '$1 ~ /^-/ { print $1, $2, $6 }' "$tmp/contents" | sort -k3 >"$tmp/files"
expected=(
  "-rwxr-xr-x root/root ./usr/bin/mentorcal"
  "-rwxr-xr-x root/root ./usr/lib/mentorcal/mentorcal-service"
  "-rw-r--r-- root/root ./lib/systemd/system/mentorcal.service"
  "-rw-r--r-- root/root ./lib/systemd/system/mentorcal@.service"
  "-rw-r--r-- root/root ./lib/systemd/system/mentorcal-web.service"
  "-rw-r--r-- root/root ./lib/systemd/system/mentorcal-web.socket"
  "-rw-r--r-- root/root ./etc/mentorcal/mentorcal.toml"
  "-rw-r--r-- root/root ./usr/share/man/man8/mentorcal.8.gz"
  "-rw-r--r-- root/root ./usr/share/man/man5/mentorcal.toml.5.gz"
  "-rw-r--r-- root/root ./usr/share/doc/mentorcal/examples/demo.toml"
  "-rw-r--r-- root/root ./usr/share/doc/mentorcal/examples/mentorcal-alerts.yml"
  "-rw-r--r-- root/root ./usr/share/doc/mentorcal/copyright"
  "-rw-r--r-- root/root ./usr/share/doc/mentorcal/changelog.gz"
)
printf '%s\n' "${expected[@]}" | sort -k3 >"$tmp/expected"
if ! diff -u "$tmp/expected" "$tmp/files" >"$tmp/files.diff"; then
  cat "$tmp/files.diff" >&2
  fail "the package's files differ from the expected list (- expected, + in the package)"
fi
if awk '$1 !~ /^[-d]/' "$tmp/contents" | grep . >&2; then
  fail "the package holds links or special files (above)"
fi

# --- control fields ---------------------------------------------------------------------------
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = mentorcal ] || fail "Package is '$(field Package)', expected mentorcal"
[ "$(field Version)" = "$version" ] || fail "Version is '$(field Version)', expected $version"
[ "$(field Section)" = mail ] || fail "Section is '$(field Section)', expected mail"
[ "$(field Architecture)" = "$arch" ] || fail "Architecture is '$(field Architecture)'"
[ "$(field Maintainer)" = "mentorcal developers <mentoring@example.org>" ] ||
  fail "Maintainer is '$(field Maintainer)'"
[ -n "$(field Description)" ] || fail "no Description"
depends=$(field Depends)
# Package names only: "libc6 (>= 2.34), a | b" -> "libc6 a b".
names=" $(echo "$depends" | tr ',|' '\n' | sed 's/(.*//; s/^ *//; s/ *$//' | tr '\n' ' ') "
for lib in libc6 libstdc++6 libcurl4 libical3 libgmime-3.0-0 libsqlite3-0 libpq5 libsystemd0 \
  libboost-locale1.74.0 tzdata ca-certificates; do
  case "$names" in
    *" $lib "*) ;;
    *) fail "Depends lacks $lib: $depends" ;;
  esac
done

# --- control archive: conffiles and maintainer scripts --------------------------------------------
dpkg-deb -e "$deb" "$tmp/control"
[ -f "$tmp/control/conffiles" ] || fail "the package has no conffiles"
[ "$(cat "$tmp/control/conffiles")" = /etc/mentorcal/mentorcal.toml ] ||
  fail "conffiles is '$(tr '\n' ' ' <"$tmp/control/conffiles")', expected /etc/mentorcal/mentorcal.toml"
for script in postinst prerm postrm; do
  [ -x "$tmp/control/$script" ] || fail "$script is missing or not executable"
  sh -n "$tmp/control/$script" || fail "$script is not valid sh"
done

# --- the extracted package ----------------------------------------------------------------------
root="$tmp/root"
dpkg-deb -x "$deb" "$root"
unit="$root/lib/systemd/system/mentorcal.service"

# Issue 13: the catalogs ship compiled into the packaged binary: on the packaged demo it writes
# María's letters in Spanish and Li's in English.
mkdir "$tmp/demo"
sed 's/^state = .*/state = "state.sqlite3"/' "$root/usr/share/doc/mentorcal/examples/demo.toml" >"$tmp/demo/demo.toml"
"$root/usr/bin/mentorcal" run --once --config "$tmp/demo/demo.toml" --now 2026-11-22T09:00:00Z \
  >"$tmp/demo/out" 2>&1 || fail "the packaged binary's run --once: $(cat "$tmp/demo/out")"
grep -lq "^Hola, Mar" "$tmp"/demo/outbox/maria-diego-*.r0@*.eml 2>/dev/null || fail "no Spanish letter to María"
grep -lq "^Hello Li Wei," "$tmp"/demo/outbox/amara-li-*.r1@*.eml 2>/dev/null || fail "no English letter to Li"

"$here/unit_security_test.sh" "$unit" 2.0 >"$tmp/security.log" 2>&1 || {
  cat "$tmp/security.log" >&2
  fail "the packaged unit fails unit_security_test.sh"
}
score=$(sed -n 's/.* exposure \([0-9.]*\) .*/\1/p' "$tmp/security.log")

# The unit's ExecStart= binary must be the packaged one; verify it with the packaged man pages
# (Documentation=man:...) in MANPATH.
exec_path=$(sed -n 's/^ExecStart=[-@:+!]*\([^ ]*\).*/\1/p' "$unit")
[ "$exec_path" = /usr/bin/mentorcal ] || fail "ExecStart= runs '$exec_path', not /usr/bin/mentorcal"
mkdir "$tmp/verify"
sed "s#^\(ExecStart=[-@:+!]*\)/usr/bin/mentorcal#\1$root/usr/bin/mentorcal#" "$unit" \
  >"$tmp/verify/mentorcal.service"
if ! MANPATH="$root/usr/share/man" systemd-analyze verify --man=yes "$tmp/verify/mentorcal.service" \
  >"$tmp/verify.log" 2>&1 || [ -s "$tmp/verify.log" ]; then
  cat "$tmp/verify.log" >&2
  fail "systemd-analyze verify of the packaged unit (with its binary and man pages) complained"
fi

for page in man8/mentorcal.8.gz man5/mentorcal.toml.5.gz; do
  warnings=$(LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 \
    man --warnings -E UTF-8 -l -Tutf8 -Z "$root/usr/share/man/$page" 2>&1 >/dev/null) ||
    fail "man cannot render $page: $warnings"
  [ -z "$warnings" ] || fail "$page renders with warnings: $warnings"
done

binary="$root/usr/bin/mentorcal"
for b in usr/bin/mentorcal usr/lib/mentorcal/mentorcal-service; do
  file -b "$root/$b" | grep -q ', stripped' || fail "/$b is not stripped: $(file -b "$root/$b")"
done
got=$("$binary" --version 2>&1) || fail "mentorcal --version failed: $got"
[ "$got" = "mentorcal $version" ] || fail "mentorcal --version printed '$got', expected 'mentorcal $version'"
for config in etc/mentorcal/mentorcal.toml usr/share/doc/mentorcal/examples/demo.toml; do
  "$binary" check-config "$root/$config" >"$tmp/check.log" 2>&1 || {
    cat "$tmp/check.log" >&2
    fail "the packaged /$config does not pass check-config"
  }
done

# The packaged `mentorcal daemon` finds its service process in ../lib/mentorcal/ and runs ticks.
mkdir "$tmp/run"
cp "$root/usr/share/doc/mentorcal/examples/demo.toml" "$tmp/run/"
(cd "$tmp/run" && exec "$binary" daemon --config demo.toml) >"$tmp/run/daemon.log" 2>&1 &
daemon=$!
for _ in $(seq 100); do grep -q 'tick: ' "$tmp/run/daemon.log" && break; sleep 0.1; done
grep -q 'tick: ' "$tmp/run/daemon.log" || { kill "$daemon"; fail "the packaged daemon ran no tick: $(cat "$tmp/run/daemon.log")"; }
[ "$(readlink "/proc/$daemon/exe")" = "$root/usr/lib/mentorcal/mentorcal-service" ] ||
  { kill "$daemon"; fail "the packaged daemon runs $(readlink "/proc/$daemon/exe")"; }
kill -TERM "$daemon"
wait "$daemon" || fail "the packaged daemon exited $? after SIGTERM"

echo "deb_test: ok: $(basename "$deb"), ${#expected[@]} files, conffile /etc/mentorcal/mentorcal.toml," \
  "unit exposure $score, Depends: $depends"
