using LxcForge.Cli.Commands.DayTwo;
using LxcForge.Cli.Hosting;
using LxcForge.Cli.Infrastructure;
using LxcForge.Core.Execution;
using LxcForge.Core.Spec;

namespace LxcForge.Cli.Commands.Deploy;

/// <summary>What plan, deploy and the commands that re-apply the spec share: the host session, the selected services, the deployer.</summary>
internal sealed class DeploySession
{
    private DeploySession(HostSession host, Deployer deployer, IReadOnlyList<string> only)
    {
        Host = host;
        Deployer = deployer;
        Only = only;
    }

    public HostSession Host { get; }

    public Deployer Deployer { get; }

    /// <summary>Instance names selected; empty = all.</summary>
    public IReadOnlyList<string> Only { get; }

    /// <param name="services">The services (or replicas) named; none with <paramref name="all"/> (or, unless <paramref name="requireSelection"/>, none at all) = every one.</param>
    public static DeploySession Create(HostSession host, FleetSpec spec, IReadOnlyList<string> services, bool all, bool requireSelection, int? parallel = null)
    {
        all = all || (!requireSelection && services.Count == 0);
        var only = all ? [] : ServiceSelection.Instances(spec, services, all: false).Select(i => i.Name).ToList();
        if (parallel is < 1)
            throw new CliException($"--parallel {parallel}: must be 1 or more");
        var deployer = new Deployer(host.Host, host.State, TimeProvider.System, new DeployOptions { Parallel = parallel });
        return new DeploySession(host, deployer, only);
    }
}
