using LxcForge.Processes;

namespace LxcForge.Simulator.Engine.Exec;

/// <summary>
/// Per-container sandbox roots standing for the containers' root filesystems: a busybox root with
/// /etc, /tmp and /root. Made on first use (an exec, a backup), copied by clone, archived by vzdump.
/// Host processes (cp, tar) are awaited, never waited on, so workers do not starve the thread pool.
/// </summary>
internal sealed class SandboxManager(string directory) : IDisposable
{
    private const string HostBusybox = "/bin/busybox";
    private static readonly Lazy<Task<string[]>> Applets = new(ListAppletsAsync);
    private readonly SemaphoreSlim _lock = new(1, 1);

    public string Directory { get; } = directory;

    public string Root(int vmid) => Path.Combine(Directory, vmid.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Makes the sandbox of <paramref name="vmid"/> if it does not exist yet; returns its root.</summary>
    public async Task<string> EnsureAsync(int vmid, string hostname, string? ostype)
    {
        var root = Root(vmid);
        if (System.IO.Directory.Exists(root))
            return root;
        var applets = await Applets.Value;
        await _lock.WaitAsync();
        try
        {
            if (!System.IO.Directory.Exists(root))
            {
                var building = root + ".new";
                DeleteTree(building);
                Populate(building, hostname, ostype ?? "debian", applets);
                System.IO.Directory.Move(building, root);
            }
        }
        finally
        {
            _lock.Release();
        }

        return root;
    }

    /// <summary>Rewrites /etc/hostname and /etc/hosts, as Proxmox does at every start.</summary>
    public void WriteIdentity(int vmid, string hostname) =>
        Locked(() =>
        {
            var etc = Path.Combine(Root(vmid), "etc");
            if (!System.IO.Directory.Exists(etc))
                return;
            File.WriteAllText(Path.Combine(etc, "hostname"), hostname + "\n");
            File.WriteAllText(Path.Combine(etc, "hosts"), $"127.0.0.1 localhost\n127.0.1.1 {hostname}\n");
        });

    /// <summary>Deletes the sandbox and its snapshots.</summary>
    public void Delete(int vmid) =>
        Locked(() =>
        {
            DeleteTree(Root(vmid));
            if (!System.IO.Directory.Exists(Directory))
                return;
            foreach (var snap in System.IO.Directory.GetDirectories(Directory, $"{vmid}@*"))
                DeleteTree(snap);
        });

    /// <summary>Copies <paramref name="from"/>'s sandbox (if it has one) to <paramref name="to"/>, replacing any.</summary>
    public Task CopyAsync(int from, int to) => LockedAsync(() => CopyTreeAsync(Root(from), Root(to)));

    public Task SaveSnapshotAsync(int vmid, string name) => LockedAsync(() => CopyTreeAsync(Root(vmid), SnapshotRoot(vmid, name)));

    /// <summary>Puts the sandbox back as it was at snapshot <paramref name="name"/>.</summary>
    public Task RollbackAsync(int vmid, string name) =>
        LockedAsync(() =>
        {
            DeleteTree(Root(vmid));
            return CopyTreeAsync(SnapshotRoot(vmid, name), Root(vmid));
        });

    public void DeleteSnapshot(int vmid, string name) => Locked(() => DeleteTree(SnapshotRoot(vmid, name)));

    /// <summary>Writes the sandbox as a tar archive (an empty archive when it has none).</summary>
    public async Task ArchiveAsync(int vmid, string archive, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(archive)!);
        var root = Root(vmid);
        var source = System.IO.Directory.Exists(root) ? root : System.IO.Directory.CreateTempSubdirectory("lxcforge-empty-").FullName;
        var (code, _, err) = await ProcessRunner.RunAsync(new ProcessRequest("tar", ["-C", source, "-cf", archive, "."]), cancellationToken);
        if (source != root)
            DeleteTree(source);
        if (code != 0)
            throw new IOException($"tar failed: {err.Trim()}");
    }

    /// <summary>Replaces the sandbox of <paramref name="vmid"/> with the contents of <paramref name="archive"/>.</summary>
    public async Task ExtractAsync(string archive, int vmid, CancellationToken cancellationToken)
    {
        var root = Root(vmid);
        var building = root + ".restore";
        DeleteTree(building);
        System.IO.Directory.CreateDirectory(building);
        var (code, _, err) = await ProcessRunner.RunAsync(new ProcessRequest("tar", ["-C", building, "-xf", archive]), cancellationToken);
        if (code != 0)
            throw new IOException($"tar failed: {err.Trim()}");
        Locked(() =>
        {
            DeleteTree(root);
            if (System.IO.Directory.EnumerateFileSystemEntries(building).Any())
                System.IO.Directory.Move(building, root);
            else
                DeleteTree(building);
        });
    }

    /// <summary>Makes <paramref name="target"/> a copy of <paramref name="source"/> (sandboxes and archives), replacing it.</summary>
    public static async Task MirrorAsync(string source, string target)
    {
        var staging = target + ".saving";
        DeleteTree(staging);
        if (System.IO.Directory.Exists(source))
            await CopyTreeAsync(source, staging);
        else
            System.IO.Directory.CreateDirectory(staging);
        DeleteTree(target);
        System.IO.Directory.Move(staging, target);
    }

    public void Dispose() => _lock.Dispose();

    public static void DeleteTree(string path)
    {
        if (!System.IO.Directory.Exists(path))
            return;
        try
        {
            System.IO.Directory.Delete(path, recursive: true);
        }
        catch (UnauthorizedAccessException)
        {
            // chmod'ed files inside (a command made them read-only): clear the flags and try again.
            foreach (var f in new DirectoryInfo(path).EnumerateFileSystemInfos("*", SearchOption.AllDirectories))
                f.Attributes = FileAttributes.Normal;
            System.IO.Directory.Delete(path, recursive: true);
        }
    }

    private string SnapshotRoot(int vmid, string name) => Root(vmid) + "@" + name;

    private static async Task CopyTreeAsync(string from, string to)
    {
        if (!System.IO.Directory.Exists(from))
            return;
        DeleteTree(to);
        var (code, _, err) = await ProcessRunner.RunAsync(new ProcessRequest("cp", ["-a", from, to]));
        if (code != 0)
            throw new IOException($"copying sandbox {from} to {to} failed: {err.Trim()}");
    }

    private void Locked(Action action)
    {
        _lock.Wait();
        try
        {
            action();
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task LockedAsync(Func<Task> action)
    {
        await _lock.WaitAsync();
        try
        {
            await action();
        }
        finally
        {
            _lock.Release();
        }
    }

    private static void Populate(string root, string hostname, string ostype, string[] applets)
    {
        foreach (var dir in new[] { "bin", "sbin", "usr/bin", "usr/sbin", "etc", "root", "tmp", "proc", "dev", "run", "home", "var/log", "var/tmp", "var/lib" })
            System.IO.Directory.CreateDirectory(Path.Combine(root, dir));
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(Path.Combine(root, "tmp"), (UnixFileMode)0x3FF | UnixFileMode.StickyBit);
        File.Copy(HostBusybox, Path.Combine(root, "bin", "busybox"));
        foreach (var applet in applets)
        {
            var link = Path.Combine(root, "bin", applet);
            if (!File.Exists(link))
                File.CreateSymbolicLink(link, "busybox");
        }

        var etc = Path.Combine(root, "etc");
        File.WriteAllText(Path.Combine(etc, "hostname"), hostname + "\n");
        File.WriteAllText(Path.Combine(etc, "hosts"), $"127.0.0.1 localhost\n127.0.1.1 {hostname}\n");
        File.WriteAllText(Path.Combine(etc, "passwd"), "root:x:0:0:root:/root:/bin/sh\n");
        File.WriteAllText(Path.Combine(etc, "group"), "root:x:0:\n");
        File.WriteAllText(
            Path.Combine(etc, "os-release"),
            $"ID={ostype}\nNAME=\"{ostype} (LxcForge simulator sandbox)\"\nPRETTY_NAME=\"{ostype} (simulated)\"\n"
        );
        File.WriteAllText(Path.Combine(etc, "machine-id"), Guid.NewGuid().ToString("N") + "\n");
    }

    private static async Task<string[]> ListAppletsAsync()
    {
        if (!File.Exists(HostBusybox))
            throw new InvalidOperationException($"the simulator's exec sandbox needs {HostBusybox} (install the busybox-static package)");
        var (code, output, err) = await ProcessRunner.RunAsync(new ProcessRequest(HostBusybox, ["--list"]));
        return code == 0
            ? output
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(a => a != "busybox" && !a.Contains('/'))
                .ToArray()
            : throw new InvalidOperationException($"{HostBusybox} --list failed: {err.Trim()}");
    }
}
