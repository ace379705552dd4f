using System.Text.Json;
using System.Text.Json.Nodes;
using LxcForge.Simulator.NodeCli.Output;
using LxcForge.Simulator.NodeCli.Syntax;

namespace LxcForge.Simulator.NodeCli.Tools.Pvesh;

/// <summary>
/// <c>pvesh get PATH [--param value…] [--output-format json|json-pretty|text]</c>: any API GET, printed as
/// pvesh prints it. Text tables show the fields present in the answer with raw values (no human-readable
/// units).
/// </summary>
internal static class PveshTool
{
    private static readonly string[] OwnOptions = ["output-format", "noborder", "noheader", "human-readable", "quiet", "noproxy"];

    public static NodeTool Create() =>
        new(
            "pvesh",
            [CliCommand.Of("pvesh", "get", "api_path", "output-format noborder:b noheader:b human-readable:b quiet:b noproxy:b *", GetAsync)],
            notSimulated: ["create", "set", "delete", "ls", "usage"]
        );

    private static async Task<int> GetAsync(CliContext context, CliArguments arguments)
    {
        var format = arguments.Option("output-format") ?? "text";
        if (format is not ("text" or "json" or "json-pretty"))
        {
            throw CliParameterException.For(
                "output-format",
                format == "yaml"
                    ? "yaml output is not available on the LxcForge simulator"
                    : $"value '{format}' does not have a value in the enumeration 'json, json-pretty, text, yaml'"
            );
        }

        var parameters = arguments.Options.Where(o => !OwnOptions.Contains(o.Key)).ToDictionary(o => o.Key, o => o.Value);
        var path = "/" + arguments["api_path"].Trim('/');
        var data = await context.GetAsync(path, parameters);
        if (arguments.Flag("quiet"))
            return 0;

        switch (format)
        {
            case "json":
                context.Print(PerlJson.Canonical(data));
                break;
            case "json-pretty":
                context.Out.Append(PerlJson.Pretty(data));
                break;
            default:
                PrintText(context, data, border: !arguments.Flag("noborder"), header: !arguments.Flag("noheader"));
                break;
        }

        return 0;
    }

    private static void PrintText(CliContext context, JsonNode? data, bool border, bool header)
    {
        switch (data)
        {
            case null:
                return;
            case JsonObject obj:
                var pairs = obj.Where(p => p.Value is not null)
                    .OrderBy(p => p.Key, StringComparer.Ordinal)
                    .Select(p => (IReadOnlyList<string>)[p.Key, Cell(p.Value)])
                    .ToList();
                context.Out.Append(TextTable.Render(["key", "value"], pairs, new HashSet<int>(), border, header));
                return;
            case JsonArray array when array.Count > 0 && array.All(item => item is JsonObject):
                var rows = array.OfType<JsonObject>().ToList();
                var columns = rows.SelectMany(r => r.Select(p => p.Key)).Distinct().Order(StringComparer.Ordinal).ToList();
                var cells = rows.Select(r => (IReadOnlyList<string>)columns.Select(c => Cell(r[c])).ToList()).ToList();
                var numeric = columns
                    .Select((c, i) => (c, i))
                    .Where(x => rows.All(r => r[x.c] is null || r[x.c] is JsonValue v && v.GetValueKind() == JsonValueKind.Number))
                    .Select(x => x.i)
                    .ToHashSet();
                context.Out.Append(TextTable.Render(columns, cells, numeric, border, header));
                return;
            case JsonArray array:
                foreach (var item in array)
                    context.Print(Cell(item));
                return;
            default:
                context.Print(Cell(data));
                return;
        }
    }

    private static string Cell(JsonNode? value) =>
        value is JsonValue ? PerlText.Of(value) ?? ""
        : value is null ? ""
        : PerlJson.Canonical(value);
}
