#!/bin/sh
# LxcForge STAND-IN for community-scripts install/gitea-install.sh, run inside the container (busybox sh).
# It asks what the real script asks and writes the configuration the real one writes; no real software.
eval "$FUNCTIONS_FILE_PATH"
color
verb_ip6
catch_errors
setting_up_container
network_check
update_os
msg_info "Installing gitea (stand-in)"
mkdir -p /etc/gitea && printf "[server]\nHTTP_PORT = 3000\n" >/etc/gitea/app.ini
standin_http
serve 3000/api/healthz '{"status":"pass","description":"Gitea: stand-in"}'
msg_ok "Installed gitea (stand-in)"
motd_ssh
customize
cleanup_lxc
msg_ok "Installed (stand-in)"
