using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using LxcForge.Core.Hosting;
using LxcForge.Simulator.Engine.Containers;
using LxcForge.Simulator.Engine.Model;

namespace LxcForge.Simulator.Engine.Api;

/// <summary><c>GET/PUT /nodes/{node}/lxc/{vmid}/config</c> and <c>/pending</c>: synchronous, staged in [pending] on a running CT.</summary>
internal static class ConfigRoutes
{
    /// <summary>Options a running CT takes at once (hotplug); everything else waits for the next start (docs/proxmox-behaviour.md#pending-changes).</summary>
    private static readonly HashSet<string> Hotplug = new(StringComparer.Ordinal)
    {
        "cores",
        "hostname",
        "description",
        "onboot",
        "startup",
        "protection",
        "tags",
        "memory",
        "swap",
        "cpulimit",
        "cpuunits",
    };

    private static readonly HashSet<string> Required = new(StringComparer.Ordinal) { "memory", "rootfs", "ostype" };

    public static JsonNode? Get(RouteContext c)
    {
        var ct = c.Container();
        IDictionary<string, string> values;
        if (c.Optional("snapshot") is { } snapname)
        {
            values = ct.Snapshots.FirstOrDefault(s => s.Name == snapname)?.Config ?? throw Pve.Die($"snapshot '{snapname}' does not exist");
        }
        else
        {
            values = new SortedDictionary<string, string>(ct.Config, StringComparer.Ordinal);
            if (c.Bool("current") != true)
            {
                foreach (var (k, v) in ct.Pending)
                    values[k] = v;
                foreach (var k in ct.PendingDelete)
                    values.Remove(k);
            }
        }

        var o = new JsonObject();
        foreach (var (k, v) in values)
            o[k] = IsInteger(k) && long.TryParse(v, out var n) ? n : v;
        o["digest"] = Digest(ct);
        return o;
    }

    public static JsonNode? Pending(RouteContext c)
    {
        var ct = c.Container();
        var keys = ct.Config.Keys.Concat(ct.Pending.Keys).Concat(ct.PendingDelete).Distinct().Order(StringComparer.Ordinal);
        return new JsonArray(
            keys.Select(k =>
                {
                    var o = new JsonObject { ["key"] = k };
                    if (ct.Config.TryGetValue(k, out var cur))
                        o["value"] = cur;
                    if (ct.Pending.TryGetValue(k, out var pending))
                        o["pending"] = pending;
                    if (ct.PendingDelete.Contains(k))
                        o["delete"] = 1;
                    return (JsonNode)o;
                })
                .ToArray()
        );
    }

    public static JsonNode? Put(RouteContext c)
    {
        var ct = c.Container();
        var changes = c.Parameters.Where(kv => kv.Key is not ("node" or "vmid" or "digest" or "delete" or "revert")).ToList();
        var deletes = (c.Optional("delete") ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries);
        var reverts = (c.Optional("revert") ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries);
        if (changes.Count == 0 && deletes.Length == 0 && reverts.Length == 0)
            throw Pve.Die("no options specified");
        if (c.Optional("digest") is { } digest && digest != Digest(ct))
            throw Pve.Die("detected modified configuration - file changed by other user? Try again.");
        if (ct.Lock is { } l && changes.All(kv => kv.Key != "lock"))
            throw Pve.Locked(l);
        foreach (var key in deletes)
        {
            if (Required.Contains(key))
                throw Pve.Die($"unable to delete required option '{key}'");
        }

        var canonical = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in changes)
        {
            if (!ConfigValues.IsConfigKey(key))
                throw Pve.Param(key, "property is not defined in schema and the schema does not allow additional properties");
            CheckRootOnly(c, key, value);
            canonical.Add(new(key, ConfigValues.Canonical(key, value)));
        }

        foreach (var key in reverts)
        {
            ct.Pending.Remove(key);
            ct.PendingDelete.Remove(key);
        }

        foreach (var (key, value) in canonical)
        {
            if (!ct.Running || Hotplug.Contains(key) || ConfigValues.Indexed(key, "net"))
            {
                ct.Config[key] = value;
                ct.Pending.Remove(key);
            }
            else
            {
                ct.Pending[key] = value;
            }
        }

        foreach (var key in deletes)
        {
            if (!ct.Running || Hotplug.Contains(key) || ConfigValues.Indexed(key, "net"))
                ct.Config.Remove(key);
            else
                ct.PendingDelete.Add(key);
        }

        if (canonical.Any(kv => kv.Key == "hostname") && !ct.Running)
            c.Cluster.Sandboxes.WriteIdentity(ct.Vmid, ct.Name);
        return null;
    }

    /// <summary>Only root@pam may set feature flags other than nesting, bind mounts, devices and hookscripts (docs/proxmox-behaviour.md#root-only-options).</summary>
    internal static void CheckRootOnly(RouteContext c, string key, string value)
    {
        if (c.IsRootAtPam)
            return;
        if (key == "features" && ContainerFeatures.Parse(value).NeedsRootAtPam)
            throw Pve.Forbidden("changing feature flags (except nesting) is only allowed for root@pam");
        if (ConfigValues.Indexed(key, "dev") || key == "hookscript")
            throw Pve.Forbidden($"changing '{key}' is only allowed for root@pam");
        if (ConfigValues.Indexed(key, "mp") && value.StartsWith('/'))
            throw Pve.Forbidden("mount point type bind is only allowed for root@pam");
    }

    /// <summary>The SHA-1 of the config as written, what Proxmox returns as <c>digest</c>.</summary>
#pragma warning disable CA5350 // Proxmox's digest is SHA-1; it detects concurrent edits, it protects no secret.
    public static string Digest(SimContainer ct) =>
        Convert.ToHexStringLower(
            SHA1.HashData(
                Encoding.UTF8.GetBytes(
                    string.Concat(ct.Config.Select(kv => $"{kv.Key}: {kv.Value}\n"))
                        + string.Concat(ct.Pending.Select(kv => $"[pending]{kv.Key}: {kv.Value}\n"))
                )
            )
        );
#pragma warning restore CA5350

    private static bool IsInteger(string key) =>
        key is "memory" or "swap" or "cores" or "cpuunits" or "tty" or "template" or "unprivileged" or "onboot" or "protection" or "console";
}
