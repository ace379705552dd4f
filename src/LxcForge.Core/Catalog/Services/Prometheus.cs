using System.Globalization;
using System.Text;

namespace LxcForge.Core.Catalog.Services;

/// <summary>
/// Prometheus: a scrape configuration listing itself and every exporter of the fleet (the metrics ports of
/// the catalogue's services plus each service's <c>metrics</c> setting, e.g. <c>9100,9187</c>), checked by
/// promtool where present. Check: <c>/-/ready</c>.
/// </summary>
public sealed class Prometheus : BuiltInService
{
    private const int Port = 9090;

    public override ServiceDefinition Definition { get; } =
        new()
        {
            Key = "prometheus",
            DisplayName = "Prometheus",
            Script = "ct/prometheus.sh",
            InstallScript = "install/prometheus-install.sh",
            Cores = 1,
            MemoryMb = 2048,
            DiskGb = 4,
            Tags = ["monitoring"],
            Ports = [9090],
            TemplateCtid = 906,
            ServiceCtid = 206,
            ServiceIp = "10.0.30.70",
            ServiceHostname = "prometheus",
        };

    public override ServiceScript ReadyProbe(ServiceContext context) =>
        new("Prometheus answers on 9090", ShellSnippets.HttpAnswers($"http://127.0.0.1:{Port}/-/ready"));

    public override IReadOnlyList<ServiceScript> Configure(ServiceContext context) =>
        [
            new(
                "scrape configuration for the fleet",
                $$"""
                set -eu
                conf={{ShellSnippets.QuotedPath(context.Setting("config", "/etc/prometheus/prometheus.yml"), "config")}}
                mkdir -p "$(dirname "$conf")"
                cat > "$conf.lxcforge" <<'YAML'
                {{ScrapeConfig(context)}}
                YAML
                if command -v promtool >/dev/null 2>&1; then promtool check config "$conf.lxcforge" >/dev/null; fi
                mv "$conf.lxcforge" "$conf"
                {{ShellSnippets.Restart("prometheus")}}
                """
            ),
        ];

    public override ServiceScript HealthCheck(ServiceContext context) =>
        new("/-/ready answers", ShellSnippets.HttpGet($"http://127.0.0.1:{Port}/-/ready") + " >/dev/null");

    /// <summary>The YAML: one job for Prometheus itself and one per fleet service that exposes metrics.</summary>
    public static string ScrapeConfig(ServiceContext context)
    {
        var yaml = new StringBuilder(
            """
            # managed by lxcforge: Prometheus itself and the fleet's exporters
            global:
              scrape_interval: 15s
            scrape_configs:
              - job_name: prometheus
                static_configs:
                  - targets: ['localhost:9090']
            """
        );
        foreach (var (service, targets) in Exporters(context))
        {
            yaml.Append(
                CultureInfo.InvariantCulture,
                $"\n  - job_name: {service}\n    static_configs:\n      - targets: [{string.Join(", ", targets.Select(t => $"'{t}'"))}]"
            );
        }

        return yaml.ToString();
    }

    private static IEnumerable<(string Service, IReadOnlyList<string> Targets)> Exporters(ServiceContext context)
    {
        foreach (var other in context.FleetContainers.Where(c => c.Ctid != context.Container.Ctid))
        {
            var otherContext = context with { Container = other };
            var ports = (other.CatalogKey is { } key && ServiceRegistry.Find(key) is { } recipe ? recipe.MetricsPorts(otherContext) : [])
                .Concat(ExtraPorts(otherContext))
                .Distinct()
                .ToList();
            if (ports.Count > 0)
                yield return (other.Name, ports.Select(p => $"{other.Ip}:{p.ToString(CultureInfo.InvariantCulture)}").ToList());
        }
    }

    private static IEnumerable<int> ExtraPorts(ServiceContext context) =>
        context
            .Setting("metrics", "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p =>
                int.TryParse(p, NumberStyles.Integer, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
                    ? port
                    : throw new ArgumentException($"services.{context.Container.Service.Name}.settings.metrics: '{p}' is not a port")
            );
}
