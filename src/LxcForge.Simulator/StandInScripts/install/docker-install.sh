#!/bin/sh
# LxcForge STAND-IN for community-scripts install/docker-install.sh, run inside the container (busybox sh).
# It asks what the real script asks and writes the configuration the real one writes; no real software.
eval "$FUNCTIONS_FILE_PATH"
color
verb_ip6
catch_errors
setting_up_container
network_check
update_os
read -r -p "Would you like to add Portainer Agent? <y/N> " prompt_agent || prompt_agent="n"
read -r -p "Expose Docker TCP socket? <n/l/a> " socket_choice || socket_choice="n"
msg_info "Installing Docker (stand-in)"
mkdir -p /etc/docker
echo '{"log-driver":"journald"}' >/etc/docker/daemon.json
standin_bin docker <<'BIN'
case "$1" in
  info) echo "Server Version: stand-in"; echo "Storage Driver: overlay2"; exit 0 ;;
  version) echo "Client: stand-in"; echo "Server: stand-in"; exit 0 ;;
  *) echo "docker (stand-in): only 'info' is answered" >&2; exit 1 ;;
esac
BIN
msg_ok "Installed Docker (stand-in)"
motd_ssh
customize
cleanup_lxc
msg_ok "Installed (stand-in)"
