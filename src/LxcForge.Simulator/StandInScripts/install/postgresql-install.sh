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
# Records the SQL it is given (arguments after -c, or stdin) and answers SELECT 1.
sql=""; while [ $# -gt 0 ]; do case "$1" in -c) sql="$2"; shift ;; esac; shift; done
[ -n "$sql" ] || sql="$(cat)"
printf '%s\n' "$sql" >>/var/lib/postgresql/standin-statements.sql
case "$sql" in *"SELECT 1"*|*"select 1"*) echo " ?column? "; echo "----------"; echo "        1"; echo "(1 row)" ;; esac
exit 0
BIN
msg_ok "Installed PostgreSQL $ver (stand-in)"
motd_ssh
customize
cleanup_lxc
msg_ok "Installed (stand-in)"
