using System.Text.Json.Nodes;
using LxcForge.Core.Hosting;
using LxcForge.Simulator.Engine.Containers;

namespace LxcForge.Simulator.Engine.Api;

/// <summary><c>GET /nodes/{node}/lxc/{vmid}/interfaces</c>: what the running container's network shows (eth0 gets its
/// address only once the network is up, as a readiness probe would see).</summary>
internal static class InterfaceRoutes
{
    public static JsonNode? List(RouteContext c)
    {
        var ct = c.Container();
        if (!ct.Running)
            throw Pve.Die($"CT {ct.Vmid} not running");
        var items = new List<JsonNode> { Interface("lo", "00:00:00:00:00:00", "127.0.0.1/8") };
        var up = ct.NetworkUpAt is { } at && c.Cluster.Clock.GetUtcNow() >= at;
        foreach (var key in ct.Config.Keys.Where(k => ConfigValues.Indexed(k, "net")))
        {
            var net = NetworkInterface.Parse(ct.Config[key]);
            items.Add(Interface(net.Name, net.HardwareAddress ?? "", up && net.Ip is { } ip && ip.Contains('/') ? ip : null));
        }

        return new JsonArray(items.ToArray());
    }

    private static JsonObject Interface(string name, string mac, string? inet)
    {
        var o = new JsonObject
        {
            ["name"] = name,
            ["hwaddr"] = mac,
            ["hardware-address"] = mac,
        };
        var addresses = new JsonArray();
        if (inet is not null)
        {
            o["inet"] = inet;
            var parts = inet.Split('/');
            addresses.Add(
                new JsonObject
                {
                    ["ip-address"] = parts[0],
                    ["ip-address-type"] = "inet",
                    ["prefix"] = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture),
                }
            );
        }

        o["ip-addresses"] = addresses;
        return o;
    }
}
