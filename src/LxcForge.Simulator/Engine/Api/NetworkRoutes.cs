using System.Text.Json.Nodes;

namespace LxcForge.Simulator.Engine.Api;

/// <summary><c>GET /nodes/{node}/network</c>: the node's bridges.</summary>
internal static class NetworkRoutes
{
    public static JsonNode? List(RouteContext c)
    {
        var type = c.Optional("type");
        if (type is not (null or "bridge" or "any_bridge"))
            return new JsonArray();
        return new JsonArray(
            c.Node.Profile.Bridges.Select(
                    (b, i) =>
                    {
                        var o = new JsonObject
                        {
                            ["iface"] = b.Name,
                            ["type"] = "bridge",
                            ["active"] = 1,
                            ["autostart"] = 1,
                            ["method"] = b.Cidr is null ? "manual" : "static",
                            ["method6"] = "manual",
                            ["families"] = new JsonArray("inet"),
                            ["priority"] = i + 3,
                            ["bridge_stp"] = "off",
                            ["bridge_fd"] = "0",
                            ["bridge_ports"] = b.Ports ?? "",
                        };
                        if (b.Cidr is { } cidr)
                        {
                            o["cidr"] = cidr;
                            o["address"] = cidr.Split('/')[0];
                            o["netmask"] = cidr.Split('/')[1];
                        }

                        if (b.Gateway is { } gw)
                            o["gateway"] = gw;
                        return (JsonNode)o;
                    }
                )
                .ToArray()
        );
    }
}
