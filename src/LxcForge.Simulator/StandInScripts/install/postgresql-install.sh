#!/bin/sh
# LxcForge STAND-IN for community-scripts install/postgresql-install.sh, run inside the container (busybox sh).
# It asks what the real script asks and writes the configuration the real one writes; no real software.
eval "$FUNCTIONS_FILE_PATH"
color
verb_ip6
catch_errors
setting_up_container
network_check
update_os
read -r -p "Enter PostgreSQL version (15/16/17/18): " ver || ver=""
case "$ver" in 15|16|17|18) ;; *) msg_error "Invalid PostgreSQL version '$ver'"; exit 64 ;; esac
read -r -p "Would you like to add Adminer? <y/N> " adminer || adminer="n"
msg_info "Installing PostgreSQL $ver (stand-in)"
mkdir -p "/etc/postgresql/$ver/main" /var/lib/postgresql /run/postgresql
grep -q '^postgres:' /etc/passwd 2>/dev/null || echo 'postgres:x:105:110:PostgreSQL administrator:/var/lib/postgresql:/bin/sh' >>/etc/passwd
grep -q '^postgres:' /etc/group 2>/dev/null || echo 'postgres:x:110:' >>/etc/group
cat >"/etc/postgresql/$ver/main/postgresql.conf" <<CONF
listen_addresses = '*'
port = 5432
CONF
cat >"/etc/postgresql/$ver/main/pg_hba.conf" <<CONF
local all postgres peer
host all all 0.0.0.0/0 md5
CONF
echo "$ver" >/var/lib/postgresql/standin-version
standin_bin pg_isready <<'BIN'
if ls /etc/postgresql/*/main/postgresql.conf >/dev/null 2>&1; then echo "/run/postgresql:5432 - accepting connections"; exit 0; fi
echo "/run/postgresql:5432 - no response"; exit 2
BIN
standin_bin psql <<'BIN'
# Keeps roles in /var/lib/postgresql/standin-roles (name:sha256 of the password) from the SQL it is given,
# and answers a TCP login (-h) only when listen_addresses, pg_hba.conf and the password allow it.
host=""; user="postgres"; sql=""
while [ $# -gt 0 ]; do
  case "$1" in -h) host="$2"; shift ;; -U) user="$2"; shift ;; -c|-tAc) sql="$2"; shift ;; esac
  shift
done
[ -n "$sql" ] || sql="$(cat)"
printf '%s\n' "$sql" | sed 's/PASSWORD .*/PASSWORD [redacted]/' >>/var/lib/postgresql/standin-statements.log
roles=/var/lib/postgresql/standin-roles; touch "$roles"
printf '%s\n' "$sql" | sed -n "s/.*ALTER ROLE \"\([a-z_0-9]*\)\" WITH LOGIN PASSWORD '\([A-Za-z0-9]*\)'.*/\1 \2/p" | while read -r r p; do
  grep -v "^$r:" "$roles" >"$roles.new" || true
  echo "$r:$(printf '%s' "$p" | sha256sum | cut -d' ' -f1)" >>"$roles.new"; mv "$roles.new" "$roles"
done
if [ -n "$host" ]; then
  conf=$(ls /etc/postgresql/*/main/conf.d/lxcforge.conf /etc/postgresql/*/main/postgresql.conf 2>/dev/null | head -n1)
  grep -q "listen_addresses = .*\(\*\|$host\)" $conf || { echo "psql: error: connection to server at \"$host\", port 5432 failed: Connection refused" >&2; exit 2; }
  grep -q "scram-sha-256\|md5" /etc/postgresql/*/main/pg_hba.conf || { echo "psql: error: no pg_hba.conf entry for host \"$host\", user \"$user\"" >&2; exit 2; }
  want=$(sed -n "s/^$user://p" "$roles")
  got=$(printf '%s' "$PGPASSWORD" | sha256sum | cut -d' ' -f1)
  [ -n "$want" ] && [ "$want" = "$got" ] || { echo "psql: error: FATAL:  password authentication failed for user \"$user\"" >&2; exit 2; }
fi
case "$sql" in *"SELECT 1"*) echo 1 ;; esac
exit 0
BIN
standin_port 5432 postgres
msg_ok "Installed PostgreSQL $ver (stand-in)"
motd_ssh
customize
cleanup_lxc
msg_ok "Installed (stand-in)"
