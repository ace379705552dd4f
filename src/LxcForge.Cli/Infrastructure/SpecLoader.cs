using LxcForge.Core.Spec;

namespace LxcForge.Cli.Infrastructure;

/// <summary>A spec as a command sees it: where it came from and what it says.</summary>
/// <param name="DisplayName">The file as the user named it, or "(built-in defaults)".</param>
/// <param name="Path">The full path of the file; null for the built-in defaults.</param>
public sealed record LoadedSpec(SpecLoadResult Result, string DisplayName, string? Path)
{
    public FleetSpec Spec => Result.Spec;

    public bool IsDefaults => Path is null;
}

/// <summary>
/// The one way commands read the fleet spec: <c>-f FILE</c>, else <c>./fleet.yaml</c> when it exists,
/// else the built-in defaults. <see cref="Load"/> validates first and stops the command (exit 2, nothing
/// changed) when the spec has problems.
/// </summary>
public static class SpecLoader
{
    /// <summary>The valid spec, or an <see cref="InvalidSpecException"/> listing every problem.</summary>
    public static LoadedSpec Load(CliConsole io, GlobalSettings settings)
    {
        var loaded = Read(io, settings);
        return loaded.Result.IsValid ? loaded : throw new InvalidSpecException(loaded.Result.Problems);
    }

    /// <summary>Reads and validates without judging: for <c>validate</c>, which reports the problems itself.</summary>
    public static LoadedSpec Read(CliConsole io, GlobalSettings settings)
    {
        var name = settings.File ?? GlobalSettings.DefaultSpecFile;
        var path = io.Resolve(name);
        if (!File.Exists(path))
        {
            if (settings.File is not null)
                throw new CliException($"{name}: no such file (lxcforge init writes one with the defaults)");
            return new LoadedSpec(FleetSpecLoader.FromDefaults(), Core.Spec.Validation.SpecSourceMap.DefaultsName, null);
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{name}: cannot read it: {e.Message}");
        }

        return new LoadedSpec(FleetSpecLoader.FromYaml(text, name), name, path);
    }
}
