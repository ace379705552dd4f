#!/usr/bin/env bash
# LxcForge STAND-IN for community-scripts ct/mariadb.sh (simulator only; installs nothing real).
source <(curl -fsSL https://raw.githubusercontent.com/community-scripts/ProxmoxVE/main/misc/build.func)

APP="MariaDB"
var_tags="${var_tags:-database}"
var_cpu="${var_cpu:-1}"
var_ram="${var_ram:-1024}"
var_disk="${var_disk:-4}"
var_os="${var_os:-debian}"
var_version="${var_version:-13}"
var_unprivileged="${var_unprivileged:-1}"

variables
header_info "$APP"
color
catch_errors
start
build_container
description

msg_ok "Completed successfully!"
echo "${APP} stand-in setup has been initialized in container ${CT_ID}."
