using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace LxcForge.Simulator.Engine;

/// <summary>
/// The cluster's root CA, as <c>pvecm</c> makes <c>/etc/pve/pve-root-ca.pem</c> once per cluster (a standalone node
/// too): made on first use and kept with the state, so a saved cluster keeps its identity across runs and servers.
/// </summary>
public sealed partial class SimulatorCluster
{
    private readonly Lock _rootCaLock = new();

    /// <summary>The root CA certificate (no private key: the simulator signs nothing with it).</summary>
    /// <remarks>
    /// Set once under its own lock, not the state gate: API reads run under the gate's read side. A kept cluster makes
    /// it before its first save (<see cref="Open"/>), so only a cluster in memory ever makes it here.
    /// </remarks>
    internal X509Certificate2 RootCertificateAuthority()
    {
        lock (_rootCaLock)
            return X509Certificate2.CreateFromPem(State.RootCaPem ??= MakeRootCaPem());
    }

    /// <summary>SHA-256 of the root CA as Proxmox prints fingerprints (upper-case hex pairs joined by ':').</summary>
    public string RootCaFingerprint
    {
        get
        {
            using var ca = RootCertificateAuthority();
            return Fingerprint(ca);
        }
    }

    internal static string Fingerprint(X509Certificate2 certificate) =>
        string.Join(':', certificate.GetCertHash(HashAlgorithmName.SHA256).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));

    // Like pve-cluster's gen_pveca_cert: "CN=Proxmox Virtual Environment, OU=<random>, O=PVE Cluster Manager CA", ten years.
    private static string MakeRootCaPem()
    {
        using var key = RSA.Create(2048);
        var subject = $"CN=Proxmox Virtual Environment, OU={Guid.NewGuid():N}, O=PVE Cluster Manager CA";
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(10));
        return certificate.ExportCertificatePem();
    }
}
