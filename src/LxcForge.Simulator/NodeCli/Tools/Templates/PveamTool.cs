using System.Globalization;
using System.Text.Json.Nodes;
using LxcForge.Simulator.NodeCli.Output;
using LxcForge.Simulator.NodeCli.Syntax;

namespace LxcForge.Simulator.NodeCli.Tools.Templates;

/// <summary><c>pveam</c>: the appliance (OS template) catalogue and the templates on a storage.</summary>
internal static class PveamTool
{
    public static NodeTool Create() =>
        new(
            "pveam",
            [
                CliCommand.Of("pveam", "available", "", "section", AvailableAsync),
                CliCommand.Of("pveam", "list", "storage", "", ListAsync),
                CliCommand.Of("pveam", "download", "storage template", "", DownloadAsync),
                CliCommand.Of("pveam", "update", "", "", UpdateAsync),
                CliCommand.Of("pveam", "remove", "template_path", "", RemoveAsync),
            ]
        );

    /// <summary>One line per template, by section then name: <c>%-15s %s</c> (pve-manager 9.1).</summary>
    private static async Task<int> AvailableAsync(CliContext context, CliArguments arguments)
    {
        var section = arguments.Option("section");
        if (section is not null && section is not ("system" or "mail" or "turnkeylinux"))
            throw CliParameterException.For("section", $"value '{section}' does not have a value in the enumeration 'mail, system, turnkeylinux'");
        var catalogue = await context.GetAsync(context.NodePath("/aplinfo")) as JsonArray ?? [];
        var rows = catalogue
            .OfType<JsonNode>()
            .Select(t => (Section: PerlText.Of(t["section"]) ?? "", Template: PerlText.Of(t["template"]) ?? ""))
            .Where(t => section is null || t.Section == section)
            .OrderBy(t => t.Section, StringComparer.Ordinal)
            .ThenBy(t => t.Template, StringComparer.Ordinal);
        foreach (var (name, template) in rows)
            context.Print($"{PerlText.Left(name, 15)} {template}");
        return 0;
    }

    /// <summary>The header, always, then <c>%-60s %-4.2fMB</c> per template on the storage.</summary>
    private static async Task<int> ListAsync(CliContext context, CliArguments arguments)
    {
        var storage = arguments["storage"];
        var storages = await context.GetAsync(context.NodePath("/storage")) as JsonArray ?? [];
        var config = storages.OfType<JsonNode>().FirstOrDefault(s => PerlText.Of(s["storage"]) == storage)
            ?? throw new CliDieException($"storage '{storage}' does not exist");
        if (!(PerlText.Of(config["content"]) ?? "").Split(',').Contains("vztmpl"))
            throw new CliDieException("Storage does not support templates!");

        var content =
            await context.GetAsync(context.NodePath($"/storage/{storage}/content"), new Dictionary<string, string> { ["content"] = "vztmpl" }) as JsonArray
            ?? [];
        context.Print($"{PerlText.Left("NAME", 60)} {PerlText.Left("SIZE", 6)}");
        foreach (var volume in content.OfType<JsonNode>().OrderBy(v => PerlText.Of(v["volid"]), StringComparer.Ordinal))
        {
            var megabytes = (PerlText.Number(volume["size"]) / (1024 * 1024)).ToString("F2", CultureInfo.InvariantCulture);
            context.Print($"{PerlText.Left(PerlText.Of(volume["volid"]), 60)} {PerlText.Left(megabytes, 4)}MB");
        }

        return 0;
    }

    /// <summary>Runs the download worker; like the real tool it exits 0 even when the download fails.</summary>
    private static Task<int> DownloadAsync(CliContext context, CliArguments arguments) =>
        TaskWorker.CallAndFollowAsync(
            context,
            "POST",
            context.NodePath("/aplinfo"),
            new Dictionary<string, string> { ["storage"] = arguments["storage"], ["template"] = arguments["template"] },
            WorkerExitRule.AlwaysZero
        );

    /// <summary>
    /// The simulator's catalogue is built in, so refreshing it always succeeds; the node is still asked
    /// for it, so an unreachable or failing node fails as the real update does.
    /// </summary>
    private static async Task<int> UpdateAsync(CliContext context, CliArguments arguments)
    {
        try
        {
            await context.GetAsync(context.NodePath("/aplinfo"));
        }
        catch (PveApiException)
        {
            context.PrintError("update failed - see /var/log/pveam.log for details");
            return 0;
        }

        context.Print("update successful");
        return 0;
    }

    private static async Task<int> RemoveAsync(CliContext context, CliArguments arguments)
    {
        var volid = arguments["template_path"];
        var colon = volid.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !volid[(colon + 1)..].StartsWith("vztmpl/", StringComparison.Ordinal))
            throw new CliDieException($"Wrong template volume ID '{volid}'");
        await context.CallAsync("DELETE", context.NodePath($"/storage/{volid[..colon]}/content/{Uri.EscapeDataString(volid)}"));
        return 0;
    }
}
