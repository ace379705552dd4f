namespace LxcForge.Core.Templates;

public enum TemplateBuildOutcome
{
    Built,

    /// <summary>The template already exists and is LxcForge's: nothing to do without --force.</summary>
    Skipped,
    Failed,
}

/// <summary>One template's result, for the summary table.</summary>
public sealed record TemplateBuildResult(string Template, int Ctid, TemplateBuildOutcome Outcome, TimeSpan Duration)
{
    /// <summary>The step that failed (check, scripts, run, verify, stop, convert), or what was done.</summary>
    public string Step { get; init; } = string.Empty;

    public string Message { get; init; } = string.Empty;
    public IReadOnlyList<string> LogTail { get; init; } = [];
    public bool StandIn { get; init; }
}
