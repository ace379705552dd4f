namespace LxcForge.Lxc.Tools;

/// <summary>How a host command ended: its exit code and what it printed.</summary>
public sealed record CommandResult(int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>The last non-empty lines of stderr (or stdout when stderr is empty), for error messages.</summary>
    public IReadOnlyList<string> Tail(int lines = 8)
    {
        var text = string.IsNullOrWhiteSpace(StandardError) ? StandardOutput : StandardError;
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(lines).ToList();
    }
}
