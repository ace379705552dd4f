namespace LxcForge.Core.Catalog.Services;

/// <summary>
/// Nextcloud (NextCloudPi): trusted domains = the service address and hostname, an <c>admin</c> user with a
/// generated password (set through <c>OC_PASS</c>, never an argument). Check: <c>status.php</c> says installed.
/// </summary>
public sealed class Nextcloud : BuiltInService
{
    public const string AdminSecret = "admin-password";

    public override ServiceDefinition Definition { get; } =
        new()
        {
            Key = "nextcloud",
            DisplayName = "Nextcloud",
            Script = "ct/nextcloudpi.sh",
            InstallScript = "install/nextcloudpi-install.sh",
            Cores = 2,
            MemoryMb = 2048,
            DiskGb = 8,
            Tags = ["cloud"],
            Ports = [80, 443],
            StdinAnswers = ["y"],
            TemplateCtid = 902,
            ServiceCtid = 202,
            ServiceIp = "10.0.30.30",
            ServiceHostname = "nextcloud",
        };

    public override IReadOnlyList<string> SecretNames => [AdminSecret];

    public override ServiceScript ReadyProbe(ServiceContext context) => new("the web server answers", ShellSnippets.HttpAnswers("http://127.0.0.1/status.php"));

    public override IReadOnlyList<ServiceScript> Configure(ServiceContext context) =>
        [
            new(
                "trusted domains and the admin password",
                ShellSnippets.ReadSecrets("ADMIN_PASSWORD")
                    + $$"""
                    set -eu
                    occ() { runuser -u www-data -- php /var/www/nextcloud/occ --no-interaction "$@"; }
                    occ status --output=json | grep -q '"installed":true' || { echo "Nextcloud is not installed in this container (the template must finish its installation)" >&2; exit 1; }
                    occ config:system:set trusted_domains 20 --value={{context.Ip}}
                    occ config:system:set trusted_domains 21 --value={{context.Hostname}}
                    if occ user:info admin >/dev/null 2>&1; then
                      OC_PASS="$ADMIN_PASSWORD" occ user:resetpassword --password-from-env admin
                    else
                      OC_PASS="$ADMIN_PASSWORD" occ user:add --password-from-env --group=admin admin
                    fi
                    """
            )
            {
                Secrets = [AdminSecret],
            },
        ];

    public override ServiceScript HealthCheck(ServiceContext context) =>
        new(
            "status.php says installed",
            """
            status=$(curl -fsSk --max-time 10 https://127.0.0.1/status.php || curl -fsS --max-time 10 http://127.0.0.1/status.php)
            printf '%s' "$status" | grep -q '"installed":true' || { echo "status.php answered: $status" >&2; exit 1; }
            """
        );
}
