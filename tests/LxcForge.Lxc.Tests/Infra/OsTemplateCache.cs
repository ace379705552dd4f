using System.Security.Cryptography;
using System.Text;
using LxcForge.Lxc.Templates;

namespace LxcForge.Lxc.Tests.Infra;

/// <summary>
/// Debian OS templates built with debootstrap once per machine and kept under /var/cache/lxcforge-test/, keyed by
/// suite and package list. Concurrent test processes wait for one another's build (an flock per key).
/// </summary>
public static class OsTemplateCache
{
    private const string Root = "/var/cache/lxcforge-test";
    private const string Mirror = "http://deb.debian.org/debian";

    /// <summary>The small template the contract suite uses: minbase plus an init.</summary>
    public static Task<string> MinimalAsync() => GetAsync("bookworm", []);

    /// <summary>The template the end-to-end fleet is cloned from: Debian 12 with the PostgreSQL and Redis servers.</summary>
    public static Task<string> DatabasesAsync() => GetAsync("bookworm", ["postgresql", "redis-server"]);

    private static readonly SemaphoreSlim InProcess = new(1, 1);

    /// <summary>The cached tarball's path, building it first when absent.</summary>
    public static async Task<string> GetAsync(string suite, IReadOnlyList<string> packages)
    {
        var all = DebootstrapBuilder.BasePackages.Concat(packages).Distinct().Order(StringComparer.Ordinal).ToList();
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{suite}|{string.Join(',', all)}")))[..16];
        var path = Path.Combine(Root, key, $"debian-{suite}-{key}.tar.zst");
        if (File.Exists(path))
            return path;

        await InProcess.WaitAsync();
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var machineLock = await AcquireAsync(Path.Combine(Root, key + ".lock"));
            if (!File.Exists(path))
            {
                File.WriteAllText(Path.Combine(Root, key, "packages.txt"), $"{suite}: {string.Join(' ', all)}\n");
                await DebootstrapBuilder.BuildAsync(suite, packages, path, Mirror, CancellationToken.None);
            }

            return path;
        }
        finally
        {
            InProcess.Release();
        }
    }

    /// <summary>Waits (with back-off, up to 30 minutes) for another process's build of the same key.</summary>
    private static async Task<FileStream> AcquireAsync(string path)
    {
        var deadline = DateTime.UtcNow.AddMinutes(30);
        var delay = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(delay);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 2000));
            }
        }
    }
}
