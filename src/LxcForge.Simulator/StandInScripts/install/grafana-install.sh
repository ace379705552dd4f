#!/bin/sh
# LxcForge STAND-IN for community-scripts install/grafana-install.sh, run inside the container (busybox sh).
# It asks what the real script asks and writes the configuration the real one writes; no real software.
eval "$FUNCTIONS_FILE_PATH"
color
verb_ip6
catch_errors
setting_up_container
network_check
update_os
msg_info "Installing grafana (stand-in)"
mkdir -p /etc/grafana && printf "[security]\nadmin_user = admin\n" >/etc/grafana/grafana.ini
standin_http
serve 3000/api/health '{"database":"ok","version":"stand-in"}'
serve 3000/api/user '{"login":"admin"}'
mkdir -p /var/lib/standin/http-auth/3000/api && echo "admin:admin" >/var/lib/standin/http-auth/3000/api/user
standin_bin grafana-cli <<'BIN'
# grafana-cli … admin reset-admin-password --password-from-stdin: the admin password the stand-in API checks.
case " $* " in *" admin reset-admin-password --password-from-stdin"*) ;; *) echo "grafana-cli (stand-in): not answered: $*" >&2; exit 1 ;; esac
IFS= read -r pass
echo "admin:$pass" >/var/lib/standin/http-auth/3000/api/user
echo "Admin password changed successfully ✔"
BIN
msg_ok "Installed grafana (stand-in)"
motd_ssh
customize
cleanup_lxc
msg_ok "Installed (stand-in)"
