using System.Globalization;
using System.Text.Json.Nodes;
using LxcForge.Simulator.NodeCli.Output;
using LxcForge.Simulator.NodeCli.Syntax;

namespace LxcForge.Simulator.NodeCli.Tools.Storage;

/// <summary><c>pvesm</c>: status, list, path and free over the node's storages.</summary>
internal static class PvesmTool
{
    public static NodeTool Create() =>
        new(
            "pvesm",
            [
                CliCommand.Of("pvesm", "status", "", "content:l enabled:b format:b storage target", StatusAsync),
                CliCommand.Of("pvesm", "list", "storage", "content:l vmid", ListAsync),
                CliCommand.Of("pvesm", "path", "volume", "", PathAsync),
                CliCommand.Of("pvesm", "free", "volume", "delay storage", FreeAsync),
            ],
            notSimulated:
            [
                "add",
                "alloc",
                "apiinfo",
                "cifsscan",
                "export",
                "extractconfig",
                "import",
                "iscsiscan",
                "lvmscan",
                "lvmthinscan",
                "nfsscan",
                "prune-backups",
                "remove",
                "scan",
                "set",
                "zfsscan",
            ]
        );

    /// <summary><c>pvesm free VOLID</c>: <c>DELETE …/storage/{storage}/content/{volume}</c>, the storage taken from the volume id.</summary>
    private static Task<int> FreeAsync(CliContext context, CliArguments arguments)
    {
        var volume = arguments["volume"];
        var colon = volume.IndexOf(':', StringComparison.Ordinal);
        var storage = arguments.Option("storage") ?? (colon > 0 ? volume[..colon] : throw new CliDieException($"unable to parse volume ID '{volume}'"));
        var parameters = arguments.ApiParameters();
        parameters.Remove("storage");
        return TaskWorker.CallAndFollowAsync(
            context,
            "DELETE",
            context.NodePath($"/storage/{storage}/content/{Uri.EscapeDataString(volume)}"),
            parameters,
            WorkerExitRule.UpidExit
        );
    }

    /// <summary>
    /// The storage table: names padded to the longest id + 1, sizes in KiB, the percentage used, or N/A for a
    /// disabled storage.
    /// </summary>
    private static async Task<int> StatusAsync(CliContext context, CliArguments arguments)
    {
        var storages = (await context.GetAsync(context.NodePath("/storage"), arguments.ApiParameters()) as JsonArray ?? []).OfType<JsonNode>().ToList();
        var width = storages.Select(s => (PerlText.Of(s["storage"]) ?? "").Length).DefaultIfEmpty(0).Max() + 1;
        context.Print(
            $"{PerlText.Left("Name", width)} {PerlText.Right("Type", 10)} {PerlText.Right("Status", 10)} {PerlText.Right("Total (KiB)", 15)} {PerlText.Right("Used (KiB)", 15)} {PerlText.Right("Available (KiB)", 15)} {PerlText.Right("%", 8)}"
        );
        foreach (var storage in storages.OrderBy(s => PerlText.Of(s["storage"]), StringComparer.Ordinal))
        {
            var total = PerlText.Number(storage["total"]);
            var used = PerlText.Number(storage["used"]);
            var state = PerlText.IsTrue(storage["active"]) ? "active" : "inactive";
            var percent = " " + (total > 0 ? used * 100 / total : 0).ToString("F2", CultureInfo.InvariantCulture);
            percent = PerlText.Right(percent, 7) + "%";
            if (storage["enabled"] is not null && !PerlText.IsTrue(storage["enabled"]))
            {
                state = "disabled";
                percent = PerlText.Right("N/A", 8);
            }

            context.Print(
                $"{PerlText.Left(PerlText.Of(storage["storage"]), width)} {PerlText.Right(PerlText.Of(storage["type"]), 10)} {PerlText.Right(state, 10)} "
                    + $"{Kib(total), 15} {Kib(used), 15} {Kib(PerlText.Number(storage["avail"])), 15} {percent}"
            );
        }

        return 0;
    }

    /// <summary>Volumes of one storage: those owned by a guest first, in API order, then the rest sorted by format.</summary>
    private static async Task<int> ListAsync(CliContext context, CliArguments arguments)
    {
        var volumes = (await context.GetAsync(context.NodePath($"/storage/{arguments["storage"]}/content"), arguments.ApiParameters()) as JsonArray ?? [])
            .OfType<JsonNode>()
            .ToList();
        var nameWidth = volumes.Select(v => (PerlText.Of(v["volid"]) ?? "").Length).DefaultIfEmpty(0).Max();
        var sizeWidth = volumes.Select(v => (long)PerlText.Number(v["size"])).DefaultIfEmpty(0).Max().ToString(CultureInfo.InvariantCulture).Length;
        string Row(string? volid, string? format, string? type, string? size) =>
            $"{PerlText.Left(volid, nameWidth)} {PerlText.Left(format, 7)} {PerlText.Left(type, 9)} {PerlText.Right(size, sizeWidth)}";

        context.Print($"{Row("Volid", "Format", "Type", "Size")} VMID");
        foreach (var volume in volumes.Where(v => PerlText.IsTrue(v["vmid"])))
            context.Print(
                $"{Row(PerlText.Of(volume["volid"]), PerlText.Of(volume["format"]), PerlText.Of(volume["content"]), Size(volume))} {PerlText.Of(volume["vmid"])}"
            );
        foreach (var volume in volumes.Where(v => !PerlText.IsTrue(v["vmid"])).OrderBy(v => PerlText.Of(v["format"]), StringComparer.Ordinal))
            context.Print(Row(PerlText.Of(volume["volid"]), PerlText.Of(volume["format"]), PerlText.Of(volume["content"]), Size(volume)));
        return 0;
    }

    private static async Task<int> PathAsync(CliContext context, CliArguments arguments)
    {
        var volid = arguments["volume"];
        var colon = volid.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
            throw new CliDieException($"unable to parse volume ID '{volid}'");
        var info = await context.GetAsync(context.NodePath($"/storage/{volid[..colon]}/content/{Uri.EscapeDataString(volid)}"));
        context.Print(PerlText.Of(info?["path"]) ?? throw new CliDieException($"unable to get the path of '{volid}'"));
        return 0;
    }

    private static string Size(JsonNode volume) => PerlText.Of(volume["size"]) ?? "-";

    private static long Kib(double bytes) => (long)(bytes / 1024);
}
