using LxcForge.Cli.Infrastructure;
using Spectre.Console.Testing;

namespace LxcForge.Cli.Tests.Infrastructure;

/// <summary>Runs <c>lxcforge</c> in-process against test consoles, in a given working directory.</summary>
public sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public static Task<CliRun> InAsync(string workingDirectory, params string[] args) => InAsync(workingDirectory, new Dictionary<string, string>(), args);

    /// <summary>Runs with <paramref name="environment"/> as the only environment variables the command sees.</summary>
    public static async Task<CliRun> InAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var stdout = new TestConsole();
        using var stderr = new TestConsole();
        stdout.Profile.Width = 200;
        stderr.Profile.Width = 200;
        var io = new CliConsole(stdout, stderr, workingDirectory) { EnvironmentVariable = name => environment.GetValueOrDefault(name) };
        var code = await CliApp.RunAsync(args, io);
        return new CliRun(code, stdout.Output, stderr.Output);
    }

    public IReadOnlyList<string> StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
