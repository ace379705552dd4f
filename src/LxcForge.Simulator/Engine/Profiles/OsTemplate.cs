namespace LxcForge.Simulator.Engine.Profiles;

/// <summary>An OS template the appliance index offers (<c>pveam available</c>), with the sizes the time model streams.</summary>
public sealed record OsTemplate(string Section, string Package, string Version, string Os, string Headline)
{
    /// <summary>The compressed archive's size (what a download writes and a create reads).</summary>
    public long ArchiveBytes { get; init; } = 120L << 20;

    /// <summary>What the unpacked root filesystem occupies (what a create writes).</summary>
    public long UnpackedBytes { get; init; } = 480L << 20;

    public string FileName => $"{Package}_{Version}_amd64.tar.zst";

    /// <summary>The <c>ostype</c> Proxmox detects from the archive.</summary>
    public string OsType => Os.Split('-')[0];

    public static OsTemplate Debian12 { get; } =
        new("system", "debian-12-standard", "12.12-1", "debian-12", "Debian 12 Bookworm (standard)") { ArchiveBytes = 126L << 20, UnpackedBytes = 520L << 20 };

    public static OsTemplate Debian13 { get; } =
        new("system", "debian-13-standard", "13.1-2", "debian-13", "Debian 13 Trixie (standard)") { ArchiveBytes = 131L << 20, UnpackedBytes = 560L << 20 };

    public static IReadOnlyList<OsTemplate> Catalogue { get; } =
    [
        new("system", "alpine-3.22-default", "20250617", "alpine-3.22", "Alpine Linux 3.22") { ArchiveBytes = 3L << 20, UnpackedBytes = 9L << 20 },
        Debian12,
        Debian13,
        new("system", "ubuntu-24.04-standard", "24.04-2", "ubuntu-24.04", "Ubuntu 24.04 Noble (standard)")
        {
            ArchiveBytes = 141L << 20,
            UnpackedBytes = 610L << 20,
        },
    ];
}
