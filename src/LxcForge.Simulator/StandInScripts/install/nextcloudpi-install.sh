#!/bin/sh
# LxcForge STAND-IN for community-scripts install/nextcloudpi-install.sh, run inside the container (busybox sh).
# It asks what the real script asks and writes the configuration the real one writes; no real software.
eval "$FUNCTIONS_FILE_PATH"
color
verb_ip6
catch_errors
setting_up_container
network_check
update_os
read -r -p "Do you want to continue? [y/N]: " CONFIRM || CONFIRM=""
case "$CONFIRM" in y|Y) ;; *) msg_error "Aborted"; exit 10 ;; esac
msg_info "Installing NextCloudPi (stand-in)"
mkdir -p /var/www/nextcloud/config
cat >/var/www/nextcloud/config/config.php <<CONF
<?php
\$CONFIG = array (
  'installed' => false,
  'trusted_domains' => array ( 0 => 'localhost' ),
);
CONF
standin_http
serve 80/status.php '{"installed":false,"maintenance":false,"needsDbUpgrade":false,"versionstring":"stand-in"}'
msg_ok "Installed NextCloudPi (stand-in)"
motd_ssh
customize
cleanup_lxc
msg_ok "Installed (stand-in)"
