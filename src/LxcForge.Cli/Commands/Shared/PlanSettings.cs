using System.ComponentModel;
using LxcForge.Cli.Hosting;
using Spectre.Console.Cli;

namespace LxcForge.Cli.Commands.Shared;

/// <summary><c>plan</c>, <c>deploy</c> and the day-two verbs that name services: which services, on which host.</summary>
public class PlanSettings : HostSettings
{
    [CommandArgument(0, "[SERVICE]")]
    [Description("Services (or replicas, NAME-N) to plan; none = all")]
    public string[] Services { get; init; } = [];

    [CommandOption("--all")]
    [Description("Every service in the spec")]
    public bool All { get; init; }
}
