using System.Text.Json.Nodes;
using LxcForge.Simulator.Engine.Model;
using LxcForge.Simulator.Engine.Profiles;
using LxcForge.Simulator.Engine.Storage;
using LxcForge.Simulator.Engine.Tasks;

namespace LxcForge.Simulator.Engine.Api;

/// <summary><c>/nodes/{node}/storage</c> (list, status, content) and <c>/nodes/{node}/aplinfo</c>.</summary>
internal static class StorageRoutes
{
    public static JsonNode? List(RouteContext c)
    {
        var content = c.Optional("content")?.Split(',', StringSplitOptions.RemoveEmptyEntries);
        var only = c.Optional("storage");
        var storages = c.State.StoragesOf(c.NodeName).Where(s => only is null || s.Id == only).Where(s => content is null || content.Any(s.HasContent));
        return new JsonArray(storages.Select(s => (JsonNode)View(s)).ToArray());
    }

    public static JsonNode? Status(RouteContext c) => View(c.Storage(c.Required("storage")));

    private static JsonObject View(SimStorage s) =>
        new()
        {
            ["storage"] = s.Id,
            ["type"] = s.Type,
            ["content"] = string.Join(',', s.Profile.Content.Order(StringComparer.Ordinal)),
            ["active"] = 1,
            ["enabled"] = 1,
            ["shared"] = s.Profile.Shared ? 1 : 0,
            ["total"] = s.TotalBytes,
            ["used"] = s.UsedBytes,
            ["avail"] = s.FreeBytes,
            ["used_fraction"] = s.TotalBytes == 0 ? 0 : (double)s.UsedBytes / s.TotalBytes,
        };

    public static JsonNode? Content(RouteContext c)
    {
        var storage = c.Storage(c.Required("storage"));
        var content = c.Optional("content");
        var vmid = c.Int("vmid");
        var volumes = storage
            .Volumes.Values.Where(v => content is null || v.Content == content)
            .Where(v => vmid is null || v.Vmid == vmid)
            .OrderBy(v => v.Volid, StringComparer.Ordinal);
        return new JsonArray(volumes.Select(v => (JsonNode)VolumeView(v)).ToArray());
    }

    public static JsonNode? VolumeInfo(RouteContext c)
    {
        var volume = FindVolume(c);
        var o = VolumeView(volume);
        o["path"] = StoragePaths.Path(c.Storage(c.Required("storage")), volume);
        return o;
    }

    private static JsonObject VolumeView(SimVolume v)
    {
        var o = new JsonObject
        {
            ["volid"] = v.Volid,
            ["content"] = v.Content,
            ["format"] = v.Format,
            ["size"] = v.SizeBytes,
            ["ctime"] = v.Ctime,
        };
        if (v.Vmid is { } id)
            o["vmid"] = id;
        if (v.Content is "rootdir" or "images")
            o["used"] = v.UsedBytes;
        if (v.Notes is { } notes)
            o["notes"] = notes;
        if (v.Content == "backup")
        {
            o["protected"] = v.Protected ? 1 : 0;
            o["subtype"] = "lxc";
        }

        if (v.BaseVolid is { } parent)
            o["parent"] = parent[(parent.IndexOf(':') + 1)..];
        return o;
    }

    /// <summary>Deletes a volume in an <c>imgdel</c> task; refuses a disk a container still uses.</summary>
    public static JsonNode? DeleteContent(RouteContext c)
    {
        var storage = c.Storage(c.Required("storage"));
        var volume = FindVolume(c);
        var node = c.NodeName;
        if (volume.Vmid is { } owner && volume.Content is "rootdir" or "images" && c.State.Containers.ContainsKey(owner))
            throw Pve.Die($"unable to delete volume '{volume.Volid}' - volume is still in use by CT {owner}");
        if (volume.Protected)
            throw Pve.Die($"unable to delete protected backup '{volume.Volid}'");
        var cluster = c.Cluster;
        return cluster
            .Tasks.Start(
                node,
                "imgdel",
                volume.Name,
                c.User,
                new TaskRunner.Worker(_ =>
                {
                    using (cluster.Gate.Enter())
                    {
                        if (c.State.StoragesOf(node).SelectMany(s => s.Volumes.Values).Any(v => v.BaseVolid == volume.Volid))
                            throw new TaskFailedException($"base volume '{volume.Name}' is still in use by linked clones");
                        storage.Volumes.Remove(volume.Volid);
                    }

                    if (volume.ArchiveFile is { } archive)
                        File.Delete(Path.Combine(cluster.StateDirectory, archive));
                    return Task.CompletedTask;
                })
            )
            .Upid;
    }

    private static SimVolume FindVolume(RouteContext c)
    {
        var storage = c.Storage(c.Required("storage"));
        var name = c.Required("volume");
        var volid = name.Contains(':') ? name : $"{storage.Id}:{name}";
        return storage.Volumes.GetValueOrDefault(volid) ?? throw Pve.Die($"volume '{volid}' does not exist");
    }

    public static JsonNode? AplInfo(RouteContext c)
    {
        _ = c.Node;
        return new JsonArray(
            c.State.Templates.Select(t =>
                    (JsonNode)
                        new JsonObject
                        {
                            ["template"] = t.FileName,
                            ["type"] = "lxc",
                            ["package"] = t.Package,
                            ["version"] = t.Version,
                            ["os"] = t.Os,
                            ["section"] = t.Section,
                            ["headline"] = t.Headline,
                            ["description"] = t.Headline,
                            ["architecture"] = "amd64",
                            ["source"] = "http://download.proxmox.com/images/system/" + t.FileName,
                            ["location"] = "http://download.proxmox.com/images/system/" + t.FileName,
                            ["infopage"] = "https://pve.proxmox.com/wiki/Linux_Container",
                            ["maintainer"] = "Proxmox Support Team <support@proxmox.com>",
                            ["manageurl"] = "",
                            ["sha512sum"] = new string('0', 128),
                        }
                )
                .ToArray()
        );
    }

    /// <summary><c>POST aplinfo</c>: a <c>download</c> task that streams the archive into the storage.</summary>
    public static JsonNode? Download(RouteContext c)
    {
        var node = c.NodeName;
        var name = c.Required("template");
        var template = c.State.Templates.FirstOrDefault(t => t.FileName == name) ?? throw Pve.Param("template", "no such template");
        var storage = c.Storage(c.Required("storage"));
        if (!storage.HasContent("vztmpl"))
            throw Pve.Die($"storage '{storage.Id}' does not support templates");
        var cluster = c.Cluster;
        var url = "http://download.proxmox.com/images/system/" + template.FileName;
        var path = StoragePaths.Path(storage, "vztmpl", "vztmpl/" + template.FileName);
        return cluster
            .Tasks.Start(
                node,
                "download",
                template.FileName,
                c.User,
                new TaskRunner.Worker(async ctx =>
                {
                    using (cluster.Gate.Enter())
                    {
                        if (storage.Volumes.ContainsKey($"{storage.Id}:vztmpl/{template.FileName}"))
                        {
                            ctx.Log("calculating checksum of existing file...OK, got correct file already, no need to download");
                            return;
                        }
                    }

                    ctx.Log($"downloading {url} to {path}");
                    await cluster.Clock.Delay(TimeSpan.FromSeconds(template.ArchiveBytes / cluster.TimeModel.DownloadBytesPerSecond), ctx.CancellationToken);
                    using (cluster.Gate.Enter())
                    {
                        if (storage.FreeBytes < template.ArchiveBytes)
                            throw new TaskFailedException($"write failed: No space left on device");
                        StorageOps.AddTemplateVolume(storage, template, cluster.Clock.GetUtcNow().ToUnixTimeSeconds());
                    }

                    ctx.Log("calculating checksum...OK, checksum verified");
                    ctx.Log($"download of '{url}' to '{path}' finished");
                })
            )
            .Upid;
    }

    internal static OsTemplate? TemplateFor(ClusterState state, string volid) =>
        state.Templates.FirstOrDefault(t => volid.EndsWith("/" + t.FileName, StringComparison.Ordinal));
}
