namespace LxcForge.Testing.StandIns;

/// <summary>
/// SIMULATOR ONLY. Shell that fills a simulated container's sandbox with what a service's template would hold
/// after its community script ran — configuration files and small STAND-IN clients (labelled as such) that
/// answer from those files — so deploy's real configuration and health-check scripts have something to talk
/// to. No real service runs here; real behaviour is proven on real LXC.
/// </summary>
public static class StandInClients
{
    /// <summary>The install script for catalogue key <paramref name="key"/> (common clients included).</summary>
    public static string For(string key) => Common + key switch
    {
        "postgresql" => PostgreSql,
        "redis" => Redis,
        "nextcloud" => Nextcloud,
        "gitea" => """
            mkdir -p /etc/gitea && printf '[server]\nHTTP_PORT = 3000\n' > /etc/gitea/app.ini
            serve 3000/api/healthz '{"status": "pass", "description": "Gitea (stand-in)"}'
            """,
        "homeassistant" => "serve 8123/index '<html>Home Assistant (stand-in)</html>'\n",
        "grafana" => Grafana,
        "prometheus" => """
            mkdir -p /etc/prometheus && printf 'scrape_configs: []\n' > /etc/prometheus/prometheus.yml
            serve 9090/-/ready 'Prometheus Server is Ready.'
            """,
        "nginxproxymanager" => "serve 81/index '<html>Nginx Proxy Manager (stand-in)</html>'\n",
        "docker" => """
            standin docker <<'BIN'
            case "$1" in info|version) echo "Server Version: stand-in"; exit 0 ;; esac
            echo "docker (stand-in): only info and version are answered" >&2; exit 1
            BIN
            """,
        _ => "",
    };

    private const string Common = """
        set -e
        standin() { mkdir -p /usr/local/bin; { echo '#!/bin/sh'; echo '# LxcForge simulator STAND-IN client, not the real program: it answers from the configuration files.'; cat; } > "/usr/local/bin/$1"; chmod 755 "/usr/local/bin/$1"; }
        serve() { mkdir -p "$(dirname "/var/lib/standin/http/$1")"; printf '%s\n' "$2" > "/var/lib/standin/http/$1"; }
        echo "LxcForge simulator stand-in" > /etc/motd
        standin systemctl <<'BIN'
        echo "systemctl (stand-in): $*"; exit 0
        BIN
        standin runuser <<'BIN'
        while [ $# -gt 0 ] && [ "$1" != "--" ]; do shift; done; shift; exec "$@"
        BIN
        standin chpasswd <<'BIN'
        IFS= read -r line; umask 077; printf '%s\n' "${line%%:*}:$(printf '%s' "${line#*:}" | sha256sum | cut -d' ' -f1)" > /etc/standin-shadow
        BIN
        standin curl <<'BIN'
        url=""; cfg=""
        for a in "$@"; do case "$a" in http://*|https://*) url="$a" ;; esac; done
        case " $* " in *" -K - "*) cfg=$(cat) ;; esac
        rest="${url#*://}"; hostport="${rest%%/*}"; path="/${rest#*/}"; [ "$rest" = "$hostport" ] && path="/"
        port="${hostport##*:}"; if [ "$port" = "$hostport" ]; then case "$url" in https:*) port=443 ;; *) port=80 ;; esac; fi
        f="/var/lib/standin/http/${port}${path%/}"; [ -d "$f" ] && f="$f/index"
        if [ -f "$f.user" ]; then
          got=$(printf '%s\n' "$cfg" | sed -n 's/^user = "\(.*\)"$/\1/p')
          [ -n "$got" ] && [ "$got" = "$(cat "$f.user")" ] || { echo "curl: (22) The requested URL returned error: 401" >&2; exit 22; }
        fi
        if [ -f "$f" ]; then cat "$f"; exit 0; fi
        echo "curl: (7) Failed to connect to ${hostport} port ${port}: Connection refused" >&2; exit 7
        BIN

        """;

    private const string PostgreSql = """
        mkdir -p /etc/postgresql/17/main/conf.d /var/lib/postgresql
        printf "listen_addresses = '*'\nport = 5432\ninclude_dir = 'conf.d'\n" > /etc/postgresql/17/main/postgresql.conf
        printf 'local all postgres peer\nhost all all 0.0.0.0/0 md5\n' > /etc/postgresql/17/main/pg_hba.conf
        grep -q '^postgres:' /etc/passwd || echo 'postgres:x:102:102::/var/lib/postgresql:/bin/sh' >> /etc/passwd
        grep -q '^postgres:' /etc/group || echo 'postgres:x:102:' >> /etc/group
        standin pg_isready <<'BIN'
        echo "/run/postgresql:5432 - accepting connections"
        BIN
        standin psql <<'BIN'
        host=""; user=""; sql=""
        while [ $# -gt 0 ]; do case "$1" in -h) host="$2"; shift ;; -U) user="$2"; shift ;; -c|-tAc) sql="$2"; shift ;; esac; shift; done
        if [ -z "$host" ]; then [ -n "$sql" ] || sql="$(cat)"; printf '%s\n' "$sql" >> /var/lib/postgresql/standin-statements.sql; exit 0; fi
        want=$(sed -n "s/^ALTER ROLE \"$user\" WITH LOGIN PASSWORD '\(.*\)';\$/\1/p" /var/lib/postgresql/standin-statements.sql 2>/dev/null | tail -n 1)
        grep -qs "listen_addresses = '.*$host" /etc/postgresql/*/main/conf.d/lxcforge.conf || { echo "psql: error: connection to server at \"$host\", port 5432 failed: Connection refused" >&2; exit 2; }
        { grep -q 'scram-sha-256' /etc/postgresql/*/main/pg_hba.conf && ! grep -q '0.0.0.0/0' /etc/postgresql/*/main/pg_hba.conf; } || { echo "psql: error: FATAL:  no pg_hba.conf entry for host \"$host\"" >&2; exit 2; }
        [ -n "$want" ] && [ "$PGPASSWORD" = "$want" ] || { echo "psql: error: FATAL:  password authentication failed for user \"$user\"" >&2; exit 2; }
        echo 1
        BIN

        """;

    private const string Redis = """
        mkdir -p /etc/redis
        printf 'bind 0.0.0.0\nport 6379\nprotected-mode yes\n' > /etc/redis/redis.conf
        standin redis-cli <<'BIN'
        h=127.0.0.1; while [ $# -gt 0 ]; do case "$1" in -h) h="$2"; shift ;; esac; shift; done
        conf=/etc/redis/redis.conf
        bind=" $(awk '$1=="bind"{$1=""; print}' "$conf") "
        case "$bind" in *" $h "*|*" 0.0.0.0 "*) ;; *) echo "Could not connect to Redis at $h:6379: Connection refused" >&2; exit 1 ;; esac
        pass=$(awk '$1=="requirepass"{print $2}' "$conf")
        authed=0; [ -z "$pass" ] && authed=1
        while read -r cmd arg rest; do
          case "$(echo "$cmd" | tr a-z A-Z)" in
            AUTH) if [ -n "$pass" ] && [ "$arg" = "$pass" ]; then authed=1; echo OK; else echo "WRONGPASS invalid username-password pair or user is disabled."; fi ;;
            PING) if [ "$authed" = 1 ]; then echo PONG; else echo "NOAUTH Authentication required."; fi ;;
            *) echo "ERR unknown command '$cmd'" ;;
          esac
        done
        BIN

        """;

    private const string Nextcloud = """
        mkdir -p /var/www/nextcloud/config /var/www/nextcloud/data
        printf "<?php\n\$CONFIG = array (\n  'installed' => true,\n);\n" > /var/www/nextcloud/config/config.php
        serve 80/status.php '{"installed":true,"maintenance":false,"versionstring":"stand-in"}'
        standin php <<'BIN'
        shift; [ "$1" = "--no-interaction" ] && shift
        d=/var/www/nextcloud
        case "$1" in
          status) if grep -q "'installed' => true" $d/config/config.php; then echo '{"installed":true}'; else echo '{"installed":false}'; fi ;;
          config:system:set) echo "$2 $3 ${4#--value=}" >> $d/config/standin-system.txt; echo "System config value $2 => $3 set to string ${4#--value=}" ;;
          user:info) [ -f "$d/data/standin-user-$2" ] || { echo "user not found"; exit 1; } ;;
          user:resetpassword|user:add) [ -n "$OC_PASS" ] || exit 1; for n in "$@"; do name="$n"; done; umask 077; printf '%s\n' "$OC_PASS" > "$d/data/standin-user-$name"; echo "Successfully set password for $name" ;;
          *) echo "occ (stand-in): $1 is not answered" >&2; exit 1 ;;
        esac
        BIN

        """;

    private const string Grafana = """
        mkdir -p /etc/grafana /usr/share/grafana && printf '[security]\nadmin_user = admin\n' > /etc/grafana/grafana.ini
        serve 3000/api/health '{"database": "ok", "version": "stand-in"}'
        serve 3000/api/user '{"login": "admin"}'
        standin grafana <<'BIN'
        case " $* " in *" reset-admin-password "*"--password-from-stdin"*)
          IFS= read -r pw; umask 077; printf 'admin:%s\n' "$pw" > /var/lib/standin/http/3000/api/user.user; echo "Admin password changed successfully"; exit 0 ;;
        esac
        echo "grafana (stand-in): only cli admin reset-admin-password --password-from-stdin is answered" >&2; exit 1
        BIN

        """;
}
