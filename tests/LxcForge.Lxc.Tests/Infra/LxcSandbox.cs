using System.Globalization;
using LxcForge.Lxc.Tools;

namespace LxcForge.Lxc.Tests.Infra;

/// <summary>
/// One test's own LXC world: a fresh container directory (its own lxcpath and storages) whose LXC commands run
/// inside the shared <see cref="PrivateNetwork"/>. Disposing kills its containers and deletes everything.
/// </summary>
public sealed class LxcSandbox : IAsyncDisposable
{
    private const string Root = "/var/lib/lxcforge-test";

    private LxcSandbox(string path, PrivateNetwork network, LxcHost host)
    {
        Path = path;
        Network = network;
        Host = host;
    }

    /// <summary>The sandbox directory; <see cref="LxcPath"/> lives inside it.</summary>
    public string Path { get; }

    public string LxcPath => System.IO.Path.Combine(Path, "lxc");

    /// <summary>The address a CLI would use for this sandbox: <c>lxc://PATH</c>.</summary>
    public string Address => "lxc://" + LxcPath;

    public PrivateNetwork Network { get; }

    public LxcHost Host { get; }

    /// <summary>Makes a sandbox and puts <paramref name="osTemplate"/> on its <c>local</c> storage as <paramref name="templateName"/>.</summary>
    public static async Task<LxcSandbox> CreateAsync(string osTemplate, string templateName)
    {
        CleanLeftovers();
        var network = PrivateNetwork.Shared;
        var path = System.IO.Path.Combine(Root, $"{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(path);
        var host = await LxcHost.OpenAsync(new LxcHostOptions { LxcPath = System.IO.Path.Combine(path, "lxc"), CommandPrefix = network.Enter });
        var cache = host.Layout.OsTemplateDir("local");
        Directory.CreateDirectory(cache);
        File.CreateSymbolicLink(System.IO.Path.Combine(cache, templateName), osTemplate);
        return new LxcSandbox(path, network, host);
    }

    public async ValueTask DisposeAsync()
    {
        var runner = Network.Runner;
        foreach (var dir in Directory.Exists(LxcPath) ? Directory.GetDirectories(LxcPath) : [])
        {
            var name = System.IO.Path.GetFileName(dir);
            if (int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                await runner.RunAsync(["lxc-stop", "-P", LxcPath, "-n", name, "-k"], TimeSpan.FromSeconds(60), CancellationToken.None);
        }

        await Host.DisposeAsync();
        await new CommandRunner().RunAsync(["rm", "-rf", "--one-file-system", "--", Path], TimeSpan.FromMinutes(5), CancellationToken.None, inNamespace: false);
    }

    /// <summary>Sandboxes of test processes that no longer run (killed mid-test) are removed.</summary>
    private static void CleanLeftovers()
    {
        if (!Directory.Exists(Root))
            return;
        foreach (var dir in Directory.GetDirectories(Root))
        {
            var pid = System.IO.Path.GetFileName(dir).Split('-')[0];
            if (int.TryParse(pid, CultureInfo.InvariantCulture, out var p) && p != Environment.ProcessId && !Directory.Exists($"/proc/{p}"))
                new CommandRunner()
                    .RunAsync(["rm", "-rf", "--one-file-system", "--", dir], TimeSpan.FromMinutes(5), CancellationToken.None, inNamespace: false)
                    .GetAwaiter()
                    .GetResult();
        }
    }
}
