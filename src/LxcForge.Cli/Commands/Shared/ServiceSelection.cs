using LxcForge.Cli.Infrastructure;
using LxcForge.Core.Spec;
using LxcForge.Core.Spec.Replicas;

namespace LxcForge.Cli.Commands.Shared;

/// <summary>Turns SERVICE… / --all into the concrete instances (primaries and replicas) a command acts on.</summary>
internal static class ServiceSelection
{
    public static IReadOnlyList<ServiceInstance> Instances(FleetSpec spec, IReadOnlyList<string> names, bool all)
    {
        if (all && names.Count > 0)
            throw new CliException("give service names or --all, not both");
        if (!all && names.Count == 0)
            throw new CliException("name the services, or give --all");
        var instances = ReplicaPlanner.Instances(spec);
        if (all)
            return instances;
        var unknown = names.Where(n => !instances.Any(i => i.Name == n || i.Service.Name == n)).ToList();
        if (unknown.Count > 0)
            throw new CliException(
                $"no service {string.Join(", ", unknown.Select(u => $"'{u}'"))} in the spec; services: {string.Join(", ", spec.Services.Select(s => s.Name))}"
            );

        // A service name selects the service and its replicas; NAME-N selects one replica.
        return instances.Where(i => names.Contains(i.Name) || names.Contains(i.Service.Name)).ToList();
    }

    /// <summary>The instance names SERVICE… selects: what a deploy limited to them is given.</summary>
    public static IReadOnlyList<string> Names(FleetSpec spec, IReadOnlyList<string> names) => Instances(spec, names, all: false).Select(i => i.Name).ToList();
}
