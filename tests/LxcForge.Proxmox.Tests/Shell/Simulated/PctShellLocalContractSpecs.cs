using LxcForge.Testing.Contract;
using LxcForge.Testing.Simulation;

namespace LxcForge.Proxmox.Tests.Shell.Simulated;

/// <summary>The backend contract for the pct shell backend running the simulator's node command line as local processes.</summary>
public sealed class PctShellLocalContractSpecs : ContainerHostContract
{
    private SimulatedShellNode? _node;

    /// <summary>Only what the simulator engine does not serve yet: the shell backend itself excludes nothing.</summary>
    protected override IReadOnlyDictionary<string, string> Exclusions { get; } = SimulatorRoutes.ContractExclusions();

    protected override async Task<ContractTarget> CreateHostAsync()
    {
        _node = await SimulatedShellNode.StartLocalAsync();
        return _node.ToContractTarget();
    }

    [SkippableFact]
    public async Task No_password_appears_in_any_argument_output_or_error()
    {
        // Act
        await ShellSecretsScenario.RunAsync(Host, () => CreateContainerAsync(0));

        // Assert
        _node!.CapturedText().Should().NotContain(t => t.Contains(ContractRootPassword, StringComparison.Ordinal) || t.Contains(ShellSecretsScenario.ExecSecret, StringComparison.Ordinal));
        _node.Transcript.Entries.Should().Contain(e => e.StartsWith("pct create", StringComparison.Ordinal) && e.EndsWith("--password", StringComparison.Ordinal));
    }
}
