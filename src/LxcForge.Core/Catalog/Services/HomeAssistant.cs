namespace LxcForge.Core.Catalog.Services;

/// <summary>Home Assistant (the community script's Docker "HA Container"): nothing to configure beyond root. Check: 8123 answers.</summary>
public sealed class HomeAssistant() : WebUiService(8123, "Home Assistant")
{
    public override ServiceDefinition Definition { get; } =
        new()
        {
            Key = "homeassistant",
            DisplayName = "Home Assistant",
            Script = "ct/homeassistant.sh",
            InstallScript = "install/homeassistant-install.sh",
            Cores = 2,
            MemoryMb = 2048,
            DiskGb = 16,
            Tags = ["automation", "smarthome", "docker"],
            Ports = [8123],
            NeedsNesting = true,
            NeedsKeyctl = true,
            TemplateCtid = 904,
            ServiceCtid = 204,
            ServiceIp = "10.0.30.50",
            ServiceHostname = "homeassistant",
        };
}
