using System.ComponentModel;
using LxcForge.Cli.Infrastructure;
using LxcForge.Core.Spec;
using LxcForge.Core.Spec.Yaml;
using Spectre.Console.Cli;

namespace LxcForge.Cli.Commands;

public sealed class InitSettings : GlobalSettings
{
    [CommandOption("--force")]
    [Description("Overwrite the file when it exists")]
    public bool Force { get; init; }
}

/// <summary><c>lxcforge init</c>: writes the built-in defaults as a commented fleet.yaml to edit.</summary>
public sealed class InitCommand(CliConsole io) : LxcForgeCommand<InitSettings>(io)
{
    protected override async Task<int> RunAsync(InitSettings settings, CancellationToken cancellationToken)
    {
        var name = settings.File ?? GlobalSettings.DefaultSpecFile;
        var path = Io.Resolve(name);
        if (File.Exists(path) && !settings.Force)
            throw new CliException($"{name} already exists; use --force to overwrite it");

        var spec = FleetDefaults.Seed;
        var text = FleetYamlWriter.Write(spec);
        try
        {
            // Write beside the target, then rename: an interrupted init never leaves half a file.
            var temp = path + ".tmp";
            await File.WriteAllTextAsync(temp, text, cancellationToken);
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{name}: cannot write it: {e.Message}");
        }

        Output.Result(
            new
            {
                File = name,
                Templates = spec.Templates.Count,
                Services = spec.Services.Count,
            },
            o => o.Line($"Wrote {name} ({spec.Templates.Count} templates, {spec.Services.Count} services). Edit it, then run: lxcforge validate")
        );
        return ExitCodes.Ok;
    }
}
