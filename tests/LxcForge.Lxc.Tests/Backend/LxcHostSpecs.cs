using LxcForge.Core.Hosting;
using LxcForge.Lxc.Tests.Infra;

namespace LxcForge.Lxc.Tests.Backend;

/// <summary>What the contract does not cover: LXC specifics on real containers (id mapping, the bridge, what is unsupported, interrupted clones).</summary>
[Trait("Category", RealLxc.Category)]
public sealed class LxcHostSpecs : IAsyncLifetime
{
    private const string TemplateName = "debian-12-standard_12.12-1_amd64.tar.zst";
    private LxcSandbox? _sandbox;

    private LxcSandbox Sandbox => _sandbox!;

    private LxcHost Host => Sandbox.Host;

    public async Task InitializeAsync()
    {
        if (RealLxc.SkipReason is null)
            _sandbox = await LxcSandbox.CreateAsync(await OsTemplateCache.MinimalAsync(), TemplateName);
    }

    public async Task DisposeAsync()
    {
        if (_sandbox is not null)
            await _sandbox.DisposeAsync();
    }

    [RealLxcFact]
    public async Task An_unprivileged_container_runs_as_root_mapped_to_roots_subordinate_ids_and_is_reachable_on_the_bridge()
    {
        // Arrange
        await CreateAsync(400, "10.0.30.140");

        // Act
        await Host.StartAsync(400);
        var map = await Host.ExecAsync(400, ExecRequest.Shell("cat /proc/self/uid_map; ip -4 -o addr show eth0; ip route show default"));
        // Nothing listens on port 9 of the bridge's address: "refused" (a TCP reset) proves the path works both ways.
        var probe = await Host.ExecAsync(
            400,
            new ExecRequest(["bash", "-c", $"exec 3<>/dev/tcp/{PrivateNetwork.Gateway}/9"]) { Timeout = TimeSpan.FromSeconds(30) }
        );

        // Assert
        map.Succeeded.Should().BeTrue(map.StandardError);
        map.StandardOutput.Should().MatchRegex($@"\s0\s+{Host.Facts.IdMap!.Start}\s+65536");
        map.StandardOutput.Should().Contain("10.0.30.140/24").And.Contain("default via 10.0.30.1");
        probe.StandardError.Should().Contain("Connection refused", "the host side of the bridge must answer the container");
    }

    [RealLxcFact]
    public async Task A_linked_clone_and_a_snapshot_are_reported_unsupported_not_faked()
    {
        // Arrange
        await CreateAsync(401, "10.0.30.141");
        await Host.ConvertToTemplateAsync(401);

        // Act
        var linked = await Record(() => Host.CloneAsync(new CloneRequest(401, 402) { Full = false }));
        var snapshot = await Record(() => Host.SnapshotAsync(401, "before"));

        // Assert
        linked.Should().BeOfType<HostException>().Which.Kind.Should().Be(HostErrorKind.Unsupported);
        snapshot.Should().BeOfType<HostException>().Which.Kind.Should().Be(HostErrorKind.Unsupported);
        (await Host.GetContainerAsync(402)).Should().BeNull();
        Host.Capabilities.LinkedClones.Should().BeFalse();
        Host.Capabilities.Snapshots.Should().BeFalse();
    }

    [RealLxcFact]
    public async Task An_interrupted_clone_leaves_no_half_container_and_the_next_clone_succeeds()
    {
        // Arrange
        await CreateAsync(403, "10.0.30.143");
        await Host.ConvertToTemplateAsync(403);
        using var cts = new CancellationTokenSource();
        var staging = Host.Layout.StagingDir;

        // Act: cancel the clone once its copy has begun (cp is killed, as kill -9 of LxcForge would stop it)
        var clone = Host.CloneAsync(new CloneRequest(403, 404) { Storage = "local-lvm" }, cts.Token);
        await WaitUntilAsync(() => Directory.Exists(staging) && Directory.EnumerateDirectories(staging).Any() || clone.IsCompleted);
        await cts.CancelAsync();
        var interrupted = await Record(() => clone);
        var afterInterrupt = await Host.GetContainerAsync(404);
        await Host.CloneAsync(new CloneRequest(403, 404) { Storage = "local-lvm", Hostname = "second-try" });

        // Assert
        if (interrupted is not null)
            afterInterrupt.Should().BeNull("a clone that did not finish must not leave a container behind");
        (await Host.GetContainerAsync(404))!.Config.Hostname.Should().Be("second-try");
    }

    private Task CreateAsync(int vmid, string ip) =>
        Host.CreateAsync(
            new CreateContainerRequest(vmid, Environment.MachineName, $"local:vztmpl/{TemplateName}", "local-hdd")
            {
                Options = new Dictionary<string, string>
                {
                    ["hostname"] = $"spec-{vmid}",
                    ["memory"] = "256",
                    ["net0"] = $"name=eth0,bridge={PrivateNetwork.Bridge},ip={ip}/24,gw={PrivateNetwork.Gateway}",
                    ["unprivileged"] = "1",
                },
            }
        );

    private static async Task<Exception?> Record(Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var delay = TimeSpan.FromMilliseconds(5);
        for (var waited = TimeSpan.Zero; !condition(); waited += delay)
        {
            if (waited > TimeSpan.FromSeconds(60))
                throw new TimeoutException("condition not met within 60 s");
            await Task.Delay(delay);
        }
    }
}
