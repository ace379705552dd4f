using LxcForge.Cli.Hosting;
using LxcForge.Cli.Infrastructure;
using LxcForge.Core.Ownership;
using LxcForge.Core.Spec;
using LxcForge.Core.Templates;

namespace LxcForge.Cli.Commands.Templates;

/// <summary><c>lxcforge templates list</c>: each template of the spec, what is at its CTID, what built it, and whether that is current.</summary>
public sealed class TemplatesListCommand(CliConsole io) : HostCommand<HostSettings>(io)
{
    private sealed record Row(string Template, int Ctid, string State, string? Source, string? Ref, bool StandIn, DateTimeOffset? Built, bool Current);

    protected override bool UsesState => false;

    protected override async Task<int> RunOnHostAsync(HostSettings settings, CancellationToken cancellationToken)
    {
        var spec = Spec;
        var origin = TemplateScripts.Origin(Connection, spec, Io);
        var rows = new List<Row>();
        foreach (var template in spec.Spec.Templates)
        {
            var ct = await Host.GetContainerAsync(template.Ctid, cancellationToken);
            var record = ct is null ? null : TemplateBuildRecord.Parse(ct.Config.Description);
            var state = ct switch
            {
                null => "missing",
                _ when !OwnershipMarker.IsOwnedTemplate(ct) => "FOREIGN (not LxcForge's)",
                { IsTemplate: false } => "not a template",
                _ => "template",
            };
            var current =
                record is not null && ct is { IsTemplate: true } && (template.Source.Kind == TemplateSourceKind.OsTemplate || record.Ref == origin.Ref);
            rows.Add(new Row(template.Name, template.Ctid, state, record?.Source, record?.Ref, record?.StandIn ?? false, record?.BuiltAt, current));
        }

        Output.Result(rows, o =>
            o.Table(
                ["Template", "CTID", "State", "Source", "Current"],
                rows.Select(r =>
                    (IReadOnlyList<string>)
                        [
                            r.Template,
                            r.Ctid.ToString(System.Globalization.CultureInfo.InvariantCulture),
                            r.State,
                            r.Source is null
                                ? "-"
                                : r.Source + (r.Ref is null ? "" : $" @{r.Ref[..Math.Min(12, r.Ref.Length)]}") + (r.StandIn ? " (STAND-IN)" : ""),
                            r.State == "template" ? (r.Current ? "yes" : "no: built from another ref") : "-",
                        ]
                )
            )
        );
        return ExitCodes.Ok;
    }
}
