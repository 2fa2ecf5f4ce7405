#!/bin/bash
# A throw-away Dovecot IMAP server on loopback for tests/net/imap_mailbox_test.cpp.
#
#   imap_server.sh run DIR USER PASSWORD
#       Set up DIR (an existing directory, searchable by others; it is filled with):
#         certs/ca.pem             the throw-away CA that signed the server's certificate
#         certs/other-ca.pem       an unrelated CA (for "wrong CA" tests)
#         dovecot.conf             the config; pass it to doveadm -c
#         dovecot.log              Dovecot's log: "imap-login: Info: Login: user=<USER>, ...,
#                                  TLS, ..." per login, "Logged out" per LOGOUT
#         home/USER/Maildir        the one user's mail, owned by nobody
#       then run Dovecot in the foreground with IMAP (STARTTLS offered; Dovecot counts loopback
#       as secure, so it would take a plaintext login too) and IMAPS on two free ports of
#       127.0.0.1, print "READY <imap port> <imaps port>" once they listen, and stay until
#       SIGTERM/SIGINT (or `imap_server.sh stop DIR`); then stop Dovecot and every process it
#       started. Should this script be killed outright (SIGKILL, as when the test process
#       crashes), the kernel kills Dovecot's master and the rest leave by themselves.
#       Refused logins are answered at once (no auth delay or penalty), to keep tests fast.
#       Runs as root (Dovecot drops to nobody for the mail, dovenull for logins).
#
#   imap_server.sh deliver DIR USER [-m MAILBOX] FILE...
#       Put each FILE into USER's MAILBOX (default INBOX, created if missing) with `doveadm save`,
#       in order, as new unseen mail (an IMAP APPEND from curl would mark it \Seen). Dovecot adds
#       no header; it stores lines with LF and serves them with CRLF, so a CRLF file comes back
#       byte for byte and a bare-LF one with CRLF.
#
#   imap_server.sh stop DIR
#       Stop the server started by `run DIR` and wait until it has gone.
#
# Needs Debian's dovecot-imapd, openssl, util-linux (setpriv, setsid) and /usr/bin/python3
# (tests/net/smtp_servers.py makes the certificates). Writes nothing outside DIR.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
dovecot=/usr/sbin/dovecot
doveadm=/usr/bin/doveadm
start_wait=20      # seconds for Dovecot to listen; normally well under one
stop_wait=10       # seconds for Dovecot to stop before it is killed
port_attempts=5    # another process may take a free port before Dovecot binds it

die() {
  echo "imap_server.sh: $*" >&2
  exit 1
}

# Print two ports on 127.0.0.1 that the kernel just handed out and nobody listens on.
free_ports() {
  /usr/bin/python3 -c '
import socket
socks = [socket.socket() for _ in range(2)]
for s in socks:
    s.bind(("127.0.0.1", 0))
print(*[s.getsockname()[1] for s in socks])
'
}

# Return whether an IMAP server greets on 127.0.0.1:$1 within a second.
greets() {
  timeout 2 bash -c '
exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
IFS= read -r -t 1 line <&3 || exit 1
[[ $line == "* OK"* ]]' greets "$1" 2>/dev/null
}

# Return whether process $1 exists and is not a zombie.
alive() {
  local stat
  { read -r stat <"/proc/$1/stat"; } 2>/dev/null || return 1
  stat=${stat##*) }
  [[ ${stat:0:1} != Z ]]
}

# Print the process group of process $1.
group_of() {
  local stat state ppid group
  { read -r stat <"/proc/$1/stat"; } 2>/dev/null || return 1
  read -r state ppid group _ <<<"${stat##*) }"
  echo "$group"
}

# Return whether a process of process group $1 is alive (not a zombie).
group_alive() {
  local file stat state ppid group
  for file in /proc/[0-9]*/stat; do
    { read -r stat <"$file"; } 2>/dev/null || continue
    read -r state ppid group _ <<<"${stat##*) }"
    [[ $group == "$1" && $state != Z ]] && return 0
  done
  return 1
}

# Stop process group $1 (Dovecot's master and all it started): SIGTERM, then SIGKILL for what
# is left after stop_wait seconds.
stop_group() {
  local tenths=0
  kill -TERM -- "-$1" 2>/dev/null || return 0
  while group_alive "$1" && ((tenths < stop_wait * 10)); do
    sleep 0.1
    tenths=$((tenths + 1))
  done
  kill -KILL -- "-$1" 2>/dev/null || true
}

write_config() {
  local dir=$1 imap_port=$2 imaps_port=$3
  cat >"$dir/dovecot.conf" <<EOF
# Written by tests/net/imap_server.sh; the whole config (nothing from /etc/dovecot).
protocols = imap
listen = 127.0.0.1
base_dir = $dir/run
state_dir = $dir/state
log_path = $dir/dovecot.log
ssl = yes
ssl_cert = <$dir/certs/server.pem
ssl_key = <$dir/certs/server.key
disable_plaintext_auth = yes
auth_mechanisms = plain login
# Refused logins are answered at once: no 2 s delay, no per-IP penalty from anvil.
auth_failure_delay = 0
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
passdb {
  driver = passwd-file
  args = username_format=%u $dir/users
}
userdb {
  driver = passwd-file
  args = username_format=%u $dir/users
}
mail_location = maildir:~/Maildir
first_valid_uid = 1
first_valid_gid = 1
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $imap_port
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = $imaps_port
    ssl = yes
  }
}
EOF
}

run() {
  [[ $# -eq 3 ]] || die "usage: imap_server.sh run DIR USER PASSWORD"
  local dir user=$2 password=$3
  dir=$(cd "$1" && pwd) || die "no directory $1"
  [[ $dir != *[[:space:]]* ]] || die "DIR must not hold spaces (it goes into dovecot.conf)"
  [[ $(id -u) -eq 0 ]] || die "must run as root (Dovecot changes users)"
  [[ -x $dovecot ]] || die "install Debian's dovecot-imapd"
  [[ $user =~ ^[A-Za-z0-9._-]+$ ]] || die "user names here are [A-Za-z0-9._-]+"
  [[ -n $password ]] || die "empty password"

  local nobody_uid nobody_gid
  nobody_uid=$(id -u nobody)
  nobody_gid=$(id -g nobody)
  chmod go+x "$dir"  # the auth process (user dovecot) reads the users file below

  mkdir -p "$dir/certs"
  /usr/bin/python3 "$here/smtp_servers.py" certs "$dir/certs" || die "cannot make certificates"

  # The password is stored hashed: a passwd-file field cannot hold ":".
  local hash
  hash=$("$doveadm" pw -s SSHA256 -p "$password") || die "doveadm pw failed"
  mkdir -p "$dir/home/$user"
  chown -R "$nobody_uid:$nobody_gid" "$dir/home"
  printf '%s:%s:%s:%s::%s\n' "$user" "$hash" "$nobody_uid" "$nobody_gid" "$dir/home/$user" \
    >"$dir/users"
  chmod 644 "$dir/users"

  local pid="" attempt
  cleanup() {
    [[ -n $pid ]] || return 0
    stop_group "$pid"
    wait "$pid" 2>/dev/null || true
    pid=""
  }
  trap 'cleanup; exit 0' TERM INT HUP
  trap cleanup EXIT

  for ((attempt = 1; attempt <= port_attempts; attempt++)); do
    local ports imap_port imaps_port
    ports=$(free_ports) || die "cannot find free ports"
    read -r imap_port imaps_port <<<"$ports"
    write_config "$dir" "$imap_port" "$imaps_port"
    : >"$dir/dovecot.stderr"
    # Dovecot's master leads a process group of its own, holding everything it starts, so that
    # stop_group reaches them all: on SIGTERM the master leaves at once and its children would
    # go on serving their clients. And the kernel kills the master should this script die
    # (even by SIGKILL); its children then leave by themselves.
    setpriv --pdeathsig KILL -- setsid "$dovecot" -F -c "$dir/dovecot.conf" \
      2>>"$dir/dovecot.stderr" &
    pid=$!
    local deadline=$((SECONDS + start_wait))
    while alive "$pid" && ((SECONDS < deadline)); do
      if greets "$imap_port"; then
        [[ $(group_of "$pid") == "$pid" ]] || die "dovecot is not in a process group of its own"
        echo "READY $imap_port $imaps_port"
        wait "$pid" || true  # until a signal (trapped above) or `imap_server.sh stop`
        exit 0               # and the EXIT trap stops what is left
      fi
      sleep 0.05
    done
    cleanup
    if grep -qs "Address already in use" "$dir/dovecot.stderr" "$dir/dovecot.log"; then
      continue  # a port was taken between our probe and Dovecot's bind: try others
    fi
    cat "$dir/dovecot.stderr" "$dir/dovecot.log" >&2 2>/dev/null || true
    die "dovecot did not start"
  done
  die "no free ports after $port_attempts attempts"
}

deliver() {
  local usage="usage: imap_server.sh deliver DIR USER [-m MAILBOX] FILE..."
  [[ $# -ge 3 ]] || die "$usage"
  local dir=$1 user=$2 mailbox=INBOX file
  shift 2
  if [[ $1 == -m ]]; then
    [[ $# -ge 3 ]] || die "$usage"
    mailbox=$2
    shift 2
    # Create it on first use; it may exist already.
    "$doveadm" -c "$dir/dovecot.conf" mailbox create -u "$user" "$mailbox" 2>/dev/null || true
  fi
  for file in "$@"; do
    "$doveadm" -c "$dir/dovecot.conf" save -u "$user" -m "$mailbox" <"$file" ||
      die "doveadm save $file failed"
  done
}

stop() {
  [[ $# -eq 1 ]] || die "usage: imap_server.sh stop DIR"
  local master
  master=$(cat "$1/run/master.pid" 2>/dev/null) || return 0
  [[ $master =~ ^[0-9]+$ ]] || return 0
  stop_group "$master"
}

command=${1:-}
shift || true
case $command in
  run) run "$@" ;;
  deliver) deliver "$@" ;;
  stop) stop "$@" ;;
  *) die "usage: imap_server.sh run DIR USER PASSWORD | deliver DIR USER [-m MAILBOX] FILE... | stop DIR" ;;
esac
