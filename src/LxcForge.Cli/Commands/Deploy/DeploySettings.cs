using System.ComponentModel;
using LxcForge.Cli.Commands.Shared;
using Spectre.Console.Cli;

namespace LxcForge.Cli.Commands.Deploy;

/// <summary><c>deploy</c>: which services, on which host, how many at once.</summary>
public sealed class DeploySettings : PlanSettings
{
    [CommandOption("--parallel <N>")]
    [Description(
        "Containers worked on at once (default: the online nodes' CPU cores, at least one per node and container storage, at least 2); clones reading one storage take turns whatever N is"
    )]
    public int? Parallel { get; init; }
}
