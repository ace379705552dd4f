using System.Net;
using LxcForge.Core.Templates;

namespace LxcForge.Proxmox.Community;

/// <summary>The repository's files at a pinned commit, fetched once over HTTPS (then cached and verified).</summary>
public sealed class GitHubRawOrigin(HttpClient http, string repository, string gitRef) : IScriptOrigin
{
    public string Repository { get; } = repository;
    public string Ref { get; } = gitRef;
    public bool IsStandIn => false;

    public async Task<byte[]?> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync(new Uri($"https://raw.githubusercontent.com/{Repository}/{Ref}/{path}"), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
            return null;
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }
}
