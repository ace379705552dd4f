#!/bin/sh
# LxcForge STAND-IN for community-scripts install/redis-install.sh, run inside the container (busybox sh).
# It asks what the real script asks and writes the configuration the real one writes; no real software.
eval "$FUNCTIONS_FILE_PATH"
color
verb_ip6
catch_errors
setting_up_container
network_check
update_os
msg_info "Installing Redis (stand-in)"
mkdir -p /etc/redis /var/lib/redis
cat >/etc/redis/redis.conf <<CONF
bind 0.0.0.0
port 6379
protected-mode yes
CONF
standin_bin redis-cli <<'BIN'
# Answers from /etc/redis/redis.conf: refuses an address it is not bound to, needs AUTH when requirepass is set.
host=127.0.0.1; cmd=""
while [ $# -gt 0 ]; do case "$1" in -h) host="$2"; shift ;; -p) shift ;; *) cmd="$cmd $1" ;; esac; shift; done
conf=/etc/redis/redis.conf
bind=$(awk '$1=="bind"{$1=""; print}' "$conf")
case " $bind " in *" $host "*|*" 0.0.0.0 "*) ;; *) echo "Could not connect to Redis at $host:6379: Connection refused"; exit 1 ;; esac
pass=$(awk '$1=="requirepass"{print $2}' "$conf")
authed=0; [ -z "$pass" ] && authed=1
answer() {
  case "$(echo "$1" | tr a-z A-Z)" in
    AUTH) if [ -n "$pass" ] && [ "$2" = "$pass" ]; then authed=1; echo OK; else echo "WRONGPASS invalid username-password pair or user is disabled."; fi ;;
    PING) if [ "$authed" = 1 ]; then echo PONG; else echo "NOAUTH Authentication required."; fi ;;
    "") ;;
    *) echo "ERR unknown command '$1'" ;;
  esac
}
if [ -n "$cmd" ]; then answer $cmd; else while read -r c a; do answer "$c" "$a"; done; fi
BIN
standin_port 6379 redis-server
msg_ok "Installed Redis (stand-in)"
motd_ssh
customize
cleanup_lxc
msg_ok "Installed (stand-in)"
