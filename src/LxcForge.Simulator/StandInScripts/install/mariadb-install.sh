#!/bin/sh
# LxcForge STAND-IN for community-scripts install/mariadb-install.sh, run inside the container (busybox sh).
# It asks what the real script asks and writes the configuration the real one writes; no real software.
eval "$FUNCTIONS_FILE_PATH"
color
verb_ip6
catch_errors
setting_up_container
network_check
update_os
msg_info "Setup MariaDB (stand-in)"
mkdir -p /etc/mysql/conf.d /etc/mysql/mariadb.conf.d /var/lib/mysql /run/mysqld
grep -q '^mysql:' /etc/passwd 2>/dev/null || echo 'mysql:x:106:111:MariaDB Server:/nonexistent:/bin/false' >>/etc/passwd
grep -q '^mysql:' /etc/group 2>/dev/null || echo 'mysql:x:111:' >>/etc/group
cat >/etc/mysql/my.cnf <<'CNF'
[client-server]
port = 3306
!includedir /etc/mysql/conf.d/
!includedir /etc/mysql/mariadb.conf.d/
CNF
# The real script comments bind-address out, so MariaDB listens on every address.
cat >/etc/mysql/mariadb.conf.d/50-server.cnf <<'CNF'
[mysqld]
user                    = mysql
datadir                 = /var/lib/mysql
#bind-address            = 127.0.0.1
CNF
# Accounts as user@host:sha256 of the password (empty: unix socket only), databases, grants as "user@host db".
echo 'root@localhost:' >/var/lib/mysql/standin-users
: >/var/lib/mysql/standin-databases
: >/var/lib/mysql/standin-grants
msg_ok "Setup MariaDB (stand-in)"
read -r -p "Would you like to add PhpMyAdmin? <y/N> " prompt || prompt="n"
case "$prompt" in y | Y | yes) msg_error "PhpMyAdmin is not part of the stand-in"; exit 1 ;; esac
standin_bin mariadb-admin <<'BIN'
# mariadb-admin ping: alive while the stand-in server is installed (exit 0 even when access would be denied, as the real one).
case " $* " in *" ping"*) ;; *) echo "mariadb-admin (stand-in): only ping is answered" >&2; exit 1 ;; esac
if [ -f /var/lib/standin/ports/3306 ]; then echo "mysqld is alive"; exit 0; fi
echo "mariadb-admin: connect to server at 'localhost' failed" >&2; exit 1
BIN
standin_bin mariadb <<'BIN'
# Answers from /etc/mysql and /var/lib/mysql/standin-*: root over the unix socket runs account and database
# statements; a TCP login (-h) needs the effective bind-address, a matching account, its password (from
# --defaults-extra-file) and a grant on the database.
d=/var/lib/mysql
host=""; port=3306; user="root"; db=""; sql=""; pass=""; protocol=""; names=1
while [ $# -gt 0 ]; do
  case "$1" in
    --defaults-extra-file=*) pass=$(sed -n 's/^password *= *//p' "${1#*=}" | tail -n 1) ;;
    --protocol=*) protocol="${1#*=}" ;;
    -h) host="$2"; shift ;;
    -P) port="$2"; shift ;;
    -u) user="$2"; shift ;;
    -D) db="$2"; shift ;;
    -e) sql="$2"; shift ;;
    -N) names=0 ;;
    -B | --connect-timeout=*) ;;
    *) echo "mariadb (stand-in): option $1 is not answered" >&2; exit 2 ;;
  esac
  shift
done
[ -n "$sql" ] || sql="$(cat)"
sql=$(printf '%s\n' "$sql" | sed 's/^[[:space:]]*//')
set_user() { awk -F: -v k="$1" '$1 != k' "$d/standin-users" >"$d/standin-users.new"; echo "$1:$2" >>"$d/standin-users.new"; mv "$d/standin-users.new" "$d/standin-users"; }
hash() { printf '%s' "$1" | sha256sum | cut -d' ' -f1; }
# matches ADDRESS HOSTPATTERN: %, an exact address, localhost for loopback, or network/netmask.
matches() {
  [ "$2" = % ] || [ "$2" = "$1" ] && return 0
  [ "$2" = localhost ] && [ "$1" = 127.0.0.1 ] && return 0
  case "$2" in */*) ;; *) return 1 ;; esac
  echo "$1 $2" | awk '{ split($1, a, "."); split($2, p, "/"); split(p[1], n, "."); split(p[2], m, ".");
    for (i = 1; i <= 4; i++) if (a[i] - a[i] % (256 - m[i]) != n[i]) exit 1; exit 0 }'
}
if [ -z "$host" ] || [ "$protocol" = socket ]; then
  [ "$user" = root ] || { echo "ERROR 1698 (28000): Access denied for user '$user'@'localhost'" >&2; exit 1; }
  src=localhost
else
  bind=$(cat /etc/mysql/my.cnf /etc/mysql/conf.d/*.cnf /etc/mysql/mariadb.conf.d/*.cnf 2>/dev/null | sed -n 's/^bind-address *= *//p' | tail -n 1)
  case "$bind" in "" | 0.0.0.0 | "*" | "::") ;; "$host") ;; *) echo "ERROR 2002 (HY000): Can't connect to server on '$host' (115)" >&2; exit 1 ;; esac
  [ "$port" = 3306 ] || { echo "ERROR 2002 (HY000): Can't connect to server on '$host' (111)" >&2; exit 1; }
  src="$host"; [ "$host" = localhost ] && src=127.0.0.1
  account=""
  while IFS=: read -r who h; do
    [ "${who%%@*}" = "$user" ] && [ -n "$h" ] && matches "$src" "${who#*@}" && [ "$h" = "$(hash "$pass")" ] && account="$who"
  done <"$d/standin-users"
  [ -n "$account" ] || { echo "ERROR 1045 (28000): Access denied for user '$user'@'$src' (using password: YES)" >&2; exit 1; }
  if [ -n "$db" ]; then
    grep -qx "$db" "$d/standin-databases" && grep -qx "$account $db" "$d/standin-grants" || { echo "ERROR 1044 (42000): Access denied for user '$user'@'$src' to database '$db'" >&2; exit 1; }
  fi
fi
printf '%s\n' "$sql" | sed "s/PASSWORD('[^']*')/PASSWORD([redacted])/; s/IDENTIFIED BY '[^']*'/IDENTIFIED BY [redacted]/" >>"$d/standin-statements.log"
printf '%s\n' "$sql" | while IFS= read -r line; do
  case "$line" in
    "ALTER USER "*"IDENTIFIED "*)
      [ "$src" = localhost ] || { echo "ERROR 1227 (42000): Access denied; you need the CREATE USER privilege" >&2; exit 1; }
      who=$(printf '%s\n' "$line" | sed -n "s/^ALTER USER '\([^']*\)'@'\([^']*\)'.*/\1@\2/p")
      pw=$(printf '%s\n' "$line" | sed -n "s/.*PASSWORD('\([A-Za-z0-9]*\)').*/\1/p; s/.* IDENTIFIED BY '\([A-Za-z0-9]*\)'.*/\1/p")
      grep -q "^$who:" "$d/standin-users" || { echo "ERROR 1396 (HY000): Operation ALTER USER failed for '$who'" >&2; exit 1; }
      set_user "$who" "$(hash "$pw")" ;;
    "CREATE USER IF NOT EXISTS "*)
      who=$(printf '%s\n' "$line" | sed -n "s/^CREATE USER IF NOT EXISTS '\([^']*\)'@'\([^']*\)'.*/\1@\2/p")
      grep -q "^$who:" "$d/standin-users" || echo "$who:" >>"$d/standin-users" ;;
    "CREATE DATABASE IF NOT EXISTS "*)
      name=$(printf '%s\n' "$line" | sed -n 's/^CREATE DATABASE IF NOT EXISTS \([a-z0-9_]*\).*/\1/p')
      grep -qx "$name" "$d/standin-databases" || echo "$name" >>"$d/standin-databases" ;;
    "GRANT ALL PRIVILEGES ON "*)
      grant=$(printf '%s\n' "$line" | sed -n "s/^GRANT ALL PRIVILEGES ON \([a-z0-9_]*\)\.\* TO '\([^']*\)'@'\([^']*\)'.*/\2@\3 \1/p")
      grep -qx "$grant" "$d/standin-grants" || echo "$grant" >>"$d/standin-grants" ;;
    "SELECT 1"*) [ "$names" = 1 ] && echo 1; echo 1 ;;
    "FLUSH PRIVILEGES"* | "") ;;
    *) echo "mariadb (stand-in): statement not answered: ${line%% *}…" >&2; exit 1 ;;
  esac
done
BIN
standin_port 3306 mariadb
msg_ok "Installed MariaDB (stand-in)"
motd_ssh
customize
cleanup_lxc
msg_ok "Installed (stand-in)"
