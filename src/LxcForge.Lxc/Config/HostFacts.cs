namespace LxcForge.Lxc.Config;

/// <summary>What the config translation needs to know about the machine: cgroup layout, CPUs, the root id range.</summary>
/// <param name="CgroupV2Memory">True when the memory controller is on the unified (v2) hierarchy.</param>
/// <param name="HasSwapAccounting">v1 only: whether <c>memory.memsw.limit_in_bytes</c> exists.</param>
/// <param name="IdMap">root's subordinate id range from /etc/subuid and /etc/subgid; null when none is delegated.</param>
public sealed record HostFacts(bool CgroupV2Memory, bool HasSwapAccounting, int HostCpus, IdRange? IdMap, string LxcConfigDir)
{
    public static HostFacts Detect()
    {
        var v2 =
            File.Exists("/sys/fs/cgroup/cgroup.controllers")
            && File.ReadAllText("/sys/fs/cgroup/cgroup.controllers").Split(' ', StringSplitOptions.TrimEntries).Contains("memory");
        var swap = v2 || File.Exists("/sys/fs/cgroup/memory/memory.memsw.limit_in_bytes");
        var uid = IdRange.ForRoot("/etc/subuid");
        var gid = IdRange.ForRoot("/etc/subgid");
        var map = uid is not null && gid is not null && uid == gid ? uid : null;
        return new HostFacts(v2, swap, Environment.ProcessorCount, map, "/usr/share/lxc/config");
    }
}

/// <summary>A subordinate id range: host ids <c>Start</c>..<c>Start+Count-1</c> stand for container ids 0..Count-1.</summary>
public sealed record IdRange(long Start, long Count)
{
    /// <summary>root's first range of at least 65536 ids in a subuid/subgid file, or null.</summary>
    public static IdRange? ForRoot(string file)
    {
        if (!File.Exists(file))
            return null;
        foreach (var line in File.ReadAllLines(file))
        {
            var parts = line.Split(':');
            if (
                parts.Length == 3
                && parts[0] is ("root" or "0")
                && long.TryParse(parts[1], out var start)
                && long.TryParse(parts[2], out var count)
                && count >= 65536
            )
                return new IdRange(start, 65536);
        }

        return null;
    }
}
