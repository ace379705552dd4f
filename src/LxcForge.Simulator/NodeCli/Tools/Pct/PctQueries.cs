using System.Globalization;
using System.Text.Json.Nodes;
using LxcForge.Simulator.NodeCli.Output;
using LxcForge.Simulator.NodeCli.Syntax;

namespace LxcForge.Simulator.NodeCli.Tools.Pct;

/// <summary>The pct subcommands that only read and print: list, config, status, pending, listsnapshot.</summary>
internal static class PctQueries
{
    private const string ListFormat = "{0,-10} {1,-10} {2,-12} {3,-20}";

    /// <summary>Nothing at all without CTs; otherwise a header and one row per CT by vmid, with trailing spaces.</summary>
    public static async Task<int> ListAsync(CliContext context, CliArguments arguments)
    {
        var list = await context.GetAsync(context.NodePath("/lxc")) as JsonArray ?? [];
        if (list.Count == 0)
            return 0;
        context.Print(string.Format(CultureInfo.InvariantCulture, ListFormat, "VMID", "Status", "Lock", "Name"));
        foreach (var ct in list.OfType<JsonNode>().OrderBy(ct => PerlText.Number(ct["vmid"])))
        {
            context.Print(
                string.Format(
                    CultureInfo.InvariantCulture,
                    ListFormat,
                    PerlText.Of(ct["vmid"]),
                    PerlText.Of(ct["status"]),
                    PerlText.Of(ct["lock"]) ?? "",
                    PerlText.Of(ct["name"]) ?? ""
                )
            );
        }

        return 0;
    }

    /// <summary>Sorted <c>key: value</c> lines without the digest, the description URI-escaped, <c>lxc.*</c> lines last.</summary>
    public static async Task<int> ConfigAsync(CliContext context, CliArguments arguments)
    {
        var config = await context.GetAsync(context.NodePath($"/lxc/{arguments.VmId}/config"), arguments.ApiParameters()) as JsonObject ?? [];
        foreach (var (key, value) in config.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (key is "digest" or "lxc" || PerlText.Of(value) is not { } text)
                continue;
            context.Print($"{key}: {(key == "description" ? PerlText.EncodeText(text) : text)}");
        }

        if (config["lxc"] is JsonArray raw)
        {
            foreach (var pair in raw.OfType<JsonArray>().Where(p => p.Count == 2))
                context.Print($"{PerlText.Of(pair[0])}: {PerlText.Of(pair[1])}");
        }

        return 0;
    }

    /// <summary><c>status: running|stopped</c>; with --verbose every field but cpu, sorted.</summary>
    public static async Task<int> StatusAsync(CliContext context, CliArguments arguments)
    {
        var status = await context.GetAsync(context.NodePath($"/lxc/{arguments.VmId}/status/current")) as JsonObject ?? [];
        if (!arguments.Flag("verbose"))
        {
            context.Print($"status: {PerlText.Of(status["status"]) ?? "unknown"}");
            return 0;
        }

        foreach (var (key, value) in status.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (key is "cpu" or "relcpu" || !PerlText.IsScalar(value) || PerlText.Of(value) is not { } text)
                continue;
            context.Print($"{key}: {text}");
        }

        return 0;
    }

    /// <summary><c>cur</c>/<c>new</c>/<c>del</c> lines per key, sorted, as <c>format_pending</c> prints them.</summary>
    public static async Task<int> PendingAsync(CliContext context, CliArguments arguments)
    {
        var items = await context.GetAsync(context.NodePath($"/lxc/{arguments.VmId}/pending")) as JsonArray ?? [];
        foreach (var item in items.OfType<JsonNode>().OrderBy(i => PerlText.Of(i["key"]), StringComparer.Ordinal))
        {
            var key = PerlText.Of(item["key"]) ?? "";
            if (key == "digest")
                continue;
            var current = PerlText.Of(item["value"]);
            var pending = PerlText.Of(item["pending"]);
            if (key == "description")
            {
                current = current is null ? null : PerlText.EncodeText(current);
                pending = pending is null ? null : PerlText.EncodeText(pending);
            }

            if (current is not null)
            {
                context.Print($"{(PerlText.IsTrue(item["delete"]) ? "del" : "cur")} {key}: {current}");
                if (!PerlText.IsTrue(item["delete"]) && pending is not null)
                    context.Print($"new {key}: {pending}");
            }
            else if (pending is not null)
            {
                context.Print($"new {key}: {pending}");
            }
        }

        return 0;
    }

    public static async Task<int> ListSnapshotsAsync(CliContext context, CliArguments arguments)
    {
        var snapshots = await context.GetAsync(context.NodePath($"/lxc/{arguments.VmId}/snapshot")) as JsonArray ?? [];
        foreach (var line in SnapshotTree.Lines(snapshots))
            context.Print(line);
        return 0;
    }
}
