using LxcForge.Core.Hosting;

namespace LxcForge.Simulator.Hosting;

/// <summary>
/// Lends the simulator's <c>pct exec</c> (<see cref="ISimulatorExec"/>) to the API backend, which has no exec
/// of its own: <c>--host sim://…</c> runs commands straight in the simulated containers' sandboxes.
/// </summary>
public sealed class SimulatorContainerExec(ISimulatorExec exec) : IContainerExec
{
    public string Description => "simulator pct exec";

    public async Task<ExecResult> ExecAsync(int vmid, ExecRequest request, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(request.Timeout);
        try
        {
            var result = await exec.ExecAsync(vmid, request.Command, request.StandardInput, request.Environment, timeout.Token);
            return new ExecResult(result.ExitCode, result.StandardOutput, result.StandardError);
        }
        catch (PveApiException e)
        {
            // pct exec fails like the API: a missing config, a stopped container, no command.
            var kind = e.Message.Contains("does not exist", StringComparison.Ordinal) ? HostErrorKind.NotFound : HostErrorKind.InvalidRequest;
            throw new HostException(kind, $"Unable to run a command in CT {vmid}: {e.Message.TrimEnd('\n')}") { Vmid = vmid };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HostException(HostErrorKind.Timeout, $"the command in CT {vmid} did not finish within {request.Timeout.TotalSeconds:0} s")
            {
                Vmid = vmid,
            };
        }
    }
}
