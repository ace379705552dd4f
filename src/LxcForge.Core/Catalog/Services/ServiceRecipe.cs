using System.Security.Cryptography;
using System.Text;

namespace LxcForge.Core.Catalog.Services;

/// <summary>
/// How one kind of service is configured and checked inside its container. Every step is real shell for
/// the Debian containers the community scripts build; secrets reach it on stdin only.
/// </summary>
public abstract class ServiceRecipe
{
    /// <summary>The catalogue key (<c>postgresql</c>…) or the custom service's name.</summary>
    public abstract string Key { get; }

    /// <summary>Secrets this service needs besides the root password, e.g. <c>app-password</c>.</summary>
    public virtual IReadOnlyList<string> SecretNames => [];

    /// <summary>Succeeds once the service answers at all (before it is configured).</summary>
    public abstract ServiceScript ReadyProbe(ServiceContext context);

    /// <summary>The service's own configuration steps, idempotent, in order.</summary>
    public abstract IReadOnlyList<ServiceScript> Configure(ServiceContext context);

    /// <summary>Succeeds when the configured service works as intended (run with retries until a timeout).</summary>
    public abstract ServiceScript HealthCheck(ServiceContext context);

    /// <summary>Ports where this service serves Prometheus metrics (Prometheus's scrape configuration lists them).</summary>
    public virtual IReadOnlyList<int> MetricsPorts(ServiceContext context) => [];

    /// <summary>The root password every container gets (the fleet design's "individual root passwords", docs/fleet-design.md#security).</summary>
    public static ServiceScript RootPassword { get; } =
        new(
            "set the root password",
            ShellSnippets.ReadSecrets("ROOT_PASSWORD")
                + """
                printf 'root:%s\n' "$ROOT_PASSWORD" | chpasswd
                """
        )
        {
            Secrets = [RootSecret],
        };

    public const string RootSecret = "root";

    /// <summary>Every configuration step LxcForge runs: the root password, then the service's own.</summary>
    public IReadOnlyList<ServiceScript> AllConfigureSteps(ServiceContext context) => [RootPassword, .. Configure(context)];

    /// <summary>Every secret the steps need: root plus the service's own.</summary>
    public IReadOnlyList<string> AllSecretNames => [RootSecret, .. SecretNames];

    /// <summary>
    /// A digest of everything the configuration depends on (its scripts, not the secrets' values): when it
    /// changes (a new IP, a new scrape target), deploy configures again.
    /// </summary>
    public string Fingerprint(ServiceContext context)
    {
        var text = new StringBuilder(Key).Append('\n');
        foreach (var step in AllConfigureSteps(context))
            text.Append(step.Script).Append('\n').AppendJoin(',', step.Secrets).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }
}
