namespace LxcForge.Core.Spec.Validation;

/// <summary>
/// One thing wrong with a fleet spec, located so a person can fix it:
/// <c>fleet.yaml:12:9: services[3].ip: 10.0.31.5 is outside the subnet 10.0.30.0/24</c>.
/// </summary>
/// <param name="File">The spec's file name as the user gave it, or <see cref="SpecSourceMap.DefaultsName"/>.</param>
/// <param name="Line">1-based line; 0 when the value has no place in a file (a built-in default).</param>
/// <param name="Column">1-based column; 0 when unknown.</param>
/// <param name="Path">The field, e.g. <c>services[3].ip</c>; empty for the whole document.</param>
/// <param name="Message">What is wrong, and where it helps, what would be right.</param>
public sealed record SpecProblem(string File, int Line, int Column, string Path, string Message)
{
    /// <summary>The one line the CLI prints: <c>FILE:LINE:COLUMN: field.path: what is wrong</c>.</summary>
    public override string ToString()
    {
        var where = Line > 0 ? $"{File}:{Line}:{Column}" : File;
        return Path.Length > 0 ? $"{where}: {Path}: {Message}" : $"{where}: {Message}";
    }
}
