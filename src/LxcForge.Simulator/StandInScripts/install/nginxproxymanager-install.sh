#!/bin/sh
# LxcForge STAND-IN for community-scripts install/nginxproxymanager-install.sh, run inside the container (busybox sh).
# It asks what the real script asks and writes the configuration the real one writes; no real software.
eval "$FUNCTIONS_FILE_PATH"
color
verb_ip6
catch_errors
setting_up_container
network_check
update_os
msg_info "Installing nginxproxymanager (stand-in)"
standin_http
serve 81/index '<html>Nginx Proxy Manager (stand-in)</html>'
msg_ok "Installed nginxproxymanager (stand-in)"
motd_ssh
customize
cleanup_lxc
msg_ok "Installed (stand-in)"
