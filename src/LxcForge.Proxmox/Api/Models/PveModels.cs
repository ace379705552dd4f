using System.Text.Json.Nodes;
using LxcForge.Proxmox.Api.Tasks;
using LxcForge.Proxmox.Api.Transport;

namespace LxcForge.Proxmox.Api.Models;

/// <summary><c>GET /version</c>.</summary>
public sealed record PveVersion(string Version, string? Release, string? RepoId)
{
    public static PveVersion From(JsonNode? n) => new(JsonRead.Str(n, "version") ?? "unknown", JsonRead.Str(n, "release"), JsonRead.Str(n, "repoid"));
}

/// <summary>One row of <c>GET /nodes</c>.</summary>
public sealed record PveNode(string Name, string Status, int Cores, long MemoryBytes)
{
    public bool Online => Status == "online";

    public static PveNode From(JsonNode n) =>
        new(JsonRead.Str(n, "node")!, JsonRead.Str(n, "status") ?? "unknown", JsonRead.Int(n, "maxcpu") ?? 0, JsonRead.Long(n, "maxmem") ?? 0);
}

/// <summary>One row of <c>GET /cluster/resources</c> (guests, storages and nodes share the shape).</summary>
public sealed record ClusterResource(string Id, string Type, string? Node, int? Vmid, string? Name, string? Status, bool Template, string? Lock, string? Tags)
{
    public bool IsContainer => Type == "lxc";

    public static ClusterResource From(JsonNode n) =>
        new(
            JsonRead.Str(n, "id") ?? string.Empty,
            JsonRead.Str(n, "type") ?? string.Empty,
            JsonRead.Str(n, "node"),
            JsonRead.Int(n, "vmid"),
            JsonRead.Str(n, "name"),
            JsonRead.Str(n, "status"),
            JsonRead.Bool(n, "template"),
            NullIfEmpty(JsonRead.Str(n, "lock")),
            JsonRead.Str(n, "tags")
        );

    internal static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}

/// <summary>One row of <c>GET /nodes/{node}/storage</c>.</summary>
public sealed record PveStorage(string Storage, string Type, string Content, bool Shared, bool Active, bool Enabled, long Total, long Used, long Available)
{
    public static PveStorage From(JsonNode n) =>
        new(
            JsonRead.Str(n, "storage")!,
            JsonRead.Str(n, "type") ?? "unknown",
            JsonRead.Str(n, "content") ?? string.Empty,
            JsonRead.Bool(n, "shared"),
            JsonRead.Bool(n, "active"),
            // Proxmox leaves "enabled" out for storages that are enabled.
            JsonRead.Str(n, "enabled")
                is not "0",
            JsonRead.Long(n, "total") ?? 0,
            JsonRead.Long(n, "used") ?? 0,
            JsonRead.Long(n, "avail") ?? 0
        );
}

/// <summary>One row of <c>GET /nodes/{node}/network</c>.</summary>
public sealed record PveNetworkInterface(string Iface, string Type, string? Cidr, bool Active)
{
    public static PveNetworkInterface From(JsonNode n) =>
        new(JsonRead.Str(n, "iface")!, JsonRead.Str(n, "type") ?? string.Empty, JsonRead.Str(n, "cidr"), JsonRead.Bool(n, "active"));
}

/// <summary>One row of <c>GET /nodes/{node}/storage/{storage}/content</c>.</summary>
public sealed record StorageVolume(
    string VolumeId,
    string? Content,
    string? Format,
    long Size,
    DateTimeOffset? Created,
    int? Vmid,
    string? Notes,
    bool Protected
)
{
    public static StorageVolume From(JsonNode n) =>
        new(
            JsonRead.Str(n, "volid")!,
            JsonRead.Str(n, "content"),
            JsonRead.Str(n, "format"),
            JsonRead.Long(n, "size") ?? 0,
            JsonRead.Long(n, "ctime") is { } c ? DateTimeOffset.FromUnixTimeSeconds(c) : null,
            JsonRead.Int(n, "vmid"),
            JsonRead.Str(n, "notes"),
            JsonRead.Bool(n, "protected")
        );

    /// <summary>The file name part: <c>local:backup/vzdump-lxc-200-….tar.zst</c> → <c>vzdump-lxc-200-….tar.zst</c>.</summary>
    public string FileName => VolumeId[(VolumeId.LastIndexOf('/') + 1)..].Split(':')[^1];
}

/// <summary><c>GET /nodes/{node}/lxc/{vmid}/status/current</c>.</summary>
public sealed record ContainerCurrentStatus(int Vmid, string Status, string? Name, string? Lock, bool Template, string? Tags)
{
    public bool IsRunning => Status == "running";

    public static ContainerCurrentStatus From(JsonNode? n, int vmid) =>
        new(
            JsonRead.Int(n, "vmid") ?? vmid,
            JsonRead.Str(n, "status") ?? "stopped",
            JsonRead.Str(n, "name"),
            ClusterResource.NullIfEmpty(JsonRead.Str(n, "lock")),
            JsonRead.Bool(n, "template"),
            JsonRead.Str(n, "tags")
        );
}

/// <summary>One row of <c>GET /nodes/{node}/lxc/{vmid}/snapshot</c> (<c>current</c> stands for the live state).</summary>
public sealed record SnapshotEntry(string Name, string? Parent, DateTimeOffset? Time, string? Description)
{
    public static SnapshotEntry From(JsonNode n) =>
        new(
            JsonRead.Str(n, "name")!,
            JsonRead.Str(n, "parent"),
            JsonRead.Long(n, "snaptime") is { } t ? DateTimeOffset.FromUnixTimeSeconds(t) : null,
            JsonRead.Str(n, "description")
        );
}

/// <summary><c>GET /nodes/{node}/tasks/{upid}/status</c>: <c>running</c>, or <c>stopped</c> with an exit status.</summary>
public sealed record PveTaskStatus(string Upid, string Status, string? ExitStatus)
{
    public bool IsRunning => Status == "running";

    /// <summary>Finished with <c>OK</c> or <c>WARNINGS: N</c> (warnings count as success: docs/proxmox-behaviour.md#tasks-and-upids).</summary>
    public bool Succeeded => !IsRunning && (ExitStatus == "OK" || HasWarnings);

    public bool HasWarnings => ExitStatus?.StartsWith("WARNINGS", StringComparison.Ordinal) == true;

    public static PveTaskStatus From(JsonNode? n, string upid) =>
        new(JsonRead.Str(n, "upid") ?? upid, JsonRead.Str(n, "status") ?? "running", JsonRead.Str(n, "exitstatus"));
}

/// <summary>One row of <c>GET /nodes/{node}/tasks</c>.</summary>
public sealed record PveTaskSummary(string Upid, string Type, string? Id, DateTimeOffset StartTime, string? Status)
{
    public static PveTaskSummary From(JsonNode n)
    {
        var upid = JsonRead.Str(n, "upid")!;
        var start =
            JsonRead.Long(n, "starttime") is { } s ? DateTimeOffset.FromUnixTimeSeconds(s)
            : Tasks.Upid.TryParse(upid, out var parsed) ? parsed!.StartTime
            : DateTimeOffset.MinValue;
        return new(upid, JsonRead.Str(n, "type") ?? string.Empty, JsonRead.Str(n, "id"), start, JsonRead.Str(n, "status"));
    }
}
