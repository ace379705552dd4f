namespace LxcForge.Simulator.NodeCli.Syntax;

/// <summary>
/// A usage error found while reading the command line, printed as the Proxmox CLI handler prints it:
/// any Getopt warnings, <c>400 &lt;message&gt;</c>, then the subcommand's synopsis; exit 255.
/// </summary>
internal sealed class CliUsageException(string message, IReadOnlyList<string>? warnings = null) : Exception(message)
{
    public IReadOnlyList<string> Warnings { get; } = warnings ?? [];
}

/// <summary>
/// Parameter errors: <c>400 Parameter verification failed.</c>, one <c>param: message</c> line each, then the synopsis; exit 255.
/// </summary>
internal sealed class CliParameterException(IReadOnlyDictionary<string, string> errors) : Exception("Parameter verification failed.")
{
    public IReadOnlyDictionary<string, string> Errors { get; } = errors;

    public static CliParameterException For(string parameter, string message) => new(new Dictionary<string, string> { [parameter] = message });
}

/// <summary>A plain <c>die</c> in the tool's own code: the message goes to stderr and the tool exits 255.</summary>
internal sealed class CliDieException(string message) : Exception(message);
