using LxcForge.Core.Hosting;
using LxcForge.Proxmox.Api.Transport;

namespace LxcForge.Proxmox.Api.Host;

/// <summary>
/// The host lock over the API: a resource pool <c>lxcforge-lock</c>. <c>POST /pools</c> fails when the pool
/// exists, cluster-wide (pmxcfs), so creating it is an atomic test-and-set; the holder is its comment.
/// Needs <c>Pool.Allocate</c> on <c>/pool/lxcforge-lock</c>.
/// </summary>
public sealed partial class ProxmoxApiHost : IHostLock
{
    public const string LockPool = "lxcforge-lock";

    public string LockLocation => $"pool {LockPool}";

    public async Task<bool> TryCreateLockAsync(string holder, CancellationToken cancellationToken = default)
    {
        try
        {
            await _client.Transport.SendAsync(
                HttpMethod.Post,
                ApiPath.Root["pools"],
                new ApiParams().Add("poolid", LockPool).Add("comment", holder),
                cancellationToken
            );
            return true;
        }
        catch (HostException e) when (e.Kind == HostErrorKind.AlreadyExists)
        {
            return false;
        }
    }

    public async Task<string?> ReadLockAsync(CancellationToken cancellationToken = default)
    {
        var pools = await _calls.ReadAsync(t => _client.Transport.GetAsync(ApiPath.Root["pools"], null, t), cancellationToken);
        var pool = pools?.AsArray().FirstOrDefault(p => JsonRead.Str(p, "poolid") == LockPool);
        return pool is null ? null : JsonRead.Str(pool, "comment") ?? "";
    }

    public async Task DeleteLockAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await _client.Transport.SendAsync(HttpMethod.Delete, ApiPath.Root["pools"], new ApiParams().Add("poolid", LockPool), cancellationToken);
        }
        catch (HostException e) when (e.Kind == HostErrorKind.NotFound)
        {
            // Gone already: what was wanted.
        }
    }
}
