using System.Diagnostics;
using LxcForge.Cli.Infrastructure;
using LxcForge.Testing.Utils;

namespace LxcForge.Cli.Tests.Infrastructure;

/// <summary>The real <c>lxcforge</c> process: exit codes, stdout/stderr, and no ANSI escapes when redirected.</summary>
public class ProcessSpecs
{
    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(string workingDirectory, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "lxcforge.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment.Remove("NO_COLOR");
        start.Environment["TERM"] = "xterm-256color";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    [Fact]
    public async Task The_real_process_prints_its_version()
    {
        using var dir = TempDir.Create();

        var (code, stdout, _) = await RunAsync(dir.Path, "--version");

        code.Should().Be(ExitCodes.Ok);
        stdout.Trim().Should().Be(CliApp.Version);
    }

    [Fact]
    public async Task The_real_process_reports_problems_on_stderr_without_colours_and_exits_2()
    {
        // Arrange
        using var dir = TempDir.Create();
        await File.WriteAllTextAsync(dir.Combine("fleet.yaml"), "network:\n  brige: vmbr3\n");

        // Act
        var (code, stdout, stderr) = await RunAsync(dir.Path, "validate");
        var (usageCode, _, usageStderr) = await RunAsync(dir.Path, "bogus");

        // Assert
        code.Should().Be(ExitCodes.BadInput);
        stdout.Should().BeEmpty();
        stderr.Should().StartWith("fleet.yaml:2:3: network.brige: unknown key 'brige'");
        usageCode.Should().Be(ExitCodes.BadInput);
        (stderr + usageStderr).Should().NotContain("\u001b[");
    }
}
