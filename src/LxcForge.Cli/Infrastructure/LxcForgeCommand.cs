using Spectre.Console;
using Spectre.Console.Cli;

namespace LxcForge.Cli.Infrastructure;

/// <summary>
/// Base of every <c>lxcforge</c> verb: applies the global options, and gives the command its output
/// helper and the shared spec loader. Throw <see cref="CliException"/> for a user-facing failure.
/// </summary>
public abstract class LxcForgeCommand<TSettings>(CliConsole io) : AsyncCommand<TSettings>
    where TSettings : GlobalSettings
{
    protected CliConsole Io { get; } = io;

    protected CliOutput Output { get; } = new(io);

    /// <summary>The parsed command line (for the words after <c>--</c>: <c>Context.Remaining.Raw</c>), once running.</summary>
    protected CommandContext? Context { get; private set; }

    public sealed override Task<int> ExecuteAsync(CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        Context = context;
        Io.Mode = settings.Output;
        Io.Verbose = settings.Verbose;
        return RunAsync(settings, cancellationToken);
    }

    protected abstract Task<int> RunAsync(TSettings settings, CancellationToken cancellationToken);

    /// <summary>
    /// Asks before a change that cannot be undone. <c>--yes</c> answers yes; off a terminal nothing is
    /// asked and the command stops (exit 2) rather than wait for an answer that cannot come.
    /// </summary>
    protected bool Confirm(TSettings settings, string question)
    {
        if (settings.Yes)
            return true;
        if (!Io.Error.Profile.Capabilities.Interactive)
            throw new CliException($"{question} Not asked: this is not a terminal; pass --yes to confirm.");
        return Io.Error.Confirm(question, defaultValue: false);
    }

    /// <summary>The valid spec; an invalid one stops the command with exit 2 before anything changes.</summary>
    protected LoadedSpec LoadSpec(TSettings settings) => SpecLoader.Load(Io, settings);
}
