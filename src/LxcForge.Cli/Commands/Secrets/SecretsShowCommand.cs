using System.ComponentModel;
using LxcForge.Cli.Commands.Deploy;
using LxcForge.Cli.Infrastructure;
using Spectre.Console.Cli;

namespace LxcForge.Cli.Commands.Secrets;

public sealed class SecretsShowSettings : GlobalSettings
{
    [CommandArgument(0, "<SERVICE>")]
    [Description("The service (or replica, NAME-N) whose generated credentials to print")]
    public string Service { get; init; } = "";
}

/// <summary>
/// <c>lxcforge secrets show SERVICE</c>: the credentials deploy generated for a service on the host (root
/// password, application passwords), from the local state file. The only command that prints secrets.
/// </summary>
public sealed class SecretsShowCommand(CliConsole io) : LxcForgeCommand<SecretsShowSettings>(io)
{
    protected override Task<int> RunAsync(SecretsShowSettings settings, CancellationToken cancellationToken)
    {
        var host = DeploySession.StateKey(Io, settings.Host);
        using var state = DeploySession.OpenState(Io);
        var secrets = state.GetSecrets(host, settings.Service);
        if (secrets.Count == 0)
        {
            var known = state.SecretOwners().Where(o => o.Host == host).Select(o => o.Service).ToList();
            throw new CliException($"no secrets for '{settings.Service}' on {host}" +
                (known.Count > 0 ? $"; services with secrets there: {string.Join(", ", known)}" : "; deploy it first (lxcforge deploy " + settings.Service + ")"));
        }

        Output.Result(new { Host = host, settings.Service, Secrets = secrets }, o => o.Table(["Name", "Value"], secrets.Select(kv => (IReadOnlyList<string>)[kv.Key, kv.Value])));
        return Task.FromResult(ExitCodes.Ok);
    }
}
