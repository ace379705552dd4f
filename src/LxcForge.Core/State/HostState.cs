namespace LxcForge.Core.State;

/// <summary>
/// The part of the state file that belongs to one host: its journal, secrets and configured marks, all under the
/// host's one identity (what the host says it is, not the address it was reached by). A different host's state is
/// out of reach through it.
/// </summary>
public sealed class HostState(StateStore store, string identity)
{
    /// <summary>The whole store, for the workflows that take it with <see cref="Identity"/> as their key.</summary>
    public StateStore Store { get; } = store;

    /// <summary>The key the host's rows are kept under.</summary>
    public string Identity { get; } = identity;

    public IReadOnlyList<JournalEntry> Journal(int? ctid = null) => Store.Journal(Identity, ctid);

    public IReadOnlyDictionary<string, string> GetSecrets(string service) => Store.GetSecrets(Identity, service);

    /// <summary>The services of this host that have stored secrets.</summary>
    public IReadOnlyList<string> ServicesWithSecrets() => [.. Store.SecretOwners().Where(o => o.Host == Identity).Select(o => o.Service)];

    public void ForgetConfigured(int ctid) => Store.ForgetConfigured(Identity, ctid);
}
