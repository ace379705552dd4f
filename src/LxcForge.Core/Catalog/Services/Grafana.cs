namespace LxcForge.Core.Catalog.Services;

/// <summary>
/// Grafana: the <c>admin</c> password generated and set with <c>--password-from-stdin</c>. Check:
/// <c>/api/health</c> reports the database ok, and admin logs in with that password.
/// </summary>
public sealed class Grafana : BuiltInService
{
    public const string AdminSecret = "admin-password";
    private const int Port = 3000;

    public override ServiceDefinition Definition { get; } =
        new()
        {
            Key = "grafana",
            DisplayName = "Grafana",
            Script = "ct/grafana.sh",
            InstallScript = "install/grafana-install.sh",
            Cores = 1,
            MemoryMb = 512,
            DiskGb = 4,
            Tags = ["monitoring", "visualization"],
            Ports = [3000],
            TemplateCtid = 905,
            ServiceCtid = 205,
            ServiceIp = "10.0.30.60",
            ServiceHostname = "grafana",
        };

    public override IReadOnlyList<string> SecretNames => [AdminSecret];

    public override ServiceScript ReadyProbe(ServiceContext context) =>
        new("Grafana answers on 3000", ShellSnippets.HttpAnswers($"http://127.0.0.1:{Port}/api/health"));

    public override IReadOnlyList<ServiceScript> Configure(ServiceContext context) =>
        [
            new(
                "set the admin password",
                ShellSnippets.ReadSecrets("ADMIN_PASSWORD")
                    + """
                    set -eu
                    if command -v grafana >/dev/null 2>&1; then set -- grafana cli; else set -- grafana-cli; fi
                    printf '%s\n' "$ADMIN_PASSWORD" | "$@" --homepath /usr/share/grafana --config /etc/grafana/grafana.ini admin reset-admin-password --password-from-stdin
                    """
            )
            {
                Secrets = [AdminSecret],
            },
        ];

    public override ServiceScript HealthCheck(ServiceContext context) =>
        new(
            "/api/health ok and admin logs in",
            ShellSnippets.ReadSecrets("ADMIN_PASSWORD")
                + $$"""
                body=$({{ShellSnippets.HttpGet($"http://127.0.0.1:{Port}/api/health")}}) || exit 1
                printf '%s' "$body" | grep -Eq '"database": *"ok"' || { echo "/api/health answered: $body" >&2; exit 1; }
                printf 'user = "admin:%s"\n' "$ADMIN_PASSWORD" | curl -fsS --max-time 10 -o /dev/null -K - http://127.0.0.1:{{Port}}/api/user
                """
        )
        {
            Secrets = [AdminSecret],
        };

    public override IReadOnlyList<int> MetricsPorts(ServiceContext context) => [Port];
}
