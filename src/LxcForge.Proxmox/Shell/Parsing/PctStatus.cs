using LxcForge.Core.Hosting;

namespace LxcForge.Proxmox.Shell.Parsing;

/// <summary>Reads <c>pct status VMID</c>: <c>status: running</c> or <c>status: stopped</c>.</summary>
public static class PctStatus
{
    public static ContainerStatus Parse(string text)
    {
        var line = CliFailure.Lines(text).FirstOrDefault(l => l.StartsWith("status:", StringComparison.Ordinal))
            ?? throw new HostException(HostErrorKind.InvalidRequest, $"unexpected 'pct status' output: '{text.Trim()}'");
        return line["status:".Length..].Trim() switch
        {
            "running" => ContainerStatus.Running,
            "stopped" => ContainerStatus.Stopped,
            var other => throw new HostException(HostErrorKind.InvalidRequest, $"unexpected container status '{other}'"),
        };
    }
}
