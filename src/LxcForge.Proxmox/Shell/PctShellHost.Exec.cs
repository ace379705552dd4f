using System.Text.RegularExpressions;
using LxcForge.Core.Hosting;
using LxcForge.Proxmox.Shell.Parsing;

namespace LxcForge.Proxmox.Shell;

public sealed partial class PctShellHost
{
    /// <summary>
    /// <c>pct exec VMID -- command…</c>: stdin streamed in, the command's own exit code returned.
    /// </summary>
    /// <remarks>
    /// The environment is given to the <c>pct</c> process itself, and <c>--keep-env 1</c> carries it into the container
    /// (lxc-attach --keep-env), so no value appears in any argument list inside the container. Over SSH the values do
    /// appear in the remote shell's command line: the environment is for non-secret settings; secrets go on stdin.
    /// </remarks>
    public async Task<ExecResult> ExecAsync(int vmid, ExecRequest request, CancellationToken cancellationToken = default)
    {
        if (request.Command.Count == 0)
            throw new ArgumentException("exec needs a command", nameof(request));
        var args = new List<string> { "exec", Id(vmid) };
        if (request.Environment.Count > 0)
            args.AddRange(["--keep-env", "1"]);
        args.Add("--");
        args.AddRange(request.Command);
        var command = TaskCmd("pct", args) with { StandardInput = request.StandardInput, Environment = request.Environment, Timeout = request.Timeout };
        var output = await _runner.RunAsync(command, cancellationToken);

        // 255 is also a command's own exit code: only pct's own refusals become exceptions.
        if (output.ExitCode == 255 && PctRefusal().IsMatch(output.StandardError))
            throw CliFailure.ToException(command, output, vmid);
        if (output.ExitCode == 127 && output.StandardError.Contains("pct: command not found", StringComparison.Ordinal))
            throw CliFailure.ToException(command, output, vmid);
        return new ExecResult(output.ExitCode, output.StandardOutput, output.StandardError);
    }

    [GeneratedRegex(@"^(container '\d+' not running!|Configuration file '[^']*' does not exist|missing command)", RegexOptions.Multiline)]
    private static partial Regex PctRefusal();
}
