using System.Diagnostics;

namespace LxcForge.Cli.Tests.Commands.Sim;

/// <summary>The real <c>lxcforge</c> as a child process, with its simulator states kept in a test's own data directory.</summary>
internal sealed class LxcForgeProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    public LxcForgeProcess(string workingDirectory) => WorkingDirectory = workingDirectory;

    public string WorkingDirectory { get; }

    /// <summary>XDG_DATA_HOME of the child (the kept clusters go below it), and a fast simulated clock.</summary>
    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    public ProcessStartInfo StartInfo(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = WorkingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "lxcforge.dll"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["XDG_DATA_HOME"] = Path.Combine(WorkingDirectory, "data");
        start.Environment["LXCFORGE_SIM_SPEED"] = "1000";
        foreach (var (key, value) in Environment)
            start.Environment[key] = value;
        return start;
    }

    /// <summary>Runs to the end (stdin closed at once); exit code, stdout and stderr.</summary>
    public async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var process = Process.Start(StartInfo(args))!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"lxcforge {string.Join(' ', args)} still running after {Timeout}: {await stderr}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
