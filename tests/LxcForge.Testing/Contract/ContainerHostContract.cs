using LxcForge.Core.Hosting;

namespace LxcForge.Testing.Contract;

/// <summary>
/// The one contract every <see cref="IContainerHost"/> backend passes: the same scenarios, run against each
/// backend by a subclass that says how to make the host (<see cref="CreateHostAsync"/>) and what it cannot do
/// (<see cref="Exclusions"/>). Each scenario gets a fresh host and, where the backend offers one, checks the
/// result through a second, independent view (<see cref="ContractTarget.View"/>).
/// </summary>
/// <remarks>Scenarios live in the partial files beside this one, one concern per file.</remarks>
public abstract partial class ContainerHostContract : IAsyncLifetime
{
    private ContractTarget? _target;

    /// <summary>Makes the backend under test, with its environment and (ideally) an independent view.</summary>
    protected abstract Task<ContractTarget> CreateHostAsync();

    /// <summary>Scenarios (<see cref="ContractScenario"/> names) this backend cannot do, each with the reason.</summary>
    protected virtual IReadOnlyDictionary<string, string> Exclusions { get; } = new Dictionary<string, string>();

    protected ContractTarget Target => _target ?? throw new InvalidOperationException("the host was not created");

    protected IContainerHost Host => Target.Host;

    protected ContractEnvironment Env => Target.Environment;

    /// <summary>The root password the scenarios give the containers they create (tests may grep output for it).</summary>
    protected const string ContractRootPassword = "contract-root-pw-5e1f0c";

    public async Task InitializeAsync() => _target = await CreateHostAsync();

    public async Task DisposeAsync()
    {
        if (_target is null)
            return;
        await _target.Host.DisposeAsync();
        if (_target.Owned is not null)
            await _target.Owned.DisposeAsync();
    }

    /// <summary>Reports the scenario as skipped, with the backend's reason, when the backend excludes it.</summary>
    protected void SkipIfExcluded(string scenario) =>
        Skip.If(Exclusions.TryGetValue(scenario, out var reason), $"{scenario} is excluded for this backend: {reason}");

    /// <summary>Skips the scenario when it needs an independent view and the backend has none.</summary>
    protected IContractView RequireView(string scenario)
    {
        Skip.If(Target.View is null, $"{scenario} needs an independent view of the host, which this backend does not offer");
        return Target.View!;
    }

    protected int Vmid(int offset) => Env.FirstVmid + offset;

    protected string Address(int offset) => Env.AddressPrefix + (100 + offset);

    /// <summary>Makes sure the OS template is on its storage, downloading it when the host offers that.</summary>
    protected async Task EnsureOsTemplateAsync()
    {
        var present = await Host.GetOsTemplatesAsync(Env.Node, Env.OsTemplateStorage);
        if (present.Any(t => t.VolumeId == Env.OsTemplateVolumeId))
            return;
        await Host.DownloadOsTemplateAsync(Env.Node, Env.OsTemplateStorage, Env.OsTemplateName);
    }

    /// <summary>Creates a small stopped container with a static address on the environment's bridge.</summary>
    protected async Task<int> CreateContainerAsync(int offset, string? storage = null, string? hostname = null)
    {
        await EnsureOsTemplateAsync();
        var vmid = Vmid(offset);
        var store = storage ?? Env.TemplateStorage;
        await Host.CreateAsync(
            new CreateContainerRequest(vmid, Env.Node, Env.OsTemplateVolumeId, store)
            {
                RootPassword = ContractRootPassword,
                Options = new Dictionary<string, string>
                {
                    ["hostname"] = hostname ?? $"contract-{vmid}",
                    ["memory"] = "256",
                    ["swap"] = "0",
                    ["cores"] = "1",
                    ["rootfs"] = $"{store}:1",
                    ["net0"] = $"name=eth0,bridge={Env.Bridge},ip={Address(offset)}/24,gw={Env.Gateway}",
                    ["unprivileged"] = "1",
                    ["tags"] = "contract",
                },
            }
        );
        return vmid;
    }

    /// <summary>The container as the host reports it; fails the scenario when it does not exist.</summary>
    protected async Task<ContainerInfo> GetAsync(int vmid) =>
        await Host.GetContainerAsync(vmid) ?? throw new Xunit.Sdk.XunitException($"CT {vmid} should exist but the host does not report it");

    /// <summary>Asserts that the independent view (when there is one) sees <paramref name="key"/> = <paramref name="expected"/>.</summary>
    protected async Task ViewShouldSeeAsync(int vmid, string key, string? expected)
    {
        if (Target.View is null)
            return;
        var config = await Target.View.ReadConfigAsync(vmid);
        config.Should().NotBeNull($"the independent view should see CT {vmid}");
        config![key].Should().Be(expected, $"the independent view should see {key} of CT {vmid}");
    }

    protected async Task ViewShouldSeeStatusAsync(int vmid, ContainerStatus? expected)
    {
        if (Target.View is null)
            return;
        (await Target.View.ReadStatusAsync(vmid)).Should().Be(expected, $"the independent view should see CT {vmid} as {expected?.ToString() ?? "absent"}");
    }

    /// <summary>Runs <paramref name="action"/> and returns the <see cref="HostException"/> it must throw.</summary>
    protected static async Task<HostException> ShouldFailAsync(Func<Task> action)
    {
        var thrown = await action.Should().ThrowAsync<HostException>();
        return thrown.Which;
    }
}
