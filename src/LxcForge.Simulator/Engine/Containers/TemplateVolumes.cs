using LxcForge.Core.Hosting;
using LxcForge.Simulator.Engine.Model;
using LxcForge.Simulator.Engine.Tasks;

namespace LxcForge.Simulator.Engine.Containers;

/// <summary>Turns a container's disks into base volumes and marks it a template (template, restore of a template).</summary>
internal static class TemplateVolumes
{
    /// <summary>Call with the gate held. Fails without changing anything when a storage lacks the template feature.</summary>
    public static void Convert(ClusterState state, SimContainer ct)
    {
        var renames = new List<(string Key, VolumeSpec Spec, SimStorage Storage)>();
        foreach (var key in ct.VolumeKeys)
        {
            var spec = VolumeSpec.Parse(ct.Config[key], key != "rootfs");
            var storage = state.Storage(ct.Node, spec.Storage);
            if (storage is null || !storage.SupportsTemplate)
                throw new TaskFailedException($"Template feature is not available for '{spec.Volume}'");
            renames.Add((key, spec, storage));
        }

        foreach (var (key, spec, storage) in renames)
        {
            var baseVolid = BaseName(spec.Volume);
            if (storage.Volumes.Remove(spec.Volume, out var volume))
            {
                volume.Volid = baseVolid;
                storage.Volumes[baseVolid] = volume;
            }

            ct.Config[key] = (spec with { Volume = baseVolid }).ToString();
        }

        ct.Config["template"] = "1";
    }

    /// <summary><c>vm-900-disk-0</c> → <c>base-900-disk-0</c>, <c>subvol-…</c> → <c>basevol-…</c>, keeping any directory part.</summary>
    private static string BaseName(string volid)
    {
        var cut = Math.Max(volid.LastIndexOf('/'), volid.IndexOf(':')) + 1;
        var name = volid[cut..];
        name =
            name.StartsWith("vm-", StringComparison.Ordinal) ? "base-" + name[3..]
            : name.StartsWith("subvol-", StringComparison.Ordinal) ? "basevol-" + name[7..]
            : name;
        return volid[..cut] + name;
    }
}
