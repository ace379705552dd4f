using LxcForge.Lxc.Config;
using LxcForge.Lxc.Tools;

namespace LxcForge.Lxc;

/// <summary>What this machine lacks for plain-LXC containers, in words a user can act on.</summary>
public static class Preflight
{
    /// <summary>Every missing prerequisite; empty when LXC is usable. <paramref name="needDebootstrap"/> adds building OS templates.</summary>
    public static IReadOnlyList<string> Problems(bool needDebootstrap)
    {
        var problems = new List<string>();
        if (!OperatingSystem.IsLinux())
            problems.Add("LXC needs Linux");
        else if (!Environment.IsPrivilegedProcess)
            problems.Add("LxcForge must run as root for plain LXC (sudo lxcforge …)");
        foreach (var tool in new[] { "lxc-start", "lxc-stop", "lxc-attach", "lxc-info", "lxc-ls", "lxc-wait" })
        {
            if (!ToolLocator.Exists(tool))
            {
                problems.Add("the lxc tools are not installed (apt-get install lxc)");
                break;
            }
        }

        if (needDebootstrap && !ToolLocator.Exists("debootstrap"))
            problems.Add("debootstrap is not installed (apt-get install debootstrap), so no Debian OS template can be built");
        return problems;
    }

    /// <summary>Warnings that do not stop LXC but limit it (unprivileged containers need root's subordinate ids).</summary>
    public static IReadOnlyList<string> Warnings() =>
        IdRange.ForRoot("/etc/subuid") is null || IdRange.ForRoot("/etc/subgid") is null
            ? ["root has no subordinate id range, so only privileged containers work (add 'root:100000:65536' to /etc/subuid and /etc/subgid)"]
            : [];
}
