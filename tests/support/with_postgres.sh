#!/bin/bash
# with_postgres.sh COMMAND [ARGS...]: run COMMAND against a throw-away PostgreSQL 15 (Debian's
# binaries) on 127.0.0.1 that accepts only TLS connections with a password, and always stop it.
# The server's certificate is made here by openssl for 127.0.0.1, signed by a throw-away CA.
# COMMAND sees:
#   MENTORCAL_TEST_POSTGRES_URL        postgresql://mentorcal@127.0.0.1:PORT/mentorcal?sslrootcert=CA
#                                      (sslmode left out: mentorcal's default, verify-full)
#   MENTORCAL_TEST_POSTGRES_PASSWORD   the password (for the store tests)
#   MENTORCAL_TEST_POSTGRES_PASSWORD_FILE  the same, in a file (for programme files)
#   MENTORCAL_TEST_POSTGRES_CA         the CA certificate
#   MENTORCAL_TEST_POSTGRES_ADMIN      a psql command line as the server's superuser
# Exits with COMMAND's status, or 1 (never "skipped") when the server cannot start.
# PostgreSQL refuses to run as root: as root, the server runs as the user `postgres` (Debian's
# package makes it), else as the caller.
set -u
bin=${MENTORCAL_POSTGRES_BIN:-/usr/lib/postgresql/15/bin}
[ $# -ge 1 ] || { echo "usage: with_postgres.sh COMMAND [ARGS...]" >&2; exit 2; }
for tool in initdb pg_ctl postgres psql; do
  [ -x "$bin/$tool" ] || { echo "with_postgres.sh: $bin/$tool is missing (apt-get install postgresql)" >&2; exit 1; }
done

dir=$(mktemp -d /tmp/mentorcal-pg.XXXXXX)
chmod 755 "$dir"
as_server=()
if [ "$(id -u)" = 0 ]; then
  chown postgres: "$dir"
  as_server=(runuser -u postgres --)
fi
stop() {
  "${as_server[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1
  rm -rf "$dir"
}
trap stop EXIT

die() {
  echo "with_postgres.sh: $*" >&2
  [ -f "$dir/server.log" ] && tail -20 "$dir/server.log" >&2
  exit 1
}

port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')

# A throw-away CA and a server certificate for 127.0.0.1 (IP subjectAltName: verify-full checks it).
(
  cd "$dir" || exit 1
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=mentorcal test CA" \
    -keyout ca.key -out ca.pem 2>/dev/null &&
    openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout server.key -out server.csr 2>/dev/null &&
    printf 'subjectAltName=IP:127.0.0.1\n' >san.ext &&
    openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 \
      -extfile san.ext -out server.pem 2>/dev/null
) || die "openssl could not make the test certificates"
chmod 644 "$dir/ca.pem"
[ ${#as_server[@]} = 0 ] || chown postgres: "$dir/server.key" "$dir/server.pem"
chmod 600 "$dir/server.key"

"${as_server[@]}" "$bin/initdb" -D "$dir/data" -U postgres --auth-local=trust --auth-host=reject \
  --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
# Only TLS with a password over TCP; the superuser only through the socket in $dir.
cat >"$dir/data/pg_hba.conf" <<HBA
local all postgres trust
hostssl all mentorcal 127.0.0.1/32 scram-sha-256
HBA
"${as_server[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c ssl=on -c ssl_cert_file=$dir/server.pem -c ssl_key_file=$dir/server.key -c fsync=${MENTORCAL_TEST_POSTGRES_FSYNC:-off}" \
  start >/dev/null || die "the server did not start"

psql=("${as_server[@]}" "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U postgres)
"${psql[@]}" -d postgres -c "CREATE USER mentorcal PASSWORD '$password'" -c "CREATE DATABASE mentorcal OWNER mentorcal" ||
  die "could not create the database"

printf '%s\n' "$password" >"$dir/password"
chmod 644 "$dir/password"
export MENTORCAL_TEST_POSTGRES_URL="postgresql://mentorcal@127.0.0.1:$port/mentorcal?sslrootcert=$dir/ca.pem"
export MENTORCAL_TEST_POSTGRES_PASSWORD=$password
export MENTORCAL_TEST_POSTGRES_PASSWORD_FILE=$dir/password
export MENTORCAL_TEST_POSTGRES_CA=$dir/ca.pem
export MENTORCAL_TEST_POSTGRES_ADMIN="${psql[*]} -d mentorcal"
"$@"
