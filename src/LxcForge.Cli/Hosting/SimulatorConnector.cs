using LxcForge.Cli.Infrastructure;

namespace LxcForge.Cli.Hosting;

/// <summary>Starts the simulator in process for <c>sim://NAME</c> and <c>sim://</c> and connects the API backend to it.</summary>
internal static class SimulatorConnector
{
    public static Task<HostConnection> ConnectAsync(HostAddress address, string? statePath, List<string> notices, bool sshGiven, CancellationToken cancellationToken) =>
        throw new CliException($"--host {address.Text}: the simulator engine is not part of this build yet");
}
