#!/bin/sh
# LxcForge STAND-IN for community-scripts install/homeassistant-install.sh, run inside the container (busybox sh).
# It asks what the real script asks and writes the configuration the real one writes; no real software.
eval "$FUNCTIONS_FILE_PATH"
color
verb_ip6
catch_errors
setting_up_container
network_check
update_os
msg_info "Installing homeassistant (stand-in)"
standin_http
serve 8123/index '<html>Home Assistant (stand-in)</html>'
msg_ok "Installed homeassistant (stand-in)"
motd_ssh
customize
cleanup_lxc
msg_ok "Installed (stand-in)"
