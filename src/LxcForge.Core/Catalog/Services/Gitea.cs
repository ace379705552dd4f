namespace LxcForge.Core.Catalog.Services;

/// <summary>
/// Gitea: <c>DOMAIN</c> and <c>ROOT_URL</c> set to the service address (so links and clone URLs work), metrics
/// enabled for Prometheus. Check: <c>/api/healthz</c> passes.
/// </summary>
public sealed class Gitea : BuiltInService
{
    private const int Port = 3000;

    public override ServiceDefinition Definition { get; } =
        new()
        {
            Key = "gitea",
            DisplayName = "Gitea",
            Script = "ct/gitea.sh",
            InstallScript = "install/gitea-install.sh",
            Cores = 1,
            MemoryMb = 1024,
            DiskGb = 8,
            Tags = ["git"],
            Ports = [3000],
            TemplateCtid = 903,
            ServiceCtid = 203,
            ServiceIp = "10.0.30.40",
            ServiceHostname = "gitea",
        };

    public override ServiceScript ReadyProbe(ServiceContext context) =>
        new("Gitea answers on 3000", ShellSnippets.HttpAnswers($"http://127.0.0.1:{Port}/api/healthz"));

    public override IReadOnlyList<ServiceScript> Configure(ServiceContext context) =>
        [
            new(
                "DOMAIN, ROOT_URL and metrics in app.ini",
                $$"""
                set -eu
                ini={{ShellSnippets.QuotedPath(context.Setting("config", "/etc/gitea/app.ini"), "config")}}
                mkdir -p "$(dirname "$ini")"
                [ -f "$ini" ] || : > "$ini"
                # ini_set FILE SECTION KEY VALUE: sets KEY in [SECTION], adding the key or the section when missing.
                ini_set() {
                  awk -v s="$2" -v k="$3" -v v="$4" '
                    /^\[.*\][[:space:]]*$/ { if (insec && !done) { print k " = " v; done = 1 }; insec = ($0 == "[" s "]"); print; next }
                    insec && $0 ~ "^[[:space:]]*" k "[[:space:]]*=" { if (!done) { print k " = " v; done = 1 }; next }
                    { print }
                    END { if (!done) { if (!insec) print "[" s "]"; print k " = " v } }' "$1" > "$1.lxcforge" && cat "$1.lxcforge" > "$1" && rm -f "$1.lxcforge"
                }
                ini_set "$ini" server DOMAIN {{context.Ip}}
                ini_set "$ini" server SSH_DOMAIN {{context.Ip}}
                ini_set "$ini" server HTTP_PORT {{Port}}
                ini_set "$ini" server ROOT_URL http://{{context.Ip}}:{{Port}}/
                ini_set "$ini" metrics ENABLED true
                if id git >/dev/null 2>&1; then chown git:git "$ini"; fi
                {{ShellSnippets.Restart("gitea")}}
                """
            ),
        ];

    public override ServiceScript HealthCheck(ServiceContext context) =>
        new(
            "/api/healthz passes",
            $$"""
            body=$({{ShellSnippets.HttpGet($"http://127.0.0.1:{Port}/api/healthz")}}) || exit 1
            printf '%s' "$body" | grep -Eq '"status": *"pass"' || { echo "/api/healthz answered: $body" >&2; exit 1; }
            """
        );

    public override IReadOnlyList<int> MetricsPorts(ServiceContext context) => [Port];
}
