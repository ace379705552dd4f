using LxcForge.Testing.Contract;
using LxcForge.Testing.Simulation;
using LxcForge.Testing.Ssh;

namespace LxcForge.Proxmox.Tests.Shell.Simulated;

/// <summary>
/// The backend contract for the pct shell backend running the simulator's node command line: as local processes
/// (<c>--host local</c>), or in SSH sessions of a real sshd on 127.0.0.1 with host-key checking on (<c>--host ssh://</c>).
/// </summary>
public abstract class PctShellContractSpecs : ContainerHostContract
{
    private SimulatedShellNode? _node;

    /// <summary>Only what the simulator engine does not serve yet: the shell backend itself excludes nothing.</summary>
    protected override IReadOnlyDictionary<string, string> Exclusions { get; } = SimulatorRoutes.ContractExclusions();

    private protected abstract Task<SimulatedShellNode> StartNodeAsync();

    protected override async Task<ContractTarget> CreateHostAsync()
    {
        _node = await StartNodeAsync();
        return _node.ToContractTarget();
    }

    [SkippableFact]
    public async Task No_password_appears_in_any_argument_output_error_or_log()
    {
        // Act
        await ShellSecretsScenario.RunAsync(Host, () => CreateContainerAsync(0));

        // Assert
        _node!
            .CapturedText()
            .Should()
            .NotContain(t =>
                t.Contains(ContractRootPassword, StringComparison.Ordinal) || t.Contains(ShellSecretsScenario.ExecSecret, StringComparison.Ordinal)
            );
        _node
            .Transcript.Entries.Should()
            .Contain(e => e.StartsWith("pct create", StringComparison.Ordinal) && e.EndsWith("--password", StringComparison.Ordinal));
    }
}

public sealed class PctShellLocalContractSpecs : PctShellContractSpecs
{
    private protected override Task<SimulatedShellNode> StartNodeAsync() => SimulatedShellNode.StartLocalAsync();
}

public sealed class PctShellSshContractSpecs : PctShellContractSpecs
{
    private protected override Task<SimulatedShellNode> StartNodeAsync()
    {
        Skip.If(SshdServer.UnavailableReason is not null, SshdServer.UnavailableReason);
        return SimulatedShellNode.StartOverSshAsync();
    }
}
