using LxcForge.Core.Catalog;

namespace LxcForge.Core.Templates;

/// <summary>
/// The files one community-script run fetches (docs/community-scripts.md#fetched-files): the ct script,
/// the helper functions it sources from <c>misc/</c>, the install script and the header.
/// </summary>
public static class CommunityScriptFiles
{
    /// <summary>The URL prefix every script hard-codes; LxcForge rewrites it to its pinned mirror.</summary>
    public const string UpstreamPrefix = "https://raw.githubusercontent.com/community-scripts/ProxmoxVE/main/";

    public static IReadOnlyList<string> SharedHelpers { get; } =
    ["misc/build.func", "misc/api.func", "misc/core.func", "misc/error_handler.func", "misc/tools.func", "misc/install.func"];

    public static IReadOnlyList<string> For(string script, ServiceDefinition? definition)
    {
        var app = Path.GetFileNameWithoutExtension(script);
        var install = definition?.InstallScript ?? $"install/{app}-install.sh";
        return [script, .. SharedHelpers, install, $"ct/headers/{app}"];
    }

    /// <summary>Points every hard-coded <c>…/ProxmoxVE/main/</c> URL at <paramref name="mirrorBase"/> (ending in '/').</summary>
    public static string RewriteToMirror(string content, string mirrorBase) => content.Replace(UpstreamPrefix, mirrorBase, StringComparison.Ordinal);
}
