using LxcForge.Cli.Infrastructure;
using LxcForge.Core.Spec;
using LxcForge.Core.Spec.Editing;

namespace LxcForge.Cli.Commands.DayTwo;

/// <summary>
/// scale and resize change the spec, then apply it: the spec stays the source of truth. With no spec file yet,
/// the defaults are written to fleet.yaml first (as <c>lxcforge init</c> would), then edited in place.
/// </summary>
internal static class SpecFile
{
    public static LoadedSpec Set(CliConsole io, CliOutput output, LoadedSpec loaded, string service, params (string Key, string Value)[] values)
    {
        var path = loaded.Path ?? io.Resolve(Infrastructure.GlobalSettings.DefaultSpecFile);
        var text = loaded.Path is null ? Core.Spec.Yaml.FleetYamlWriter.Write(loaded.Spec) : File.ReadAllText(path);
        var name = loaded.Path is null ? Infrastructure.GlobalSettings.DefaultSpecFile : loaded.DisplayName;
        SpecLoadResult result = loaded.Result;
        try
        {
            foreach (var (key, value) in values)
                (text, result) = SpecFileEditor.SetServiceValue(text, name, service, key, value);
        }
        catch (SpecEditException e)
        {
            throw new CliException(e.Message);
        }

        File.WriteAllText(path, text);
        output.Note(
            loaded.Path is null ? $"wrote the defaults to {name} and set {Describe(service, values)} there" : $"{name}: set {Describe(service, values)}"
        );
        return new LoadedSpec(result, name, path);
    }

    private static string Describe(string service, (string Key, string Value)[] values) =>
        string.Join(", ", values.Select(v => $"{service}.{v.Key} = {v.Value}"));
}
