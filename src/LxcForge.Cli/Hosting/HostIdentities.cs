namespace LxcForge.Cli.Hosting;

/// <summary>The key a connected host's state is kept under.</summary>
internal static class HostIdentities
{
    public static Task<string> ResolveAsync(HostConnection connection, HostAddress address, CancellationToken cancellationToken)
    {
        _ = connection;
        _ = cancellationToken;
        return Task.FromResult(address.Text);
    }
}
