using System.Globalization;
using LxcForge.Core.Hosting;
using LxcForge.Lxc.Tools;
using LxcForge.Testing.Contract;

namespace LxcForge.Lxc.Tests.Contract;

/// <summary>
/// The contract's independent view of a plain-LXC host: LXC's own answers (<c>lxc-info</c>) and the files on disk,
/// read here without the backend's translation code.
/// </summary>
public sealed class LxcFilesView(string lxcPath, string storageRoot, CommandRunner namespaceRunner) : IContractView
{
    public Task<ContainerConfig?> ReadConfigAsync(int vmid)
    {
        var dir = Path.Combine(lxcPath, vmid.ToString(CultureInfo.InvariantCulture));
        if (!File.Exists(Path.Combine(dir, "config")))
            return Task.FromResult<ContainerConfig?>(null);
        var values = new Dictionary<string, string>();
        var side = Path.Combine(dir, "lxcforge.conf");
        if (File.Exists(side))
        {
            foreach (var (key, value) in ContainerConfig.ParsePctText(File.ReadAllText(side)).Values)
                values[key] = value;
        }

        foreach (var line in File.ReadAllLines(Path.Combine(dir, "config")))
        {
            var parts = line.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2)
                continue;
            if (parts[0] == "lxc.uts.name")
                values["hostname"] = parts[1];
            if (parts[0] is "lxc.cgroup.memory.limit_in_bytes" or "lxc.cgroup2.memory.max")
                values["memory"] = (long.Parse(parts[1], CultureInfo.InvariantCulture) / (1024 * 1024)).ToString(CultureInfo.InvariantCulture);
        }

        return Task.FromResult<ContainerConfig?>(new ContainerConfig(values));
    }

    public async Task<ContainerStatus?> ReadStatusAsync(int vmid)
    {
        var name = vmid.ToString(CultureInfo.InvariantCulture);
        if (!File.Exists(Path.Combine(lxcPath, name, "config")))
            return null;
        var result = await namespaceRunner.RunAsync(["lxc-info", "-P", lxcPath, "-n", name, "-s", "-H"], TimeSpan.FromSeconds(30), CancellationToken.None);
        return result.StandardOutput.Trim() == "RUNNING" ? ContainerStatus.Running : ContainerStatus.Stopped;
    }

    public Task SetLockAsync(int vmid, string? lockValue)
    {
        var side = Path.Combine(lxcPath, vmid.ToString(CultureInfo.InvariantCulture), "lxcforge.conf");
        var lines = File.ReadAllLines(side).Where(l => !l.StartsWith("lock: ", StringComparison.Ordinal)).ToList();
        if (lockValue is not null)
            lines.Add($"lock: {lockValue}");
        File.WriteAllLines(side, lines);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> ListBackupVolumesAsync(string storage)
    {
        var dump = Path.Combine(storageRoot, storage, "dump");
        IReadOnlyList<string> list = Directory.Exists(dump)
            ? Directory
                .GetFiles(dump, "vzdump-lxc-*")
                .Where(f => !f.EndsWith(".notes", StringComparison.Ordinal) && !f.EndsWith(".protected", StringComparison.Ordinal))
                .Select(f => $"{storage}:backup/{Path.GetFileName(f)}")
                .ToList()
            : [];
        return Task.FromResult(list);
    }
}
