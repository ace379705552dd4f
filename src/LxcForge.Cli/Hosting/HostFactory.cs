using LxcForge.Cli.Infrastructure;
using LxcForge.Core.Hosting;
using LxcForge.Lxc;
using LxcForge.Proxmox.Api.Host;
using LxcForge.Proxmox.Api.Transport;
using LxcForge.Proxmox.Shell;
using LxcForge.Proxmox.Shell.Ssh;

namespace LxcForge.Cli.Hosting;

/// <summary>
/// Turns <c>--host</c> and its companions into a connected <see cref="IContainerHost"/>:
/// <c>https://HOST:8006</c> (REST API; token from <c>--token-file</c> or <c>PVE_TOKEN</c>, or <c>--user</c> with a
/// password from <c>--password-file</c> or <c>PVE_PASSWORD</c>; <c>--ssh root@HOST</c> adds exec),
/// <c>ssh://root@HOST[:PORT]</c> and <c>local</c> (pct through a shell), <c>lxc://[PATH]</c> (plain LXC), and
/// <c>sim://NAME</c> / <c>sim://</c> (the simulator, in process). Without <c>--host</c> (and without
/// <c>LXCFORGE_HOST</c>) the persistent simulator <c>sim://default</c> is used, with a notice.
/// </summary>
public sealed class HostFactory(CliConsole io)
{
    private readonly Func<string, string?> _env = io.EnvironmentVariable;

    public async Task<HostConnection> ConnectAsync(HostSettings settings, CancellationToken cancellationToken = default)
    {
        var (address, notices) = Resolve(settings);
        return await ConnectAsync(address, settings, notices, cancellationToken);
    }

    /// <summary>
    /// The host <c>--host</c> names, else <c>LXCFORGE_HOST</c>, else <paramref name="fallback"/> when a command has its
    /// own (demo: a fresh simulator), else the persistent simulator with a notice saying so. Parsed once, here.
    /// </summary>
    public (HostAddress Address, List<string> Notices) Resolve(HostSettings settings, string? fallback = null)
    {
        var notices = new List<string>();
        var text = settings.Host ?? (fallback is null ? _env("LXCFORGE_HOST") : fallback);
        if (string.IsNullOrWhiteSpace(text))
        {
            text = HostAddress.Default;
            notices.Add(
                $"no --host given: using the simulated Proxmox cluster {HostAddress.Default} (kept in {SimulatorPath("default")}); give --host https://HOST:8006 to work on a real host"
            );
        }

        try
        {
            var address = HostAddress.Parse(text);
            RefuseOptionsThatDoNotApply(address, settings);
            return (address, notices);
        }
        catch (FormatException e)
        {
            throw new CliException(e.Message);
        }
    }

    /// <summary>Connects to <paramref name="address"/> with every connection option of <paramref name="settings"/>.</summary>
    public async Task<HostConnection> ConnectAsync(
        HostAddress address,
        HostSettings settings,
        List<string> notices,
        CancellationToken cancellationToken = default
    ) =>
        address.Kind switch
        {
            HostKind.ProxmoxApi => ConnectApi(address, settings, notices),
            HostKind.Shell => ConnectShell(address, settings, notices),
            HostKind.Simulator => await SimulatorConnector.ConnectAsync(
                address,
                address.Name is null ? null : SimulatorPath(address.Name),
                notices,
                _env,
                cancellationToken
            ),
            _ => await ConnectLxcAsync(address, notices, cancellationToken),
        };

    /// <summary><c>lxc://</c> (LXC's default path) or <c>lxc://PATH</c>; says what is missing when this machine cannot run LXC.</summary>
    private async Task<HostConnection> ConnectLxcAsync(HostAddress address, List<string> notices, CancellationToken cancellationToken)
    {
        if (Preflight.Problems(needDebootstrap: false) is { Count: > 0 } problems)
            throw new CliException($"--host {address.Text}: plain LXC is not usable on this machine: {string.Join("; ", problems)}", ExitCodes.HostUnreachable);
        notices.AddRange(Preflight.Warnings());
        var options = address.Name is { } path ? new LxcHostOptions { LxcPath = io.Resolve(path) } : new LxcHostOptions();
        try
        {
            return new HostConnection(await LxcHost.OpenAsync(options, cancellationToken: cancellationToken), notices);
        }
        catch (HostException e)
        {
            throw new CliException($"--host {address.Text}: {e.Message}", ExitCodes.HostUnreachable);
        }
    }

    private string SimulatorPath(string name) => SimulatorStates.PathFor(_env, name);

    private HostConnection ConnectApi(HostAddress address, HostSettings settings, List<string> notices)
    {
        var tls = TlsFrom(settings);
        if (tls.InsecureSkipVerify)
            notices.Add(
                $"WARNING: --insecure-skip-tls-verify: the certificate of {address.ApiUrl} is NOT checked; anyone on the network path can impersonate the host and read the token. Pin it with --fingerprint instead."
            );
        var options = new ProxmoxConnectionOptions(address.ApiUrl!, CredentialsFrom(settings)) { Tls = tls };
        PctShellHost? shell = null;
        if (settings.Ssh is { } ssh)
            shell = ShellHostFactory.Create(ssh.StartsWith("ssh://", StringComparison.Ordinal) ? ssh : "ssh://" + ssh, SshOptions(settings));
        var host = new ProxmoxApiHost(options, shell is null ? null : new HostExec(shell));
        // The SSH connection also gives the community scripts their shell on the node.
        return new HostConnection(host, notices, shell) { NodeShell = shell };
    }

    private HostConnection ConnectShell(HostAddress address, HostSettings settings, List<string> notices)
    {
        var shell = ShellHostFactory.Create(address.Text, SshOptions(settings));
        return new HostConnection(shell, notices) { NodeShell = shell };
    }

    private static TlsPolicy TlsFrom(HostSettings settings)
    {
        if (settings.InsecureSkipTlsVerify && settings.Fingerprint is not null)
            throw new CliException("give either --fingerprint or --insecure-skip-tls-verify, not both");
        if (settings.InsecureSkipTlsVerify)
            return TlsPolicy.Insecure;
        if (settings.Fingerprint is not { } fingerprint)
            return TlsPolicy.SystemTrust;
        try
        {
            return TlsPolicy.Pinned(fingerprint);
        }
        catch (FormatException e)
        {
            throw new CliException($"--fingerprint: {e.Message}");
        }
    }

    /// <summary>A token (file, then PVE_TOKEN) or a user and password (file, then PVE_PASSWORD); never from the command line.</summary>
    private PveCredentials CredentialsFrom(HostSettings settings)
    {
        try
        {
            if (settings.User is { } user)
            {
                var password = settings.PasswordFile is { } pf ? ReadSecretFile(pf, "--password-file").TrimEnd('\r', '\n') : _env("PVE_PASSWORD");
                if (string.IsNullOrEmpty(password))
                    throw new CliException($"--user {user} needs a password: put it in a file for --password-file, or in PVE_PASSWORD");
                return new PasswordLogin(user, password);
            }

            if (settings.TokenFile is { } tf)
                return PveCredentials.ParseToken(ReadSecretFile(tf, "--token-file"), tf);
            if (_env("PVE_TOKEN") is { Length: > 0 } token)
                return PveCredentials.ParseToken(token, "PVE_TOKEN");
        }
        catch (FormatException e)
        {
            throw new CliException(e.Message);
        }

        throw new CliException(
            "--host https://… needs credentials: --token-file FILE (holding USER@REALM!TOKENID=SECRET), or PVE_TOKEN in the environment, or --user root@pam with --password-file or PVE_PASSWORD"
        );
    }

    private string ReadSecretFile(string name, string option)
    {
        var path = io.Resolve(name);
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{option} {name}: cannot read it ({e.GetType().Name})");
        }
    }

    /// <summary>The SSH options applied to an ssh:// target (key files and known_hosts resolved against the working directory).</summary>
    private Func<SshTarget, SshTarget> SshOptions(HostSettings settings) =>
        target =>
            target with
            {
                IdentityFiles = settings.SshKeys.Length > 0 ? [.. settings.SshKeys.Select(io.Resolve)] : target.IdentityFiles,
                KnownHostsFile = settings.KnownHosts is { } known ? io.Resolve(known) : target.KnownHostsFile,
                AcceptNewHostKey = settings.AcceptNewHostKey || target.AcceptNewHostKey,
            };

    private static void RefuseOptionsThatDoNotApply(HostAddress address, HostSettings settings)
    {
        var sshGiven = settings.SshKeys.Length > 0 || settings.KnownHosts is not null || settings.AcceptNewHostKey;
        if (sshGiven && !(address.Text.StartsWith("ssh://", StringComparison.Ordinal) || (address.Kind == HostKind.ProxmoxApi && settings.Ssh is not null)))
            throw new CliException(
                "--ssh-key, --known-hosts and --accept-new-host-key apply to --host ssh://… or to --ssh with --host https://… only, not to " + address.Text
            );
        if (address.Kind == HostKind.ProxmoxApi)
            return;
        var apiOnly = new (bool Given, string Option)[]
        {
            (settings.TokenFile is not null, "--token-file"),
            (settings.User is not null, "--user"),
            (settings.PasswordFile is not null, "--password-file"),
            (settings.Fingerprint is not null, "--fingerprint"),
            (settings.InsecureSkipTlsVerify, "--insecure-skip-tls-verify"),
            (settings.Ssh is not null, "--ssh"),
        };
        if (apiOnly.FirstOrDefault(o => o.Given) is { Given: true } bad)
            throw new CliException($"{bad.Option} applies to --host https://… only, not to {address.Text}");
    }
}
