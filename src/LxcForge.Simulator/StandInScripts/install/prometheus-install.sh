#!/bin/sh
# LxcForge STAND-IN for community-scripts install/prometheus-install.sh, run inside the container (busybox sh).
# It asks what the real script asks and writes the configuration the real one writes; no real software.
eval "$FUNCTIONS_FILE_PATH"
color
verb_ip6
catch_errors
setting_up_container
network_check
update_os
msg_info "Installing prometheus (stand-in)"
mkdir -p /etc/prometheus && printf "scrape_configs:\n  - job_name: prometheus\n    static_configs:\n      - targets: [\"localhost:9090\"]\n" >/etc/prometheus/prometheus.yml
standin_http
serve 9090/-/ready 'Prometheus Server is Ready.'
msg_ok "Installed prometheus (stand-in)"
motd_ssh
customize
cleanup_lxc
msg_ok "Installed (stand-in)"
