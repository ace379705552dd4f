using LxcForge.Core.Spec.Addressing;

namespace LxcForge.Core.Catalog.Services;

/// <summary>
/// MariaDB: listens on the service address only (not the community script's every address), a generated
/// password for <c>root@localhost</c> (which keeps its unix-socket login, so re-running works), and an
/// application user allowed from the fleet subnet only, owning its database. Check: that user logs in over
/// TCP to the service address and runs a query, and a wrong password is refused.
/// Settings: <c>database</c> and <c>user</c> (default <c>app</c>).
/// </summary>
public sealed class MariaDb : BuiltInService
{
    public const string RootPasswordSecret = "db-root-password";
    public const string PasswordSecret = "app-password";
    private const int Port = 3306;

    public override ServiceDefinition Definition { get; } =
        new()
        {
            Key = "mariadb",
            DisplayName = "MariaDB",
            Script = "ct/mariadb.sh",
            InstallScript = "install/mariadb-install.sh",
            Cores = 1,
            MemoryMb = 1024,
            DiskGb = 4,
            Tags = ["database"],
            Ports = [Port],
            StdinAnswers = ["n"],
            TemplateCtid = 909,
            ServiceCtid = 209,
            ServiceIp = "10.0.30.100",
            ServiceHostname = "mariadb",
        };

    public override IReadOnlyList<string> SecretNames => [RootPasswordSecret, PasswordSecret];

    public override ServiceScript ReadyProbe(ServiceContext context) => new("MariaDB answers", Clients + "\"$admin\" ping >/dev/null 2>&1");

    public override IReadOnlyList<ServiceScript> Configure(ServiceContext context)
    {
        var (database, user) = Names(context);
        var from = SubnetHost(context.Subnet);
        return
        [
            new(
                "listen on the service address only",
                $$"""
                set -eu
                mkdir -p /etc/mysql/mariadb.conf.d
                cat > /etc/mysql/mariadb.conf.d/99-lxcforge.cnf.new <<'CNF'
                # managed by lxcforge: the service address only (the community script listens on every address)
                [mysqld]
                bind-address = {{context.Ip}}
                port = {{Port}}
                CNF
                if ! cmp -s /etc/mysql/mariadb.conf.d/99-lxcforge.cnf.new /etc/mysql/mariadb.conf.d/99-lxcforge.cnf; then
                  mv /etc/mysql/mariadb.conf.d/99-lxcforge.cnf.new /etc/mysql/mariadb.conf.d/99-lxcforge.cnf
                  {{ShellSnippets.Restart("mariadb")}}
                else
                  rm -f /etc/mysql/mariadb.conf.d/99-lxcforge.cnf.new
                fi
                """
            ),
            new(
                "root password, the application user and database",
                ShellSnippets.ReadSecrets("ROOT_PASSWORD", "APP_PASSWORD")
                    + Clients
                    + $$"""
                    "$client" --protocol=socket -u root <<SQL
                    ALTER USER 'root'@'localhost' IDENTIFIED VIA unix_socket OR mysql_native_password USING PASSWORD('$ROOT_PASSWORD');
                    CREATE DATABASE IF NOT EXISTS {{database}};
                    CREATE USER IF NOT EXISTS '{{user}}'@'{{from}}';
                    ALTER USER '{{user}}'@'{{from}}' IDENTIFIED BY '$APP_PASSWORD';
                    GRANT ALL PRIVILEGES ON {{database}}.* TO '{{user}}'@'{{from}}';
                    FLUSH PRIVILEGES;
                    SQL
                    """
            )
            {
                Secrets = [RootPasswordSecret, PasswordSecret],
            },
        ];
    }

    public override ServiceScript HealthCheck(ServiceContext context)
    {
        var (database, user) = Names(context);
        return new(
            $"{user} logs in to {database} over TCP and a wrong password is refused",
            ShellSnippets.ReadSecrets("APP_PASSWORD")
                + Clients
                + $$"""
                # The password goes in an option file only this script reads, never in an argument or the environment.
                dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
                ( umask 077; printf '[client]\npassword=%s\n' "$APP_PASSWORD" > "$dir/app.cnf"; printf '[client]\npassword=%s\n' "wrong$APP_PASSWORD" > "$dir/wrong.cnf" )
                login() { "$client" --defaults-extra-file="$dir/$1" --protocol=tcp -h {{context.Ip}} -P {{Port}} -u {{user}} -D {{database}} --connect-timeout=5 -N -B -e 'SELECT 1' 2>&1; }
                out=$(login app.cnf) || { echo "login as {{user}} failed: $out" >&2; exit 1; }
                [ "$out" = 1 ] || { echo "login as {{user}} answered '$out'" >&2; exit 1; }
                if wrong=$(login wrong.cnf); then echo "MariaDB let {{user}} in with a wrong password" >&2; exit 1; fi
                case "$wrong" in *"Access denied"*) ;; *) echo "a wrong password was not refused as such: $wrong" >&2; exit 1;; esac
                """
        )
        {
            Secrets = [PasswordSecret],
        };
    }

    /// <summary>The client programs under their MariaDB names, or the older mysql names.</summary>
    private const string Clients = """
        if command -v mariadb >/dev/null 2>&1; then client=mariadb admin=mariadb-admin; else client=mysql admin=mysqladmin; fi

        """;

    /// <summary>The fleet subnet as a MariaDB account host, e.g. <c>10.0.30.0/255.255.255.0</c>.</summary>
    private static string SubnetHost(string subnet) =>
        Ipv4Subnet.TryParse(subnet, out var s, out var error)
            ? $"{Ipv4.Format(s.Network)}/{Ipv4.Format(s.Mask)}"
            : throw new ArgumentException($"network.subnet: {error}");

    private static (string Database, string User) Names(ServiceContext context) =>
        (ShellSnippets.Identifier(context.Setting("database", "app"), "database"), ShellSnippets.Identifier(context.Setting("user", "app"), "user"));
}
