using LxcForge.Cli.Commands.Demo;
using LxcForge.Lxc.Tests.Infra;
using LxcForge.Testing.Utils;

namespace LxcForge.Lxc.Tests.EndToEnd;

/// <summary><c>lxcforge demo --host lxc://PATH</c>: the README's way to see real containers, and what it says when it cannot.</summary>
[Trait("Category", RealLxc.Category)]
public sealed class LxcDemoSpecs
{
    [RealLxcFact]
    public async Task Demo_on_plain_lxc_deploys_real_postgresql_and_redis_and_prints_the_summary()
    {
        // Arrange: the demo's OS template is already on the storage (built from the test cache; no download here).
        await using var sandbox = await LxcSandbox.CreateAsync(await OsTemplateCache.DatabasesAsync(), LxcDemo.OsTemplate);
        using var dir = TempDir.Create();
        var cli = new LxcForgeProcess(sandbox.Network, dir.Path);

        // Act
        var demo = await cli.RunAsync("demo", "--host", sandbox.Address);

        // Assert
        demo.ExitCode.Should().Be(0, demo.ToString());
        demo.Stderr.Should().Contain("the demo deploys postgresql and redis");
        demo.Stdout.Should().Contain("2 deployed, 0 failed, 0 unchanged");
        (await sandbox.Host.ListContainersAsync()).Select(c => c.Vmid).Order().Should().Equal(200, 201, 900, 901);
    }

    [RealLxcFact]
    public async Task Demo_on_a_machine_without_the_fleets_bridge_says_how_to_make_it_and_touches_nothing()
    {
        // Arrange
        await using var sandbox = await LxcSandbox.CreateAsync(await OsTemplateCache.MinimalAsync(), LxcDemo.OsTemplate);
        using var dir = TempDir.Create();
        await File.WriteAllTextAsync(dir.Combine("fleet.yaml"), "network:\n  bridge: vmbr9\n");

        // Act
        var demo = await new LxcForgeProcess(sandbox.Network, dir.Path).RunAsync("demo", "--host", sandbox.Address, "-f", dir.Combine("fleet.yaml"));

        // Assert
        demo.ExitCode.Should().Be(3, demo.ToString());
        demo.Stderr.Should().Contain("there is no bridge 'vmbr9'").And.Contain("ip link add vmbr9 type bridge && ip addr add 10.0.30.1/24 dev vmbr9");
        (await sandbox.Host.ListContainersAsync()).Should().BeEmpty();
    }
}
