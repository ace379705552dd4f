using LxcForge.Core.Catalog;
using LxcForge.Core.Hosting;
using LxcForge.Core.Spec.Replicas;

namespace LxcForge.Core.Checks;

public sealed partial class EnvironmentCheck
{
    private async Task CheckStoragesAsync(string node, IReadOnlyList<ContainerInfo> containers, CancellationToken ct)
    {
        var storages = await host.GetStoragesAsync(node, ct);
        var existing = containers.Select(c => c.Vmid).ToHashSet();
        var templateBytes = spec
            .Templates.Where(t => !existing.Contains(t.Ctid))
            .Sum(t => DiskOf(t.Disk, ServiceRegistry.Find(t.ServiceKey)?.Definition?.DiskGb));
        var serviceBytes = ReplicaPlanner.Instances(spec).Where(i => !existing.Contains(i.Ctid)).Sum(i => DiskOf(i.Service.Disk, null));

        // Template and backup store may be one storage (the fleet design's local-hdd): ask for the sum once per storage.
        var needs = new Dictionary<string, long>();
        void Need(string id, long bytes) => needs[id] = needs.GetValueOrDefault(id) + bytes;
        Need(spec.Storage.Templates, templateBytes);
        Need(spec.Storage.Services, serviceBytes);

        var roles = new (string Id, string Role, string Content)[]
        {
            (spec.Storage.Templates, "template store", "rootdir"),
            (spec.Storage.Services, "service store", "rootdir"),
            (spec.Storage.Backups, "backup store", "backup"),
            (spec.Storage.OsTemplates, "OS-template store", "vztmpl"),
        };
        foreach (var (id, role, content) in roles)
            _results.Add(CheckStorage(node, storages, id, role, content));
        foreach (var (id, bytes) in needs.Where(n => n.Value > 0))
        {
            if (storages.FirstOrDefault(s => s.Id == id) is not { } s)
                continue;
            _results.Add(
                s.AvailableBytes >= bytes
                    ? CheckResult.Pass($"space on {id}", $"{Gib(s.AvailableBytes)} free, the spec's new containers need {Gib(bytes)}")
                    : CheckResult.Fail($"space on {id}", $"only {Gib(s.AvailableBytes)} free on node {node}, the spec's new containers need {Gib(bytes)}")
            );
        }
    }

    private static CheckResult CheckStorage(string node, IReadOnlyList<StorageInfo> storages, string id, string role, string content)
    {
        var name = $"storage {id} ({role})";
        var s = storages.FirstOrDefault(x => x.Id == id);
        if (s is null)
            return CheckResult.Fail(name, $"does not exist on node {node}; the node has: {string.Join(", ", storages.Select(x => x.Id))}");
        if (!s.Enabled || !s.Active)
            return CheckResult.Fail(name, $"is {(s.Enabled ? "inactive" : "disabled")} on node {node}");
        if (!s.Supports(content))
            return CheckResult.Fail(
                name,
                $"has no '{content}' content (it allows: {string.Join(",", s.Content.Order(StringComparer.Ordinal))}); add it under Datacenter > Storage > {id} > Content"
            );
        return CheckResult.Pass(name, $"{s.Type}, content {string.Join(",", s.Content.Order(StringComparer.Ordinal))}, {Gib(s.AvailableBytes)} free");
    }

    private static long DiskOf(string? size, int? defaultGb) =>
        size is not null && DiskSize.TryParse(size, out var relative, out var bytes) && !relative ? bytes : DiskSize.GiB(defaultGb ?? 4);

    private static string Gib(long bytes) => $"{bytes / (1024.0 * 1024 * 1024):0.#} GiB";
}
