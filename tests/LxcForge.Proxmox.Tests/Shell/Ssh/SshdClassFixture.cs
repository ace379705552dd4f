using LxcForge.Testing.Ssh;

namespace LxcForge.Proxmox.Tests.Shell.Ssh;

/// <summary>One real sshd on 127.0.0.1 for a test class, with a shim directory first on the session's PATH.</summary>
public sealed class SshdClassFixture : IAsyncLifetime
{
    private SshdServer? _server;

    public SshdServer Server => _server ?? throw new InvalidOperationException(SshdServer.UnavailableReason ?? "sshd did not start");

    public string ShimDirectory { get; } = Path.Combine(Path.GetTempPath(), "lxcforge-ssh-shims-" + Guid.NewGuid().ToString("N")[..8]);

    public async Task InitializeAsync()
    {
        if (SshdServer.UnavailableReason is not null)
            return; // the [SshdFact] tests skip and say why
        Directory.CreateDirectory(ShimDirectory);
        _server = await SshdServer.StartAsync(
            pathPrefix: ShimDirectory,
            environment: new Dictionary<string, string> { ["LXCFORGE_SESSION_MARK"] = "from-sshd" }
        );
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
        if (Directory.Exists(ShimDirectory))
            Directory.Delete(ShimDirectory, recursive: true);
    }
}
