using System.Diagnostics;
using LxcForge.Lxc.Tests.Infra;

namespace LxcForge.Lxc.Tests.EndToEnd;

/// <summary>What a finished <c>lxcforge</c> process printed.</summary>
public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>
/// The real <c>lxcforge</c> (the build beside the tests) run as a child process inside the private network
/// namespace, as a user would run it on a box whose bridge is <c>vmbr2</c>; its own data and cache directories.
/// </summary>
public sealed class LxcForgeProcess(PrivateNetwork network, string workingDirectory)
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    public ProcessStartInfo StartInfo(params string[] args)
    {
        var psi = new ProcessStartInfo(network.Enter[0])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in network.Enter.Skip(1))
            psi.ArgumentList.Add(arg);
        psi.ArgumentList.Add("dotnet");
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "lxcforge.dll"));
        foreach (var arg in args)
            psi.ArgumentList.Add(arg);
        psi.Environment["XDG_DATA_HOME"] = Path.Combine(workingDirectory, "data");
        psi.Environment["XDG_CACHE_HOME"] = Path.Combine(workingDirectory, "cache");
        psi.Environment["NO_COLOR"] = "1";
        return psi;
    }

    public async Task<ProcessResult> RunAsync(params string[] args)
    {
        using var process = Process.Start(StartInfo(args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"lxcforge {string.Join(' ', args)} did not finish within {Limit.TotalMinutes} minutes");
        }

        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }
}
