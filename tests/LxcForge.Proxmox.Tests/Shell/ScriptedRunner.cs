using LxcForge.Proxmox.Shell.Runners;

namespace LxcForge.Proxmox.Tests.Shell;

/// <summary>
/// A test double for parser-level and verification tests only: answers each command from a script and records it.
/// Everything else runs the real shims through a real runner.
/// </summary>
internal sealed class ScriptedRunner(params (string CommandPrefix, CommandOutput Output)[] script) : ICommandRunner
{
    public List<CommandSpec> Commands { get; } = [];

    public string Description => "scripted";

    public Task<CommandOutput> RunAsync(CommandSpec command, CancellationToken cancellationToken = default)
    {
        Commands.Add(command);
        var text = command.ToString();
        var match = script.LastOrDefault(s => text.StartsWith(s.CommandPrefix, StringComparison.Ordinal));
        return Task.FromResult(match.Output ?? throw new InvalidOperationException($"no scripted answer for '{text}'"));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public static CommandOutput Ok(string stdout = "", string stderr = "") => new(0, stdout, stderr);
}
