using System.Globalization;
using System.Text.Json.Nodes;
using LxcForge.Simulator;
using LxcForge.Simulator.Engine;
using LxcForge.Simulator.Engine.Profiles;
using LxcForge.Simulator.Http;

namespace LxcForge.Bench.SimApi;

/// <summary>
/// The simulator's REST API under load: a 3-node simulated cluster with 1,000 containers, served over
/// HTTPS on 127.0.0.1 by <see cref="SimulatorServer"/>, read by concurrent HttpClient workers.
/// Reports requests/s for <c>GET /cluster/resources</c> and for config reads, and resident memory.
/// </summary>
internal static class SimApiBenchmark
{
    private const double GoalRequestsPerSecond = 2000;
    private const double GoalResidentMiB = 300;

    public static async Task<int> RunAsync(string[] args)
    {
        var containers = Option(args, "--containers", 1000);
        var nodeCount = Option(args, "--nodes", 3);
        var seconds = Option(args, "--seconds", 5);
        var concurrency = Option(args, "--concurrency", 16);

        Console.WriteLine($"sim-api: {containers} containers on {nodeCount} nodes, {concurrency} workers, {seconds} s per phase");
        await using var cluster = new SimulatorCluster(ClusterProfile.WithNodes(nodeCount), new SimulatorOptions { TimeFactor = 1_000_000 });
        var populate = System.Diagnostics.Stopwatch.StartNew();
        await PopulateAsync(cluster, containers);
        Console.WriteLine($"populated in {populate.Elapsed.TotalSeconds:F1} s");

        await using var server = new SimulatorServer(cluster);
        var endpoint = await server.StartAsync();
        using var client = PinnedClient(endpoint, concurrency);
        Console.WriteLine($"serving {endpoint.BaseUrl} (certificate {endpoint.CertificateSha256Fingerprint![..14]}…)");

        // Warm up the JIT, TLS sessions and connection pool before measuring.
        await LoadGenerator.RunAsync("warm-up", client, _ => "cluster/resources", concurrency, TimeSpan.FromSeconds(1));
        var vmids = await VmidsAsync(client);
        var resources = await LoadGenerator.RunAsync("GET /cluster/resources", client, _ => "cluster/resources", concurrency, TimeSpan.FromSeconds(seconds));
        var configs = await LoadGenerator.RunAsync(
            "GET /nodes/{node}/lxc/{vmid}/config",
            client,
            i =>
            {
                var (node, vmid) = vmids[(int)(i % vmids.Count)];
                return $"nodes/{node}/lxc/{vmid}/config";
            },
            concurrency,
            TimeSpan.FromSeconds(seconds)
        );
        var (rss, peak) = ProcessMemory.Read();

        foreach (var r in new[] { resources, configs })
            Console.WriteLine(
                $"{r.Name, -40} {r.RequestsPerSecond, 9:F0} req/s  ({r.Requests} ok, {r.Failures} failed, {r.Bytes / Math.Max(1, r.Requests + r.Failures)} bytes/response)"
            );
        Console.WriteLine($"resident memory (whole process: server, cluster and load generator): {rss:F0} MiB now, {peak:F0} MiB peak");
        var pass =
            resources.RequestsPerSecond > GoalRequestsPerSecond
            && configs.RequestsPerSecond > GoalRequestsPerSecond
            && peak < GoalResidentMiB
            && resources.Failures == 0
            && configs.Failures == 0;
        Console.WriteLine(
            string.Create(
                CultureInfo.InvariantCulture,
                $"sim_api containers={containers} nodes={nodeCount} concurrency={concurrency} resources_rps={resources.RequestsPerSecond:F0} config_rps={configs.RequestsPerSecond:F0} failures={resources.Failures + configs.Failures} rss_mb={rss:F0} peak_rss_mb={peak:F0} goal_rps={GoalRequestsPerSecond:F0} goal_rss_mb={GoalResidentMiB:F0} goal_met={(pass ? "yes" : "no")}"
            )
        );
        return 0;
    }

    // Creates the containers through the API in-process (no HTTP), round-robin over the nodes, then waits for the tasks.
    private static async Task PopulateAsync(SimulatorCluster cluster, int containers)
    {
        var nodes = cluster.NodeNames;
        for (var i = 0; i < containers; i++)
        {
            var vmid = (1000 + i).ToString(CultureInfo.InvariantCulture);
            await cluster.CallAsync(
                ApiRequest.Post(
                    $"/nodes/{nodes[i % nodes.Count]}/lxc",
                    new Dictionary<string, string>
                    {
                        ["vmid"] = vmid,
                        ["ostemplate"] = $"local:vztmpl/{OsTemplate.Debian12.FileName}",
                        ["hostname"] = $"ct{vmid}",
                        ["rootfs"] = "local-hdd:1",
                        ["memory"] = "512",
                        ["net0"] = $"name=eth0,bridge=vmbr2,ip=10.0.{30 + (i / 250)}.{10 + (i % 250)}/16,gw=10.0.30.1",
                    }
                )
            );
        }
        await cluster.WaitForIdleAsync(TimeSpan.FromMinutes(5));
    }

    private static async Task<List<(string Node, string Vmid)>> VmidsAsync(HttpClient client)
    {
        var data = JsonNode.Parse(await client.GetStringAsync("cluster/resources?type=vm"))!["data"]!.AsArray();
        return data.Select(r => ((string)r!["node"]!, ((int)r["vmid"]!).ToString(CultureInfo.InvariantCulture))).ToList();
    }

    private static HttpClient PinnedClient(SimulatorEndpoint endpoint, int connections)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) => endpoint.Presents(certificate);
        var client = new HttpClient(handler) { BaseAddress = endpoint.ApiUrl };
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", endpoint.Credentials.AuthorizationHeader);
        return client;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
