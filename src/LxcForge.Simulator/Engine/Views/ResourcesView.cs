using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using LxcForge.Simulator.Engine.Containers;
using LxcForge.Simulator.Engine.Model;

namespace LxcForge.Simulator.Engine.Views;

/// <summary>
/// <c>/cluster/resources</c> kept serialised in an immutable snapshot. Container and storage entries are rebuilt
/// when the state's version moves (any write); a running container's entry when its uptime second changes; the
/// node entries when the cluster's uptime second changes. Readers holding the gate's read side share a current
/// snapshot without locking; one of them rebuilds a stale one. The pieces handed out are never changed, so a
/// response can be sent from them after the gate is released.
/// </summary>
internal sealed class ResourcesView
{
    private static readonly ReadOnlyMemory<byte> Open = "["u8.ToArray();
    private static readonly ReadOnlyMemory<byte> Comma = ","u8.ToArray();
    private static readonly ReadOnlyMemory<byte> Close = "]"u8.ToArray();

    private readonly Lock _rebuild = new();
    private readonly ArrayBufferWriter<byte> _scratch = new();
    private volatile Snapshot? _current;

    /// <summary>
    /// The list for <paramref name="type"/> (null: everything; vm, node, storage) as pieces of one JSON array.
    /// Call with the cluster's gate held (either side). <paramref name="nodeView"/> makes a node's entry for an uptime.
    /// </summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Render(SimulatorCluster cluster, string? type, Func<string, long, JsonObject> nodeView)
    {
        var uptime = (long)cluster.SimulatedElapsed.TotalSeconds;
        var snapshot = _current;
        if (snapshot is null || !snapshot.IsCurrent(cluster, uptime))
        {
            lock (_rebuild)
            {
                snapshot = _current;
                if (snapshot is null || !snapshot.IsCurrent(cluster, uptime))
                    _current = snapshot = Rebuild(cluster, snapshot, uptime, nodeView);
            }
        }

        var parts = new List<ReadOnlyMemory<byte>>(7) { Open };
        foreach (var section in snapshot.Sections(type).Where(s => !s.IsEmpty))
        {
            if (parts.Count > 1)
                parts.Add(Comma);
            parts.Add(section);
        }

        parts.Add(Close);
        return parts;
    }

    private Snapshot Rebuild(SimulatorCluster cluster, Snapshot? old, long uptime, Func<string, long, JsonObject> nodeView)
    {
        var version = cluster.Gate.Version;
        var state = cluster.State;
        var nodes =
            old is not null && old.Version == version && old.Uptime == uptime
                ? old.Nodes
                : Write(w =>
                {
                    foreach (var node in state.Nodes.Keys)
                        nodeView(node, uptime).WriteTo(w);
                });
        if (old is not null && old.Version == version)
        {
            // Only time moved: rewrite the running containers whose uptime second changed.
            var containers = (Entry[])old.Containers.Clone();
            var changed = false;
            foreach (var i in old.Running)
            {
                if (ContainerViews.Uptime(cluster, containers[i].Container) != containers[i].Uptime)
                {
                    containers[i] = Build(cluster, containers[i].Container);
                    changed = true;
                }
            }

            return old with
            {
                Uptime = uptime,
                Nodes = nodes,
                Containers = containers,
                ContainerBlock = changed ? Join(containers) : old.ContainerBlock,
            };
        }

        var all = state.Containers.Values.Select(ct => Build(cluster, ct)).ToArray();
        return new Snapshot(
            version,
            uptime,
            all,
            Enumerable.Range(0, all.Length).Where(i => all[i].Container.Running).ToArray(),
            Join(all),
            nodes,
            Write(w => WriteStorages(w, state))
        );
    }

    private Entry Build(SimulatorCluster cluster, SimContainer ct) =>
        new(ct, ContainerViews.Uptime(cluster, ct), Write(w => ContainerViews.WriteResource(w, cluster, ct)));

    private static void WriteStorages(Utf8JsonWriter w, ClusterState state)
    {
        foreach (var node in state.Nodes.Keys)
        {
            foreach (var s in state.StoragesOf(node))
            {
                w.WriteStartObject();
                w.WriteString("id", $"storage/{node}/{s.Id}");
                w.WriteString("type", "storage");
                w.WriteString("storage", s.Id);
                w.WriteString("node", node);
                w.WriteString("status", "available");
                w.WriteString("plugintype", s.Type);
                w.WriteString("content", string.Join(',', s.Profile.Content.Order(StringComparer.Ordinal)));
                w.WriteNumber("shared", s.Profile.Shared ? 1 : 0);
                w.WriteNumber("disk", s.UsedBytes);
                w.WriteNumber("maxdisk", s.TotalBytes);
                w.WriteEndObject();
            }
        }
    }

    // Writes array elements and keeps them without the brackets, so blocks can be joined with commas.
    private byte[] Write(Action<Utf8JsonWriter> write)
    {
        _scratch.ResetWrittenCount();
        using (var w = new Utf8JsonWriter(_scratch))
        {
            w.WriteStartArray();
            write(w);
            w.WriteEndArray();
        }

        var span = _scratch.WrittenSpan;
        return span.Length <= 2 ? [] : span[1..^1].ToArray();
    }

    private static byte[] Join(Entry[] entries)
    {
        var block = new byte[entries.Sum(e => e.Json.Length) + Math.Max(0, entries.Length - 1)];
        var at = 0;
        for (var i = 0; i < entries.Length; i++)
        {
            if (i > 0)
                block[at++] = (byte)',';
            entries[i].Json.CopyTo(block, at);
            at += entries[i].Json.Length;
        }

        return block;
    }

    private sealed record Entry(SimContainer Container, long Uptime, byte[] Json);

    private sealed record Snapshot(long Version, long Uptime, Entry[] Containers, int[] Running, byte[] ContainerBlock, byte[] Nodes, byte[] Storages)
    {
        public bool IsCurrent(SimulatorCluster cluster, long uptime) =>
            Version == cluster.Gate.Version
            && Uptime == uptime
            && Running.All(i => ContainerViews.Uptime(cluster, Containers[i].Container) == Containers[i].Uptime);

        public IEnumerable<ReadOnlyMemory<byte>> Sections(string? type)
        {
            if (type is null or "vm")
                yield return ContainerBlock;
            if (type is null or "node")
                yield return Nodes;
            if (type is null or "storage")
                yield return Storages;
        }
    }
}
