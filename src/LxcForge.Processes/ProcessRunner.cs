using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using CliWrap;
using LxcForge.Core.Hosting;

namespace LxcForge.Processes;

/// <summary>
/// The one way LxcForge starts a local process (CliWrap underneath). Its contract, relied on by every caller:
/// <list type="bullet">
/// <item>A program that cannot be started is not an exception: the result is exit 127 with
/// <c>PROG: command not found</c> on stderr, exactly what a shell (and so the SSH runner) answers.</item>
/// <item>Stdin is written then closed; a program that exits without reading it is not an error.</item>
/// <item>On the caller's cancellation the whole process tree is killed and <see cref="OperationCanceledException"/> is thrown;
/// past <see cref="ProcessRequest.Timeout"/> the tree is killed and <see cref="HostErrorKind.Timeout"/> is thrown.</item>
/// <item>Output is kept up to <see cref="ProcessRequest.OutputLimit"/> per stream; with <see cref="ProcessRequest.DrainGrace"/>, a pipe
/// a forked daemon still holds after the program exits is read for that long at most.</item>
/// </list>
/// </summary>
public static class ProcessRunner
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static async Task<ProcessResult> RunAsync(ProcessRequest request, CancellationToken cancellationToken = default)
    {
        var program = Resolve(request.Program, request.ExtraPath);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (request.Timeout is { } limit)
            timeout.CancelAfter(limit);
        using var drained = new CancellationTokenSource();
        var stdout = new BoundedText(request.OutputLimit);
        var stderr = new BoundedText(request.OutputLimit);

        var command = Cli.Wrap(program)
            .WithArguments(request.Arguments)
            .WithEnvironmentVariables(Environment(request))
            .WithStandardInputPipe(request.StandardInput is null ? PipeSource.Null : PipeSource.FromString(request.StandardInput, Utf8))
            .WithStandardOutputPipe(PipeTarget.Create((stream, _) => stdout.ReadAsync(stream, drained.Token)))
            .WithStandardErrorPipe(PipeTarget.Create((stream, _) => stderr.ReadAsync(stream, drained.Token)))
            .WithValidation(CommandResultValidation.None);

        CommandTask<CommandResult> task;
        try
        {
            task = command.ExecuteAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is Win32Exception or InvalidOperationException)
        {
            return ProcessResult.NotFound(request.Program);
        }

        if (request.DrainGrace is { } grace)
            _ = StopDrainingAfterExitAsync(task.ProcessId, grace, drained);
        try
        {
            var result = await task;
            return new ProcessResult(result.ExitCode, stdout.Text, stderr.Text);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HostException(
                HostErrorKind.Timeout,
                $"'{request.Describe()}' did not finish within {request.Timeout?.TotalSeconds:0.#} s and was killed"
            );
        }
    }

    /// <summary>Once the program has exited, gives its pipes <paramref name="grace"/> to reach end of file, then stops reading them.</summary>
    private static async Task StopDrainingAfterExitAsync(int processId, TimeSpan grace, CancellationTokenSource drained)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            await process.WaitForExitAsync();
        }
        catch (ArgumentException)
        {
            // Already exited and reaped.
        }
        catch (InvalidOperationException) { }

        try
        {
            drained.CancelAfter(grace);
        }
        catch (ObjectDisposedException)
        {
            // The run finished first.
        }
    }

    private static Dictionary<string, string?> Environment(ProcessRequest request)
    {
        var env = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (request.ReplaceEnvironment)
        {
            foreach (var key in System.Environment.GetEnvironmentVariables().Keys.Cast<string>())
                env[key] = null;
        }

        if (request.ExtraPath is not null)
            env["PATH"] = request.ExtraPath + Path.PathSeparator + (System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin");
        foreach (var (key, value) in request.Environment ?? new Dictionary<string, string>())
            env[key] = value;
        return env;
    }

    /// <summary>Finds <paramref name="program"/> in the extra directories first (the child's PATH is not the one searched to start it).</summary>
    private static string Resolve(string program, string? extraPath)
    {
        if (extraPath is null || program.Contains('/', StringComparison.Ordinal))
            return program;
        return extraPath.Split(Path.PathSeparator).Select(dir => Path.Combine(dir, program)).FirstOrDefault(File.Exists) ?? program;
    }
}
