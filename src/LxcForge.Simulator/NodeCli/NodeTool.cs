using LxcForge.Simulator.NodeCli.Syntax;

namespace LxcForge.Simulator.NodeCli;

/// <summary>
/// A node tool built on Proxmox's CLI handler (<c>pct</c>, <c>pvesm</c>, <c>pveam</c>, <c>pvesh</c>,
/// <c>vzdump</c>, <c>pveversion</c>): picks the subcommand, parses its arguments and turns errors into the
/// real tools' output and exit codes.
/// </summary>
internal sealed class NodeTool
{
    private readonly IReadOnlyList<CliCommand> commands;
    private readonly IReadOnlySet<string> notSimulated;

    /// <param name="notSimulated">Real subcommands this simulator does not offer: they fail with a clear message instead of "unknown command".</param>
    public NodeTool(string name, IReadOnlyList<CliCommand> commands, IEnumerable<string>? notSimulated = null)
    {
        Name = name;
        this.commands = commands;
        this.notSimulated = (notSimulated ?? []).ToHashSet(StringComparer.Ordinal);
    }

    public string Name { get; }

    private bool HasSubcommands => commands.Any(c => c.Name is not null);

    public Task<int> RunAsync(CliContext context, IReadOnlyList<string> words)
    {
        if (!HasSubcommands)
            return RunCommandAsync(context, commands[0], words);

        if (words.Count == 0)
            return Task.FromResult(ShortUsage(context, "no command specified"));
        var name = words[0];
        if (name == "help")
        {
            context.Out.Append(UsageList());
            return Task.FromResult(0);
        }

        if (notSimulated.Contains(name))
        {
            context.PrintError($"{Name} {name}: not available on the LxcForge simulator");
            return Task.FromResult(255);
        }

        var command = commands.FirstOrDefault(c => c.Name == name);
        return command is null
            ? Task.FromResult(ShortUsage(context, $"unknown command '{Name} {name}'"))
            : RunCommandAsync(context, command, words.Skip(1).ToList());
    }

    private static async Task<int> RunCommandAsync(CliContext context, CliCommand command, IReadOnlyList<string> words)
    {
        try
        {
            var arguments = CliParser.Parse(command, words);
            return await command.Handler(context, arguments);
        }
        catch (CliUsageException e)
        {
            foreach (var warning in e.Warnings)
                context.PrintError(warning);
            context.PrintError($"400 {e.Message}");
            context.PrintError(command.Synopsis);
        }
        catch (CliParameterException e)
        {
            PrintParameterErrors(context, command, e.Errors);
        }
        catch (PveApiException e) when (e.Errors.Count > 0)
        {
            PrintParameterErrors(context, command, e.Errors);
        }
        catch (PveApiException e)
        {
            // A plain die reaches the API as a 500 without a code of its own; raised errors keep theirs.
            context.PrintError(e.StatusCode == 500 ? e.Message : $"{e.StatusCode} {e.Message}");
        }
        catch (CliDieException e)
        {
            context.PrintError(e.Message);
        }

        return 255;
    }

    private static void PrintParameterErrors(CliContext context, CliCommand command, IReadOnlyDictionary<string, string> errors)
    {
        context.PrintError("400 Parameter verification failed.");
        foreach (var (parameter, message) in errors.OrderBy(e => e.Key, StringComparer.Ordinal))
            context.PrintError($"{parameter}: {message}");
        context.PrintError(command.Synopsis);
    }

    private int ShortUsage(CliContext context, string problem)
    {
        context.PrintError($"ERROR: {problem}");
        context.Err.Append(UsageList());
        return 255;
    }

    private string UsageList()
    {
        var lines = new List<string> { $"USAGE: {Name} <COMMAND> [ARGS] [OPTIONS]" };
        lines.AddRange(commands.OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => "       " + c.Synopsis));
        lines.Add("");
        lines.Add($"       {Name} help [<extra-args>] [OPTIONS]");
        return string.Join('\n', lines) + "\n";
    }
}
