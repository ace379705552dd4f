using LxcForge.Core.Hosting;

namespace LxcForge.Core.Ownership;

/// <summary>
/// What tells one container from another put at the same CTID: its net0 MAC (a clone, and a restore with
/// <c>unique</c>, get a new one) and its marker's per-container id. Configured marks are bound to it, so a
/// replacement made by any path — LxcForge's or a person's — is configured again.
/// </summary>
public static class ContainerIdentity
{
    public static string Of(ContainerInfo info) =>
        $"{info.Config.Net(0)?.HardwareAddress?.ToUpperInvariant() ?? "-"}/{Marker.Read(info.Config.Description).Id ?? "-"}";
}
