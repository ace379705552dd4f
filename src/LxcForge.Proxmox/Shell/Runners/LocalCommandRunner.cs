using System.ComponentModel;
using System.Diagnostics;
using LxcForge.Core.Hosting;

namespace LxcForge.Proxmox.Shell.Runners;

/// <summary>Runs commands as child processes of this one: the <c>--host local</c> case (LxcForge on the Proxmox node itself).</summary>
public sealed class LocalCommandRunner : ICommandRunner
{
    /// <param name="extraPath">Directories put in front of <c>PATH</c> for every command (tests put the simulator's shims there).</param>
    public LocalCommandRunner(string? extraPath = null) => _extraPath = extraPath;

    private static readonly System.Text.UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly string? _extraPath;

    public string Description => "local";

    public async Task<CommandOutput> RunAsync(CommandSpec command, CancellationToken cancellationToken = default)
    {
        var psi = new ProcessStartInfo(ResolveProgram(command.Program))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = Utf8,
            StandardOutputEncoding = Utf8,
            StandardErrorEncoding = Utf8,
        };
        foreach (var arg in command.Arguments)
            psi.ArgumentList.Add(arg);
        if (_extraPath is not null)
            psi.Environment["PATH"] = _extraPath + Path.PathSeparator + (psi.Environment.TryGetValue("PATH", out var path) ? path : "/usr/bin:/bin");
        foreach (var (key, value) in command.Environment)
            psi.Environment[key] = value;

        using var process = new Process { StartInfo = psi };
        try
        {
            process.Start();
        }
        catch (Win32Exception)
        {
            // Same answer a shell gives, so callers treat "not installed" alike for local and SSH runners.
            return new CommandOutput(127, "", $"{command.Program}: command not found");
        }

        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(command.Timeout);
        try
        {
            await WriteStandardInputAsync(process, command.StandardInput, timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            cancellationToken.ThrowIfCancellationRequested();
            throw new HostException(HostErrorKind.Timeout, $"'{command}' did not finish within {command.Timeout} and was killed");
        }

        return new CommandOutput(process.ExitCode, await stdout, await stderr);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private string ResolveProgram(string program)
    {
        // ProcessStartInfo searches this process's PATH, not the child's: look in the extra directories first.
        if (_extraPath is null || program.Contains('/', StringComparison.Ordinal))
            return program;
        return _extraPath.Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists) ?? program;
    }

    private static async Task WriteStandardInputAsync(Process process, string? input, CancellationToken cancellationToken)
    {
        try
        {
            if (input is not null)
            {
                await process.StandardInput.WriteAsync(input.AsMemory(), cancellationToken);
                await process.StandardInput.FlushAsync(cancellationToken);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The program exited without reading all of its input; its exit code tells the story.
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
            // Already gone.
        }
    }
}
