namespace LxcForge.Core.Hosting;

public enum ContainerStatus
{
    Stopped,
    Running,
}

/// <summary>One row of the cluster's container list.</summary>
public sealed record ContainerSummary(int Vmid, string Node, string Name, ContainerStatus Status, bool IsTemplate, string? Lock, IReadOnlyList<string> Tags);

/// <summary>A container's status and its configuration (pending values applied).</summary>
public sealed record ContainerInfo(ContainerSummary Summary, ContainerConfig Config)
{
    public int Vmid => Summary.Vmid;
    public string Node => Summary.Node;
    public bool IsRunning => Summary.Status == ContainerStatus.Running;
    public bool IsTemplate => Summary.IsTemplate;
}
