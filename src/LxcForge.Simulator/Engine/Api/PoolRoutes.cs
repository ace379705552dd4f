using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LxcForge.Simulator.Engine.Model;

namespace LxcForge.Simulator.Engine.Api;

/// <summary>
/// <c>/pools</c> as Proxmox serves it: create fails when the pool exists (so it is an atomic test-and-set,
/// what LxcForge's host lock relies on), get and delete fail when it does not. Members are not modelled.
/// </summary>
internal static partial class PoolRoutes
{
    // pve-poolid: letters, digits, '-', '_' (and '/' for nested pools, not modelled).
    [GeneratedRegex(@"^[A-Za-z0-9\-_]+$")]
    private static partial Regex PoolId();

    public static JsonNode? List(RouteContext c)
    {
        var wanted = c.Optional("poolid");
        if (wanted is not null)
            _ = Find(c, wanted);
        return new JsonArray(
            c.State.Pools.Values.Where(p => wanted is null || p.Id == wanted).Select(p => (JsonNode)View(p, members: wanted is not null)).ToArray()
        );
    }

    public static JsonNode? Get(RouteContext c)
    {
        var pool = Find(c, c.Required("poolid"));
        var view = View(pool, members: true);
        view.Remove("poolid");
        return view;
    }

    public static JsonNode? Create(RouteContext c)
    {
        var id = c.Required("poolid");
        if (!PoolId().IsMatch(id))
            throw Pve.Param("poolid", $"invalid format - invalid pool ID '{id}'");
        var comment = c.Optional("comment");
        if (comment is { Length: > 8192 })
            throw Pve.Param("comment", "value may only be 8192 characters long");
        if (c.State.Pools.ContainsKey(id))
            throw Pve.Die($"create pool failed: pool '{id}' already exists");
        c.State.Pools[id] = new SimPool { Id = id, Comment = comment };
        return null;
    }

    public static JsonNode? Delete(RouteContext c)
    {
        var pool = Find(c, c.Required("poolid"));
        c.State.Pools.Remove(pool.Id);
        return null;
    }

    private static SimPool Find(RouteContext c, string id) => c.State.Pools.GetValueOrDefault(id) ?? throw Pve.Die($"pool '{id}' does not exist");

    private static JsonObject View(SimPool pool, bool members)
    {
        var o = new JsonObject { ["poolid"] = pool.Id };
        if (pool.Comment is not null)
            o["comment"] = pool.Comment;
        if (members)
            o["members"] = new JsonArray();
        return o;
    }
}
