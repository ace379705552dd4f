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
serve 80/status.php '{"installed":true,"maintenance":false,"needsDbUpgrade":false,"versionstring":"stand-in"}'
serve 443/status.php '{"installed":true,"maintenance":false,"needsDbUpgrade":false,"versionstring":"stand-in"}'
mkdir -p /var/lib/standin/nextcloud
standin_bin php <<'BIN'
# php /var/www/nextcloud/occ …: the occ commands LxcForge uses, kept in /var/lib/standin/nextcloud.
state=/var/lib/standin/nextcloud
[ "$1" = /var/www/nextcloud/occ ] || { echo "php (stand-in): only occ is answered" >&2; exit 1; }
shift; [ "$1" = --no-interaction ] && shift
case "$1" in
  status) echo '{"installed":true,"version":"stand-in","maintenance":false}' ;;
  config:system:set) echo "$2 $3 ${4#--value=}" >>"$state/system-config"; echo "System config value $2 => $3 set to string ${4#--value=}" ;;
  user:info) [ -f "$state/user-$2" ] || { echo "user not found" >&2; exit 1; }; echo "  - user_id: $2" ;;
  user:add|user:resetpassword)
    [ -n "$OC_PASS" ] || { echo "--password-from-env given, but OC_PASS is empty!" >&2; exit 1; }
    for a in "$@"; do u="$a"; done
    printf '%s' "$OC_PASS" | sha256sum | cut -d' ' -f1 >"$state/user-$u"; echo "Successfully set password for $u" ;;
  *) echo "occ (stand-in): '$1' is not answered" >&2; exit 1 ;;
esac
BIN
msg_ok "Installed NextCloudPi (stand-in)"
motd_ssh
customize
cleanup_lxc
msg_ok "Installed (stand-in)"
