using System.Globalization;
using LxcForge.Simulator.NodeCli.Output;

namespace LxcForge.Simulator.NodeCli.Tools;

/// <summary>
/// <c>lxc-attach -n VMID [--clear-env|--keep-env] [-v NAME=VALUE] [--keep-var NAME] [-- ] COMMAND…</c>:
/// LXC's own option syntax (not Proxmox's), the environment kept by default, the command's exit code.
/// Options stop at the first word that is not one; without a command it runs <c>/bin/sh</c>.
/// </summary>
internal static class LxcAttachTool
{
    private const string Usage = "Usage: lxc-attach --name=NAME [-- COMMAND]";

    public static async Task<int> RunAsync(CliContext context, IReadOnlyList<string> words)
    {
        string? name = null;
        var keepEnvironment = true;
        var extra = new Dictionary<string, string>(StringComparer.Ordinal);
        var keptVariables = new List<string>();
        var index = 0;
        for (; index < words.Count; index++)
        {
            var word = words[index];
            if (word == "--")
            {
                index++;
                break;
            }

            if (!word.StartsWith('-') || word == "-")
                break;

            var (option, inline) =
                word.Contains('=', StringComparison.Ordinal) && word.StartsWith("--", StringComparison.Ordinal)
                    ? (word[..word.IndexOf('=', StringComparison.Ordinal)], word[(word.IndexOf('=', StringComparison.Ordinal) + 1)..])
                    : (word, null);
            if (option.StartsWith("-n", StringComparison.Ordinal) && option.Length > 2 && !option.StartsWith("--", StringComparison.Ordinal))
                (option, inline) = ("-n", option[2..]);

            string Value() =>
                inline
                ?? (index + 1 < words.Count ? words[++index] : throw new AttachUsageException($"option requires an argument -- '{option.TrimStart('-')}'"));
            try
            {
                switch (option)
                {
                    case "-n" or "--name":
                        name = Value();
                        break;
                    case "--clear-env":
                        keepEnvironment = false;
                        break;
                    case "--keep-env":
                        keepEnvironment = true;
                        break;
                    case "-v" or "--set-var":
                        var assignment = Value();
                        var equals = assignment.IndexOf('=', StringComparison.Ordinal);
                        if (equals > 0)
                            extra[assignment[..equals]] = assignment[(equals + 1)..];
                        break;
                    case "--keep-var":
                        keptVariables.Add(Value());
                        break;
                    case "-q" or "--quiet":
                        break;
                    default:
                        throw new AttachUsageException($"unrecognized option '{word}'");
                }
            }
            catch (AttachUsageException e)
            {
                context.PrintError($"lxc-attach: {e.Message}");
                context.PrintError(Usage);
                return 1;
            }
        }

        if (name is null)
        {
            context.PrintError("lxc-attach: missing container name, use --name option");
            return 1;
        }

        var command = words.Skip(index).ToList();
        if (command.Count == 0)
            command.Add("/bin/sh");

        if (!int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var vmid) || !await IsRunningAsync(context, vmid))
        {
            context.PrintError($"lxc-attach: {name}: attach.c: get_attach_context: 405 Connection refused - Failed to get init pid");
            context.PrintError($"lxc-attach: {name}: attach.c: lxc_attach: 1470 Connection refused - Failed to get attach context");
            return 1;
        }

        foreach (var kept in keptVariables.Where(v => !keepEnvironment && context.Environment.ContainsKey(v)))
            extra.TryAdd(kept, context.Environment[kept]);
        return await Attach.RunAsync(context, vmid, command, context.Environment, keepEnvironment, extra);
    }

    private static async Task<bool> IsRunningAsync(CliContext context, int vmid)
    {
        try
        {
            var status = await context.GetAsync(context.NodePath($"/lxc/{vmid}/status/current"));
            return PerlText.Of(status?["status"]) == "running";
        }
        catch (PveApiException)
        {
            return false;
        }
    }

    private sealed class AttachUsageException(string message) : Exception(message);
}
