using System.Diagnostics;
using System.Text;
using LxcForge.Core.Hosting;

namespace LxcForge.Lxc.Tools;

/// <summary>
/// Runs host commands (lxc-*, tar, debootstrap…) with stdin, a controlled environment and a timeout.
/// Arguments never carry secrets: those go on stdin. An optional prefix (e.g. <c>nsenter --net=… --</c>)
/// runs the LXC tools inside another network/mount namespace.
/// </summary>
public sealed class CommandRunner
{
    /// <summary>How long to keep reading output after the process exited: a daemon it forked may hold the pipe.</summary>
    private static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(2);

    private readonly IReadOnlyList<string> _prefix;

    public CommandRunner(IReadOnlyList<string>? prefix = null) => _prefix = prefix ?? [];

    /// <summary>Runs <paramref name="command"/> (inside the namespace prefix when <paramref name="inNamespace"/>).</summary>
    public async Task<CommandResult> RunAsync(
        IReadOnlyList<string> command,
        TimeSpan timeout,
        CancellationToken cancellationToken,
        string? standardInput = null,
        IReadOnlyDictionary<string, string>? environment = null,
        bool inNamespace = true)
    {
        var argv = inNamespace ? [.. _prefix, .. command] : command.ToList();
        var psi = new ProcessStartInfo(argv[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in argv.Skip(1))
            psi.ArgumentList.Add(arg);
        if (environment is not null)
        {
            psi.Environment.Clear();
            foreach (var (k, v) in environment)
                psi.Environment[k] = v;
        }

        using var process = new Process { StartInfo = psi };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new HostException(HostErrorKind.Unsupported, $"cannot run '{argv[0]}': {ex.Message} (is it installed?)", ex);
        }

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var readOut = Pump(process.StandardOutput, stdout);
        var readErr = Pump(process.StandardError, stderr);
        var writeIn = Feed(process.StandardInput, standardInput);

        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutCts.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(timeoutCts.Token);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            cancellationToken.ThrowIfCancellationRequested();
            throw new HostException(HostErrorKind.Timeout, $"'{Describe(command)}' did not finish within {timeout.TotalSeconds:0} s");
        }

        try
        {
            await Task.WhenAll(readOut, readErr, writeIn).WaitAsync(DrainGrace, CancellationToken.None);
        }
        catch (TimeoutException)
        {
            // A daemon the command started (lxc-start's monitor) still holds the pipe: keep what was read.
        }

        lock (stdout)
        lock (stderr)
            return new CommandResult(process.ExitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs and throws <see cref="HostErrorKind.TaskFailed"/> with the output's tail when the exit code is not 0.</summary>
    public async Task<CommandResult> RunCheckedAsync(
        IReadOnlyList<string> command, TimeSpan timeout, string failure, CancellationToken cancellationToken,
        string? standardInput = null, bool inNamespace = true, int? vmid = null)
    {
        var result = await RunAsync(command, timeout, cancellationToken, standardInput, inNamespace: inNamespace);
        if (!result.Succeeded)
            throw new HostException(HostErrorKind.TaskFailed, $"{failure}: {string.Join(" / ", result.Tail(3))}") { Vmid = vmid, LogTail = result.Tail() };
        return result;
    }

    /// <summary>The command's program and flags for messages (never values that may be secret: only argv, which holds none).</summary>
    public static string Describe(IReadOnlyList<string> command) => string.Join(' ', command.Take(4));

    private static async Task Pump(StreamReader reader, StringBuilder sink)
    {
        var buffer = new char[8192];
        int n;
        while ((n = await reader.ReadAsync(buffer)) > 0)
        {
            lock (sink)
                sink.Append(buffer, 0, n);
        }
    }

    private static async Task Feed(StreamWriter writer, string? input)
    {
        try
        {
            if (input is not null)
                await writer.WriteAsync(input);
            writer.Close();
        }
        catch (IOException)
        {
            // The command exited without reading all of its stdin; its exit code tells the story.
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
    }
}
