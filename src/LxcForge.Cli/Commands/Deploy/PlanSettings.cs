using System.ComponentModel;
using LxcForge.Cli.Hosting;
using Spectre.Console.Cli;

namespace LxcForge.Cli.Commands.Deploy;

/// <summary><c>plan</c> and <c>deploy</c>: which services, on which host.</summary>
public class PlanSettings : HostSettings
{
    [CommandArgument(0, "[SERVICE]")]
    [Description("Services (or replicas, NAME-N) to plan; none = all")]
    public string[] Services { get; init; } = [];

    [CommandOption("--all")]
    [Description("Every service in the spec")]
    public bool All { get; init; }
}

public sealed class DeploySettings : PlanSettings
{
    [CommandOption("--parallel <N>")]
    [Description("Containers worked on at once (default: the online nodes' CPU cores, at least one per node and container storage, at least 2); clones reading one storage take turns whatever N is")]
    public int? Parallel { get; init; }
}
