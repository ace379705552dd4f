using LxcForge.Proxmox.Shell.Runners;
using LxcForge.Proxmox.Shell.Ssh;

namespace LxcForge.Proxmox.Shell;

/// <summary>
/// Makes the pct shell backend from a <c>--host</c> value: <c>local</c> (LxcForge runs on the Proxmox node) or
/// <c>ssh://[user@]host[:port]</c> (key or ssh-agent auth, known_hosts checked).
/// </summary>
public static class ShellHostFactory
{
    /// <summary>True for the <c>--host</c> forms this factory handles.</summary>
    public static bool Handles(string address) => address == "local" || address.StartsWith("ssh://", StringComparison.Ordinal);

    /// <param name="ssh">Applied to an ssh:// address: identity files, known_hosts file, accept-new opt-in.</param>
    public static PctShellHost Create(string address, Func<SshTarget, SshTarget>? ssh = null, PctShellHostOptions? options = null)
    {
        ICommandRunner runner = address switch
        {
            "local" => new LocalCommandRunner(),
            _ when address.StartsWith("ssh://", StringComparison.Ordinal) => new SshCommandRunner((ssh ?? (t => t))(SshTarget.Parse(address))),
            _ => throw new FormatException($"'{address}' is not a shell host: use 'local' or 'ssh://root@HOST[:PORT]'"),
        };
        return new PctShellHost(runner, options);
    }
}
