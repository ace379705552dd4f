using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using LxcForge.Core.Catalog;
using LxcForge.Core.Catalog.Services;
using LxcForge.Core.Execution;
using LxcForge.Core.Hosting;
using LxcForge.Core.Ownership;
using LxcForge.Core.Planning;
using LxcForge.Core.Spec;
using LxcForge.Core.State;
using LxcForge.Simulator;
using LxcForge.Simulator.Engine;
using LxcForge.Testing.Simulation;

namespace LxcForge.Bench.Deploy;

/// <summary>
/// The default fleet on the simulator's default profile. Makespans are simulated seconds (the simulator's clock);
/// the lower bound is the simulator's (the busiest storage's bytes over its bandwidth, plus the start and
/// network-up of the last container cloned). The original scripts' method (docs/fleet-design.md#the-original-scripts) is one service at a time with a fixed 30 s wait
/// after start. Options: <c>--speed N</c> (simulated seconds per real second, default 5).
/// </summary>
internal static class DeployBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var speed = args.Length >= 2 && args[0] == "--speed" ? double.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        var fleet = FleetDefaults.Seed;
        Console.WriteLine($"deploy: the default fleet's {fleet.Services.Count} services on the simulator's default profile, time ×{speed}");

        // (a) LxcForge's default, then the no-op re-run.
        await using var ours = await BenchHost.StartAsync(speed);
        await new StandInTemplates(ours.Host).BuildAsync(fleet);
        var lowerBound = await LowerBoundAsync(ours, fleet);
        using var state = StateStore.InMemory();
        var deployer = new Deployer(ours.Host, new HostState(state, "bench"), ours.Cluster.Clock);
        _ = await deployer.PlanAsync(fleet); // warm-up, untimed: the first plan pays for JIT compilation, not for the host
        var t0 = ours.Cluster.SimulatedElapsed;
        var result = await deployer.RunAsync(fleet, await deployer.PlanAsync(fleet));
        var makespan = (ours.Cluster.SimulatedElapsed - t0).TotalSeconds;
        if (!result.Succeeded)
            throw new InvalidOperationException("deploy failed: " + string.Join("; ", result.Outcomes.Select(o => o.Error)));
        Console.WriteLine($"  lxcforge default (parallel {result.Parallel}): {makespan:F1} s simulated");
        foreach (var o in result.Outcomes)
            Console.WriteLine(
                $"    {o.Service, -22} {string.Join(" ", o.PhaseTimes.Select(p => $"{p.Key.ToString().ToLowerInvariant()}={p.Value.TotalSeconds:F1}"))}"
            );
        var tasks = (
            await ours.Cluster.CallAsync(
                ApiRequest.Get($"/nodes/{ours.Cluster.NodeNames[0]}/tasks", new Dictionary<string, string> { ["limit"] = "500", ["source"] = "all" })
            )
        )!.AsArray();
        foreach (
            var t in tasks
                .Select(t => (string)t!["upid"]!)
                .Select(u => (u, ours.Cluster.GetTaskTiming(u)!))
                .Where(x => x.Item2.Started >= t0)
                .OrderBy(x => x.Item2.Started)
        )
            Console.WriteLine(
                $"    task {t.u.Split(':')[5], -10} {t.u.Split(':')[6], -4} {(t.Item2.Started - t0).TotalSeconds, 6:F1} → {(t.Item2.Ended - t0)?.TotalSeconds, 6:F1}"
            );
        var stopwatch = Stopwatch.StartNew();
        var noop = await deployer.RunAsync(fleet, await deployer.PlanAsync(fleet));
        var noopSeconds = stopwatch.Elapsed.TotalSeconds;
        Console.WriteLine($"  no-op re-run: {noopSeconds:F3} s real, changed nothing: {noop.ChangedNothing}");

        // (b) The original scripts' own method on a fresh host.
        await using var seed = await BenchHost.StartAsync(speed);
        await new StandInTemplates(seed.Host).BuildAsync(fleet);
        var s0 = seed.Cluster.SimulatedElapsed;
        await SeedMethodAsync(seed, fleet);
        var seedMethod = (seed.Cluster.SimulatedElapsed - s0).TotalSeconds;
        Console.WriteLine($"  original scripts' method (one at a time, 30 s wait after start): {seedMethod:F1} s simulated");
        Console.WriteLine(
            $"  lower bound (time model): {lowerBound:F1} s; lxcforge/lower = {makespan / lowerBound:F2} (goal ≤ 1.15), seed/lxcforge = {seedMethod / makespan:F2}"
        );

        // (c) plan for 1,000 services against 1,000 containers.
        var plan1000 = await Plan1000Async();
        Console.WriteLine($"  plan, 1,000 services against 1,000 containers: {plan1000:F3} s real");

        Console.WriteLine(
            string.Create(
                CultureInfo.InvariantCulture,
                $"makespan_s={makespan:F1} seed_method_s={seedMethod:F1} lower_bound_s={lowerBound:F1} ratio_lower={makespan / lowerBound:F2} ratio_seed={seedMethod / makespan:F2} noop_rerun_s={noopSeconds:F3} plan_1000_s={plan1000:F3}"
            )
        );
        return 0;
    }

    /// <summary>
    /// The simulator's own bound (<see cref="SimulatorCluster.LowerBound(IEnumerable{StreamDemand}, TimeSpan, string?)"/>):
    /// the busiest storage's bytes over its bandwidth — every clone reads its template's used bytes from the template
    /// storage and writes them to the service storage — plus the chain no schedule can overlap with the last clone:
    /// that container's start and network-up.
    /// </summary>
    private static async Task<double> LowerBoundAsync(BenchHost sim, FleetSpec fleet)
    {
        var content = (await sim.Cluster.CallAsync(ApiRequest.Get($"/nodes/{sim.Cluster.NodeNames[0]}/storage/{fleet.Storage.Templates}/content")))!.AsArray();
        var streams = FleetInstances
            .Expand(fleet)
            .Select(d => new StreamDemand(
                fleet.Storage.Templates,
                d.Storage,
                content
                    .Where(v => (int?)v!["vmid"] == d.TemplateCtid && ((string?)v!["content"]) is "rootdir" or "images")
                    .Sum(v => (long?)(v!["used"] ?? v["size"]) ?? 0)
            ))
            .ToList();
        Console.WriteLine($"  templates' used bytes to clone: {streams.Sum(s => s.Bytes) / 1e9:F2} GB from {fleet.Storage.Templates}");
        var model = sim.Cluster.TimeModel;
        return sim.Cluster.LowerBound(streams, model.StartDuration + model.NetworkDelay).TotalSeconds;
    }

    /// <summary>deploy-all-services.sh: for each service in turn, clone, set net0, start, wait 30 s, configure.</summary>
    private static async Task SeedMethodAsync(BenchHost sim, FleetSpec fleet)
    {
        var all = FleetInstances.Expand(fleet);
        foreach (var d in all)
        {
            await sim.Host.CloneAsync(
                new CloneRequest(d.TemplateCtid, d.Ctid)
                {
                    Hostname = d.Hostname,
                    Storage = d.Storage,
                    Full = true,
                }
            );
            await sim.Host.UpdateConfigAsync(d.Ctid, ConfigChange.Of(("net0", $"name=eth0,bridge={d.Bridge},ip={d.Cidr},gw={d.Gateway}")));
            await sim.Host.StartAsync(d.Ctid);
            await Task.Delay(TimeSpan.FromSeconds(30), sim.Cluster.Clock);
            var recipe = ServiceRegistry.For(d)!;
            var secrets = recipe.AllSecretNames.ToDictionary(n => n, _ => StateStore.GenerateSecret());
            foreach (var step in recipe.AllConfigureSteps(new ServiceContext(d, fleet, all)))
                await sim.Host.ExecAsync(d.Ctid, step.ToRequest(secrets));
        }
    }

    /// <summary>Real time only: the cluster runs fast (×1000) so creating the 1,000 containers takes seconds.</summary>
    private static async Task<double> Plan1000Async()
    {
        await using var sim = await BenchHost.StartAsync(1000);
        var node = sim.Cluster.NodeNames[0];
        var baseService = FleetDefaults.Seed.Services[0];
        var services = Enumerable
            .Range(0, 1000)
            .Select(i => baseService with { Name = $"svc{i}", Ctid = 1000 + i, Hostname = $"svc{i}", Ip = $"10.0.{30 + (i / 200)}.{10 + (i % 200)}" })
            .ToList();
        var fleet = FleetDefaults.Seed with
        {
            Network = FleetDefaults.Seed.Network with { Subnet = "10.0.0.0/16" },
            Ids = new IdRanges { Services = new IdRange(1000, 1999) },
            Services = services,
        };
        // Alpine's 9 MB root filesystems: a thousand Debian ones would not fit on the fleet design's 500 GB HDD.
        const string alpine = "alpine-3.22-default_20250617_amd64.tar.zst";
        await sim.Cluster.CallAsync(ApiRequest.Post($"/nodes/{node}/aplinfo", new Dictionary<string, string> { ["storage"] = "local", ["template"] = alpine }));
        await sim.Cluster.WaitForIdleAsync(TimeSpan.FromMinutes(1));
        var desired = FleetInstances.Expand(fleet);
        foreach (var d in desired)
        {
            await sim.Cluster.CallAsync(
                ApiRequest.Post(
                    $"/nodes/{node}/lxc",
                    new Dictionary<string, string>
                    {
                        ["vmid"] = d.Ctid.ToString(CultureInfo.InvariantCulture),
                        ["ostemplate"] = $"local:vztmpl/{alpine}",
                        ["hostname"] = d.Hostname,
                        ["rootfs"] = "local-hdd:1",
                        ["memory"] = "1024",
                        ["net0"] = d.Net0(null).ToString(),
                        ["description"] = OwnedDescription.For(d, OwnershipMarker.NewId()),
                        ["tags"] = "lxcforge",
                    }
                )
            );
        }

        await sim.Cluster.WaitForIdleAsync(TimeSpan.FromMinutes(5));
        using var state = StateStore.InMemory();
        var deployer = new Deployer(sim.Host, new HostState(state, "bench"), TimeProvider.System);
        var stopwatch = Stopwatch.StartNew();
        var plan = await deployer.PlanAsync(fleet);
        var seconds = stopwatch.Elapsed.TotalSeconds;
        stopwatch.Restart();
        _ = await ObservedState.ReadAsync(sim.Host, desired);
        var read = stopwatch.Elapsed.TotalSeconds;
        Console.WriteLine(
            $"  plan_1000: {plan.Items.Count} items, {plan.Count(PlanAction.Update)} to update, {plan.Count(PlanAction.Error)} errors, "
                + $"{plan.Items.Count(i => i.IsNoop)} nothing to do; reading the host alone (list + 1,000 configs) again: {read:F3} s"
        );
        foreach (var e in plan.Items.Where(i => i.Action == PlanAction.Error).Take(3))
            Console.WriteLine($"    error: {e.Error}");
        return seconds;
    }
}
