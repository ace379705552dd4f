using System.ComponentModel;
using LxcForge.Cli.Hosting;
using LxcForge.Cli.Infrastructure;
using Spectre.Console.Cli;

namespace LxcForge.Cli.Commands.Secrets;

public sealed class SecretsShowSettings : HostSettings
{
    [CommandArgument(0, "<SERVICE>")]
    [Description("The service (or replica, NAME-N) whose generated credentials to print")]
    public string Service { get; init; } = "";
}

/// <summary>
/// <c>lxcforge secrets show SERVICE</c>: the credentials deploy generated for a service on the host (root
/// password, application passwords), from the local state file. The only command that prints secrets. It connects
/// to learn which host it is (the state is kept under the host's identity, not under the address typed).
/// </summary>
public sealed class SecretsShowCommand(CliConsole io) : HostCommand<SecretsShowSettings>(io)
{
    protected override Task<int> RunOnHostAsync(SecretsShowSettings settings, CancellationToken cancellationToken)
    {
        var host = Session.DisplayName;
        var secrets = State.GetSecrets(settings.Service);
        if (secrets.Count == 0)
        {
            var known = State.ServicesWithSecrets();
            throw new CliException(
                $"no secrets for '{settings.Service}' on {host}"
                    + (
                        known.Count > 0
                            ? $"; services with secrets there: {string.Join(", ", known)}"
                            : "; deploy it first (lxcforge deploy " + settings.Service + ")"
                    )
            );
        }

        Output.Result(
            new
            {
                Host = host,
                settings.Service,
                Secrets = secrets,
            },
            o => o.Table(["Name", "Value"], secrets.Select(kv => (IReadOnlyList<string>)[kv.Key, kv.Value]))
        );
        return Task.FromResult(ExitCodes.Ok);
    }
}
