namespace LxcForge.Core.Catalog.Services;

/// <summary>Nginx Proxy Manager: nothing to configure beyond root. Check: the admin UI on port 81 answers.</summary>
public sealed class NginxProxyManager() : WebUiService(81, "the admin UI")
{
    public override ServiceDefinition Definition { get; } =
        new()
        {
            Key = "nginxproxymanager",
            DisplayName = "Nginx Proxy Manager",
            Script = "ct/nginxproxymanager.sh",
            InstallScript = "install/nginxproxymanager-install.sh",
            Cores = 2,
            MemoryMb = 2048,
            DiskGb = 8,
            Tags = ["proxy"],
            Ports = [81, 80, 443],
            TemplateCtid = 907,
            ServiceCtid = 207,
            ServiceIp = "10.0.30.80",
            ServiceHostname = "nginx-proxy-manager",
        };
}
