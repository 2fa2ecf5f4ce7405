#!/usr/bin/env bash
# Each folder may include only the libraries ARCHITECTURE.md allows it. The standard library, fmt,
# date, tl::expected and POSIX headers are allowed everywhere; the libraries below only where
# listed. Prints every include out of place and fails if there is one.
#   library_headers.sh SOURCE_DIR
set -euo pipefail
cd "$1"
# A library's include prefix, as in `#include <PREFIX...>`.
declare -A prefix=(
  [libcurl]='curl/' [sqlite]='sqlite3\.h' [libical]='libical/' [gmime]='gmime/|glib' [spdlog]='spdlog/'
  [boost]='boost/([^l]|l[^o])' [boost_locale]='boost/locale' [systemd]='systemd/' [cli11]='CLI/' [json]='nlohmann/' [toml]='toml\+\+/'
  [mustache]='mustache\.hpp|kainjow/' [libpq]='libpq-fe\.h|libpq/|postgresql/' [openssl]='openssl/' [libcrypt]='crypt\.h' [nettle]='nettle/'
)
declare -A allowed=(
  [base]='spdlog mustache' [config]='toml' [scheduler]='' [ical]='libical' [mail]='gmime boost_locale'
  [net]='libcurl' [store]='sqlite libpq' [report]='' [app]='spdlog cli11 json systemd'
  [supervisor]='spdlog boost systemd cli11' [web]='boost systemd nettle libcrypt'
)
bad=0
for folder in "${!allowed[@]}"; do
  for lib in "${!prefix[@]}"; do
    case " ${allowed[$folder]} " in *" $lib "*) continue ;; esac
    if hits=$(grep -rnE "^\s*#\s*include\s*<(${prefix[$lib]})" --include='*.h' --include='*.cpp' "$folder"); then
      echo "$hits" | sed "s/\$/   <- $folder\/ may not use $lib/"
      bad=1
    fi
  done
done
[ "$bad" = 0 ] && echo "every folder includes only the libraries it may use"
exit "$bad"
