using LxcForge.Cli.Infrastructure;
using LxcForge.Core.Spec.Replicas;

namespace LxcForge.Cli.Commands;

/// <summary><c>lxcforge validate</c>: every problem of the spec on stderr (exit 2), or a short OK (exit 0).</summary>
public sealed class ValidateCommand(CliConsole io) : LxcForgeCommand<GlobalSettings>(io)
{
    protected override Task<int> RunAsync(GlobalSettings settings, CancellationToken cancellationToken)
    {
        var loaded = SpecLoader.Read(Io, settings);
        var result = loaded.Result;
        var instances = result.IsValid ? ReplicaPlanner.Instances(result.Spec).Count : 0;
        ErrorHandler.WriteProblems(Output, result.Problems);
        Output.Result(
            new
            {
                File = loaded.DisplayName,
                Valid = result.IsValid,
                Templates = result.Spec.Templates.Count,
                Services = result.Spec.Services.Count,
                Containers = instances,
                result.Problems,
            },
            o =>
            {
                if (result.IsValid)
                    o.Line(
                        $"{loaded.DisplayName}: OK ({result.Spec.Templates.Count} templates, {result.Spec.Services.Count} services, {instances} service containers)"
                    );
                else
                    o.Note($"{loaded.DisplayName}: {result.Problems.Count} problem{(result.Problems.Count == 1 ? "" : "s")}");
            }
        );
        return Task.FromResult(result.IsValid ? ExitCodes.Ok : ExitCodes.BadInput);
    }
}
