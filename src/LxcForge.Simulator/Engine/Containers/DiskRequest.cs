using System.Globalization;
using LxcForge.Core.Hosting;
using LxcForge.Simulator.Engine.Api;

namespace LxcForge.Simulator.Engine.Containers;

/// <summary>A rootfs/mpN value at create or restore: <c>STORAGE:GiB</c> (allocate), a bare number (on --storage) plus options.</summary>
internal sealed record DiskRequest(string Key, string Storage, long SizeBytes, VolumeSpec Spec)
{
    public static DiskRequest Parse(string key, string text, string defaultStorage)
    {
        VolumeSpec spec;
        try
        {
            spec = VolumeSpec.Parse(text, isMountPoint: key != "rootfs");
        }
        catch (FormatException ex)
        {
            throw Pve.Param(key, ex.Message);
        }

        var volume = spec.Volume;
        var colon = volume.IndexOf(':');
        var storage = colon < 0 ? defaultStorage : volume[..colon];
        var amount = colon < 0 ? volume : volume[(colon + 1)..];
        if (!double.TryParse(amount, NumberStyles.Float, CultureInfo.InvariantCulture, out var gib) || gib < 0)
            throw Pve.Param(key, $"unable to parse volume '{volume}': existing volumes cannot be attached at create in the simulator (use STORAGE:GiB)");
        // Past what a long holds the size is simply "too large": allocation refuses it in the storage's words.
        var bytes = gib >= long.MaxValue / (double)(1L << 30) ? long.MaxValue : DiskSize.GiB(gib);
        return new DiskRequest(key, storage, bytes, spec);
    }

    /// <summary>The config value once allocated: the new volid plus the options and <c>size=</c>.</summary>
    public string Allocated(string volid) => (Spec with { Volume = volid, SizeBytes = SizeBytes }).ToString();
}
