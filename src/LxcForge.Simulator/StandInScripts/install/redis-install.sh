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
# Reads commands from stdin (AUTH, PING, CONFIG GET) and answers from /etc/redis/redis.conf.
pass=$(awk '$1=="requirepass"{print $2}' /etc/redis/redis.conf 2>/dev/null)
[ -n "$REDISCLI_AUTH" ] && authed_with="$REDISCLI_AUTH" || authed_with=""
authed=0; { [ -z "$pass" ] || [ "$authed_with" = "$pass" ]; } && authed=1
while read -r cmd arg rest; do
  case "$(echo "$cmd" | tr a-z A-Z)" in
    AUTH) if [ "$arg" = "$pass" ] && [ -n "$pass" ]; then authed=1; echo OK; else echo "WRONGPASS invalid username-password pair or user is disabled."; fi ;;
    PING) if [ "$authed" = 1 ]; then echo PONG; else echo "NOAUTH Authentication required."; fi ;;
    *) echo "ERR unknown command '$cmd'" ;;
  esac
done
BIN
msg_ok "Installed Redis (stand-in)"
motd_ssh
customize
cleanup_lxc
msg_ok "Installed (stand-in)"
