namespace LxcForge.Core.Catalog;

/// <summary>
/// The nine services of the seed. Resource defaults, tags, ports and stdin answers are the community
/// scripts' own (research: community-scripts §1); CTIDs, IPs and hostnames are the seed's.
/// </summary>
public static class ServiceCatalog
{
    public static IReadOnlyList<ServiceDefinition> All { get; } =
    [
        new()
        {
            Key = "postgresql", DisplayName = "PostgreSQL", Script = "ct/postgresql.sh", InstallScript = "install/postgresql-install.sh",
            Cores = 1, MemoryMb = 1024, DiskGb = 4, Tags = ["database"], Ports = [5432],
            StdinAnswers = ["17", "n"], TemplateCtid = 900, ServiceCtid = 200, ServiceIp = "10.0.30.10", ServiceHostname = "postgresql-db",
        },
        new()
        {
            Key = "redis", DisplayName = "Redis", Script = "ct/redis.sh", InstallScript = "install/redis-install.sh",
            Cores = 1, MemoryMb = 1024, DiskGb = 4, Tags = ["database"], Ports = [6379],
            TemplateCtid = 901, ServiceCtid = 201, ServiceIp = "10.0.30.20", ServiceHostname = "redis-cache",
        },
        new()
        {
            Key = "nextcloud", DisplayName = "Nextcloud", Script = "ct/nextcloudpi.sh", InstallScript = "install/nextcloudpi-install.sh",
            Cores = 2, MemoryMb = 2048, DiskGb = 8, Tags = ["cloud"], Ports = [80, 443],
            StdinAnswers = ["y"], TemplateCtid = 902, ServiceCtid = 202, ServiceIp = "10.0.30.30", ServiceHostname = "nextcloud",
        },
        new()
        {
            Key = "gitea", DisplayName = "Gitea", Script = "ct/gitea.sh", InstallScript = "install/gitea-install.sh",
            Cores = 1, MemoryMb = 1024, DiskGb = 8, Tags = ["git"], Ports = [3000],
            TemplateCtid = 903, ServiceCtid = 203, ServiceIp = "10.0.30.40", ServiceHostname = "gitea",
        },
        new()
        {
            Key = "homeassistant", DisplayName = "Home Assistant", Script = "ct/homeassistant.sh", InstallScript = "install/homeassistant-install.sh",
            Cores = 2, MemoryMb = 2048, DiskGb = 16, Tags = ["automation", "smarthome", "docker"], Ports = [8123],
            NeedsNesting = true, NeedsKeyctl = true, TemplateCtid = 904, ServiceCtid = 204, ServiceIp = "10.0.30.50", ServiceHostname = "homeassistant",
        },
        new()
        {
            Key = "grafana", DisplayName = "Grafana", Script = "ct/grafana.sh", InstallScript = "install/grafana-install.sh",
            Cores = 1, MemoryMb = 512, DiskGb = 4, Tags = ["monitoring", "visualization"], Ports = [3000],
            TemplateCtid = 905, ServiceCtid = 205, ServiceIp = "10.0.30.60", ServiceHostname = "grafana",
        },
        new()
        {
            Key = "prometheus", DisplayName = "Prometheus", Script = "ct/prometheus.sh", InstallScript = "install/prometheus-install.sh",
            Cores = 1, MemoryMb = 2048, DiskGb = 4, Tags = ["monitoring"], Ports = [9090],
            TemplateCtid = 906, ServiceCtid = 206, ServiceIp = "10.0.30.70", ServiceHostname = "prometheus",
        },
        new()
        {
            Key = "nginxproxymanager", DisplayName = "Nginx Proxy Manager", Script = "ct/nginxproxymanager.sh", InstallScript = "install/nginxproxymanager-install.sh",
            Cores = 2, MemoryMb = 2048, DiskGb = 8, Tags = ["proxy"], Ports = [81, 80, 443],
            TemplateCtid = 907, ServiceCtid = 207, ServiceIp = "10.0.30.80", ServiceHostname = "nginx-proxy-manager",
        },
        new()
        {
            Key = "docker", DisplayName = "Docker", Script = "ct/docker.sh", InstallScript = "install/docker-install.sh",
            Cores = 2, MemoryMb = 2048, DiskGb = 4, Tags = ["docker"], Ports = [],
            StdinAnswers = ["n", "n"], NeedsNesting = true, NeedsKeyctl = true,
            TemplateCtid = 908, ServiceCtid = 208, ServiceIp = "10.0.30.90", ServiceHostname = "docker-host",
        },
    ];

    public static ServiceDefinition? Find(string key) => All.FirstOrDefault(d => d.Key == key);
}
