using System.Collections.Concurrent;
using LxcForge.Proxmox.Shell.Runners;

namespace LxcForge.Proxmox.Tests.Shell.Simulated;

/// <summary>
/// Wraps a real runner and keeps everything that crossed it (command lines, environment, outputs, errors), so a test
/// can search all captured text for the secrets it used. It changes nothing that passes through.
/// </summary>
internal sealed class CommandTranscript(ICommandRunner inner) : ICommandRunner
{
    private readonly ConcurrentQueue<string> _entries = new();

    public string Description => inner.Description;

    /// <summary>Every command line, environment value, stdout, stderr and exception message seen so far.</summary>
    public IReadOnlyCollection<string> Entries => _entries;

    /// <summary>Stdin is not part of the transcript: it is where secrets are meant to go.</summary>
    public async Task<CommandOutput> RunAsync(CommandSpec command, CancellationToken cancellationToken = default)
    {
        _entries.Enqueue(command.ToString());
        foreach (var (key, value) in command.Environment)
            _entries.Enqueue($"{key}={value}");
        try
        {
            var output = await inner.RunAsync(command, cancellationToken);
            _entries.Enqueue(output.StandardOutput);
            _entries.Enqueue(output.StandardError);
            return output;
        }
        catch (Exception e)
        {
            _entries.Enqueue(e.ToString());
            throw;
        }
    }

    public void Record(string text) => _entries.Enqueue(text);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
