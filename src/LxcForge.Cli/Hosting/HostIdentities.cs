using LxcForge.Cli.Infrastructure;
using LxcForge.Core.Hosting;

namespace LxcForge.Cli.Hosting;

/// <summary>The key a connected host's state is kept under: what the host says it is (<see cref="IContainerHost.GetIdentityAsync"/>).</summary>
internal static class HostIdentities
{
    public static async Task<string> ResolveAsync(HostConnection connection, HostAddress address, CancellationToken cancellationToken)
    {
        try
        {
            return await connection.Host.GetIdentityAsync(cancellationToken);
        }
        catch (HostException e)
        {
            // Without its identity the host's state cannot be found: stop before anything is done under a wrong key.
            throw new CliException(
                $"--host {address.Text}: cannot tell which host this is: {e.Message}",
                ExitCodes.For(e) == ExitCodes.StepFailed ? ExitCodes.StepFailed : ExitCodes.HostUnreachable
            );
        }
    }
}
