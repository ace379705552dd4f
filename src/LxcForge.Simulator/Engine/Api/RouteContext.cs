using System.Globalization;
using LxcForge.Core.Hosting;
using LxcForge.Simulator.Engine.Model;

namespace LxcForge.Simulator.Engine.Api;

/// <summary>One call being handled: its parameters (path values included) and typed access with Proxmox's errors.</summary>
internal sealed class RouteContext(SimulatorCluster cluster, ApiRequest request, IReadOnlyDictionary<string, string> parameters)
{
    public SimulatorCluster Cluster { get; } = cluster;

    public ClusterState State => Cluster.State;

    public ApiRequest Request { get; } = request;

    public IReadOnlyDictionary<string, string> Parameters { get; } = parameters;

    public string User => Request.User;

    public bool IsRootAtPam => User == "root@pam";

    /// <summary>The path's node; it must exist.</summary>
    public SimNode Node => State.Node(Required("node")) ?? throw Pve.Die($"no such cluster node '{Required("node")}'");

    public string NodeName => Node.Name;

    public int Vmid => Int("vmid") ?? throw Pve.Param("vmid", "property is missing and it is not optional");

    public string? Optional(string name) => Parameters.TryGetValue(name, out var v) ? v : null;

    public string Required(string name) => Optional(name) is { } v ? v : throw Pve.Param(name, "property is missing and it is not optional");

    public bool Has(string name) => Parameters.ContainsKey(name);

    public int? Int(string name)
    {
        if (Optional(name) is not { } text)
            return null;
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw Pve.Param(name, $"type check ('integer') failed - got '{text}'");
    }

    public bool? Bool(string name)
    {
        try
        {
            return PropertyString.ParseBool(Optional(name));
        }
        catch (FormatException)
        {
            throw Pve.Param(name, $"type check ('boolean') failed - got '{Optional(name)}'");
        }
    }

    /// <summary>The container on the path's node, or Proxmox's "does not exist" error.</summary>
    public SimContainer Container()
    {
        var node = NodeName;
        var vmid = Vmid;
        return State.Containers.TryGetValue(vmid, out var ct) && ct.Node == node ? ct : throw Pve.NoConfig(node, vmid);
    }

    public SimStorage Storage(string id) => State.Storage(NodeName, id) ?? throw Pve.Die($"storage '{id}' does not exist");
}
