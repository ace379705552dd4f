using System.Text.RegularExpressions;
using LxcForge.Core.Hosting;

namespace LxcForge.Proxmox.Shell.Parsing;

/// <summary>What a worker run under the CLI printed: its warnings (the CLI prints no UPID, so there is no task id).</summary>
public static partial class TaskOutput
{
    public static TaskOutcome Outcome(string stdout, string stderr)
    {
        var lines = CliFailure.Lines(stdout).Concat(CliFailure.Lines(stderr)).ToList();
        var warnings = lines
            .Where(l => l.StartsWith("WARN:", StringComparison.Ordinal) || l.StartsWith("warning:", StringComparison.OrdinalIgnoreCase))
            .Select(l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim())
            .ToList();
        if (warnings.Count == 0 && lines.FirstOrDefault(l => FinishedWithWarnings().IsMatch(l)) is { } summary)
            warnings.Add(summary);
        return new TaskOutcome(null, warnings);
    }

    [GeneratedRegex(@"^Task finished with \d+ warning\(s\)!")]
    private static partial Regex FinishedWithWarnings();
}
