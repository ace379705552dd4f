using LxcForge.Lxc.Tests.Infra;
using LxcForge.Testing.Contract;

namespace LxcForge.Lxc.Tests.Contract;

/// <summary>The backend contract against real LXC containers in a private network namespace, minus what LXC on directories cannot do.</summary>
[Trait("Category", RealLxc.Category)]
public sealed class LxcHostContractSpecs : ContainerHostContract
{
    private const string TemplateName = "debian-12-standard_12.12-1_amd64.tar.zst";

    protected override IReadOnlyDictionary<string, string> Exclusions { get; } =
        new Dictionary<string, string>
        {
            [ContractScenario.SnapshotRollback] =
                "plain-LXC storages are directories: lxc-snapshot could only copy or overlay them, so snapshots are reported Unsupported",
        };

    protected override async Task<ContractTarget> CreateHostAsync()
    {
        Skip.If(RealLxc.SkipReason is not null, RealLxc.SkipReason);
        var sandbox = await LxcSandbox.CreateAsync(await OsTemplateCache.MinimalAsync(), TemplateName);
        var env = new ContractEnvironment
        {
            Node = (await sandbox.Host.GetInfoAsync()).Nodes[0].Name,
            OsTemplateName = TemplateName,
            Bridge = PrivateNetwork.Bridge,
            Gateway = PrivateNetwork.Gateway,
        };
        var view = new LxcFilesView(sandbox.LxcPath, sandbox.Host.Layout.StorageRoot, sandbox.Network.Runner);
        return new ContractTarget(sandbox.Host, env, view, sandbox);
    }
}
