using LxcForge.Simulator.Engine.Model;

namespace LxcForge.Simulator.Engine.Storage;

/// <summary>Where Proxmox would keep a volume on the host (<c>pvesm path</c>; used in task logs).</summary>
internal static class StoragePaths
{
    public static string Path(SimStorage storage, SimVolume volume) => Path(storage, volume.Content, volume.Name);

    public static string Path(SimStorage storage, string content, string name)
    {
        if (storage.Type is "lvm" or "lvmthin")
            return $"/dev/pve/{name[(name.LastIndexOf('/') + 1)..]}";
        if (storage.Type == "zfspool")
            return $"/rpool/data/{name}";
        var root = storage.Profile.Path ?? $"/mnt/pve/{storage.Id}";
        return content switch
        {
            "vztmpl" => $"{root}/template/cache/{name["vztmpl/".Length..]}",
            "backup" => $"{root}/dump/{name["backup/".Length..]}",
            "iso" => $"{root}/template/iso/{name["iso/".Length..]}",
            _ => $"{root}/images/{name}",
        };
    }
}
