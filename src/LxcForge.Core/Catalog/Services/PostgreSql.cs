namespace LxcForge.Core.Catalog.Services;

/// <summary>
/// PostgreSQL: listen on loopback and the service address (not <c>*</c>), pg_hba with scram-sha-256 for the
/// fleet subnet only (replacing the community script's <c>md5 0.0.0.0/0</c>), an application role and
/// database with a generated password. Check: that role logs in over TCP.
/// Settings: <c>database</c> and <c>user</c> (default <c>app</c>).
/// </summary>
public sealed class PostgreSql : BuiltInService
{
    public const string PasswordSecret = "app-password";

    public override ServiceDefinition Definition { get; } =
        new()
        {
            Key = "postgresql",
            DisplayName = "PostgreSQL",
            Script = "ct/postgresql.sh",
            InstallScript = "install/postgresql-install.sh",
            Cores = 1,
            MemoryMb = 1024,
            DiskGb = 4,
            Tags = ["database"],
            Ports = [5432],
            StdinAnswers = ["17", "n"],
            TemplateCtid = 900,
            ServiceCtid = 200,
            ServiceIp = "10.0.30.10",
            ServiceHostname = "postgresql-db",
        };

    public override IReadOnlyList<string> SecretNames => [PasswordSecret];

    public override ServiceScript ReadyProbe(ServiceContext context) => new("PostgreSQL accepts connections", "pg_isready -q");

    public override IReadOnlyList<ServiceScript> Configure(ServiceContext context)
    {
        var (database, user) = Names(context);
        return
        [
            new(
                "create the application role and database",
                ShellSnippets.ReadSecrets("APP_PASSWORD")
                    + $$"""
                    runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -d postgres <<SQL
                    SET password_encryption = 'scram-sha-256';
                    SELECT 'CREATE ROLE "{{user}}" LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{{user}}')\gexec
                    ALTER ROLE "{{user}}" WITH LOGIN PASSWORD '$APP_PASSWORD';
                    SELECT 'CREATE DATABASE "{{database}}" OWNER "{{user}}"' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '{{database}}')\gexec
                    SQL
                    """
            )
            {
                Secrets = [PasswordSecret],
            },
            new(
                "listen on the service address, scram-sha-256 for the fleet subnet",
                $$"""
                set -eu
                conf_dir=$(ls -d /etc/postgresql/*/main 2>/dev/null | sort -V | tail -n 1)
                if [ -z "$conf_dir" ]; then echo "no PostgreSQL cluster under /etc/postgresql/*/main" >&2; exit 1; fi
                mkdir -p "$conf_dir/conf.d"
                sed -i 's/^[[:space:]]*listen_addresses[[:space:]]*=/#&/' "$conf_dir/postgresql.conf"
                grep -q "^include_dir = 'conf.d'" "$conf_dir/postgresql.conf" || echo "include_dir = 'conf.d'" >> "$conf_dir/postgresql.conf"
                cat > "$conf_dir/conf.d/lxcforge.conf" <<'CONF'
                # managed by lxcforge
                listen_addresses = 'localhost,{{context.Ip}}'
                password_encryption = 'scram-sha-256'
                CONF
                cat > "$conf_dir/pg_hba.conf" <<'HBA'
                # managed by lxcforge: peer locally, scram-sha-256 from loopback and the fleet subnet only
                local   all   postgres                  peer
                local   all   all                       peer
                host    all   all   127.0.0.1/32        scram-sha-256
                host    all   all   ::1/128             scram-sha-256
                host    all   all   {{context.Subnet}}  scram-sha-256
                HBA
                chown postgres:postgres "$conf_dir/pg_hba.conf" "$conf_dir/conf.d/lxcforge.conf"
                chmod 640 "$conf_dir/pg_hba.conf"
                {{ShellSnippets.Restart("postgresql")}}
                """
            ),
        ];
    }

    public override ServiceScript HealthCheck(ServiceContext context)
    {
        var (database, user) = Names(context);
        return new(
            $"role {user} logs in to {database} over TCP",
            ShellSnippets.ReadSecrets("APP_PASSWORD")
                + $$"""
                out=$(PGPASSWORD="$APP_PASSWORD" PGCONNECT_TIMEOUT=5 psql -X -h {{context.Ip}} -U {{user}} -d {{database}} -tAc 'SELECT 1')
                [ "$out" = 1 ] || { echo "login as {{user}} answered '$out'" >&2; exit 1; }
                """
        )
        {
            Secrets = [PasswordSecret],
        };
    }

    private static (string Database, string User) Names(ServiceContext context) =>
        (ShellSnippets.Identifier(context.Setting("database", "app"), "database"), ShellSnippets.Identifier(context.Setting("user", "app"), "user"));
}
