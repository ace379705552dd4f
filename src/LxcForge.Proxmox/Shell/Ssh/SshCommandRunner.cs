using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using LxcForge.Core.Hosting;
using LxcForge.Proxmox.Shell.Runners;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace LxcForge.Proxmox.Shell.Ssh;

/// <summary>
/// Runs commands on a node over one reused SSH connection (SSH.NET), reconnecting when it was dropped.
/// Host keys are checked against known_hosts; an unknown or changed key is refused unless the user opted in
/// to accepting new keys. Arguments are quoted once for the remote shell; stdin is streamed.
/// </summary>
public sealed partial class SshCommandRunner : ICommandRunner
{
    private readonly SshTarget _target;
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private SshClient? _client;
    private string? _hostKeyRefusal;
    private int _disposed;

    public SshCommandRunner(SshTarget target) => _target = target;

    public string Description => _target.ToString();

    public async Task<CommandOutput> RunAsync(CommandSpec command, CancellationToken cancellationToken = default)
    {
        var line = CommandLine(command);
        for (var attempt = 1; ; attempt++)
        {
            var client = await ConnectedClientAsync(cancellationToken);
            SshCommand ssh;
            Task execution;
            try
            {
                ssh = client.CreateCommand(line, new UTF8Encoding(false));
                execution = ssh.ExecuteAsync(CancellationToken.None);
            }
            catch (Exception e) when (attempt == 1 && e is SshConnectionException or SocketException or ObjectDisposedException or InvalidOperationException)
            {
                // The channel never opened, so the command did not run: safe to reconnect and try once more.
                await DropClientAsync();
                continue;
            }

            using (ssh)
                return await CompleteAsync(command, ssh, execution, cancellationToken);
        }
    }

    /// <summary>Closes the connection; safe to call more than once (the host and its owner may both dispose it).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        await DropClientAsync();
        _connectLock.Dispose();
    }

    /// <summary>
    /// The remote shell command: <c>echo $$ >&amp;2; export K='v'; exec 'program' 'arg'…</c>, every word quoted. The shell
    /// first tells its pid (which <c>exec</c> hands to the program), so a timed-out or cancelled command can be killed:
    /// OpenSSH ignores SSH signal requests, and closing a channel without a terminal does not stop its process.
    /// </summary>
    internal static string CommandLine(CommandSpec command)
    {
        var sb = new StringBuilder("echo $$ >&2; ");
        foreach (var (key, value) in command.Environment.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (!EnvironmentName().IsMatch(key))
                throw new ArgumentException($"'{key}' is not a valid environment variable name", nameof(command));
            sb.Append("export ").Append(key).Append('=').Append(PosixQuoting.Quote(value)).Append("; ");
        }

        sb.Append("exec ").Append(PosixQuoting.Quote(command.Program));
        foreach (var arg in command.Arguments)
            sb.Append(' ').Append(PosixQuoting.Quote(arg));
        // No stdin (or an empty one): the command reads end-of-file at once. (An SSH input stream closed without data
        // sends no EOF, and a command that reads stdin — the node shims, cat — would wait for ever.)
        if (string.IsNullOrEmpty(command.StandardInput))
            sb.Append(" </dev/null");
        return sb.ToString();
    }

    private async Task<CommandOutput> CompleteAsync(CommandSpec command, SshCommand ssh, Task execution, CancellationToken cancellationToken)
    {
        var pid = new TaskCompletionSource<int?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stdout = ReadAllAsync(ssh.OutputStream);
        var stderr = ReadStderrAsync(ssh.ExtendedOutputStream, pid);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(command.Timeout);
        try
        {
            if (command.StandardInput is { Length: > 0 } stdin)
            {
                await using var input = ssh.CreateInputStream();
                await input.WriteAsync(Encoding.UTF8.GetBytes(stdin), timeout.Token);
            }

            await execution.WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            await KillRemoteAsync(pid.Task, execution);
            cancellationToken.ThrowIfCancellationRequested();
            throw new HostException(HostErrorKind.Timeout, $"'{command}' on {Description} did not finish within {command.Timeout} and was killed");
        }
        catch (Exception e) when (e is SshConnectionException or SocketException or ObjectDisposedException)
        {
            // The command may or may not have run: report it, never repeat it.
            await DropClientAsync();
            throw new HostException(
                HostErrorKind.Unreachable,
                $"the connection to {Description} was lost while '{command}' ran; it may or may not have taken effect",
                e
            );
        }

        var exit = ssh.ExitStatus ?? (ssh.ExitSignal is not null ? 128 + 9 : 255);
        return new CommandOutput(exit, await stdout, await stderr);
    }

    /// <summary>Stops a command that overran or was cancelled: TERM to its pid, KILL if it is still there when the channel has not closed.</summary>
    private async Task KillRemoteAsync(Task<int?> pidTask, Task execution)
    {
        // The pid is the first thing the remote shell says; a command cut short at once may not have said it yet.
        await Task.WhenAny(pidTask, execution, Task.Delay(TimeSpan.FromSeconds(10)));
        if (!pidTask.IsCompletedSuccessfully || pidTask.Result is not { } pid || _client is not { IsConnected: true } client)
            return;
        var id = pid.ToString(System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            using (var term = client.CreateCommand($"kill -TERM {id} 2>/dev/null"))
                await term.ExecuteAsync(CancellationToken.None);
            if (await Task.WhenAny(execution, Task.Delay(TimeSpan.FromSeconds(10))) != execution)
            {
                using var kill = client.CreateCommand($"kill -KILL {id} 2>/dev/null");
                await kill.ExecuteAsync(CancellationToken.None);
            }
        }
        catch (Exception e) when (e is SshException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // The connection went away too; nothing more can be done from here.
        }
    }

    private static async Task<string> ReadAllAsync(Stream stream)
    {
        using var reader = new StreamReader(stream, new UTF8Encoding(false));
        return await reader.ReadToEndAsync();
    }

    /// <summary>Reads stderr to its end; its first line is the remote shell's pid (see <see cref="CommandLine"/>), which is not output.</summary>
    private static async Task<string> ReadStderrAsync(Stream stream, TaskCompletionSource<int?> pid)
    {
        using var reader = new StreamReader(stream, new UTF8Encoding(false));
        var first = await reader.ReadLineAsync();
        pid.TrySetResult(int.TryParse(first, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var p) ? p : null);
        var rest = await reader.ReadToEndAsync();
        return first is null || pid.Task.Result is not null ? rest : first + "\n" + rest;
    }

    private async Task<SshClient> ConnectedClientAsync(CancellationToken cancellationToken)
    {
        await _connectLock.WaitAsync(cancellationToken);
        try
        {
            if (_client is { IsConnected: true })
                return _client;
            _client?.Dispose();
            _client = null;
            var client = CreateClient();
            try
            {
                await client.ConnectAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                client.Dispose();
                throw Translate(e);
            }

            return _client = client;
        }
        finally
        {
            _connectLock.Release();
        }
    }

    private SshClient CreateClient()
    {
        var knownHosts = KnownHosts.Load(_target.ResolvedKnownHostsFile);
        var info = new ConnectionInfo(_target.Host, _target.Port, _target.User, new PrivateKeyAuthenticationMethod(_target.User, [.. KeySources()]))
        {
            Timeout = _target.ConnectTimeout,
        };
        PreferKnownHostKeyTypes(info, knownHosts.KeyTypesFor(_target.Host, _target.Port));
        var client = new SshClient(info) { KeepAliveInterval = TimeSpan.FromSeconds(30) };
        client.HostKeyReceived += (_, e) => e.CanTrust = TrustHostKey(knownHosts, e.HostKey);
        return client;
    }

    private bool TrustHostKey(KnownHosts knownHosts, byte[] key)
    {
        _hostKeyRefusal = null;
        var fingerprint = KnownHosts.Fingerprint(key);
        var type = KnownHosts.KeyTypeOf(key);
        switch (knownHosts.Check(_target.Host, _target.Port, key))
        {
            case KnownHosts.Verdict.Known:
                return true;
            case KnownHosts.Verdict.Unknown when _target.AcceptNewHostKey:
                knownHosts.Add(_target.Host, _target.Port, key);
                return true;
            case KnownHosts.Verdict.Unknown:
                _hostKeyRefusal =
                    $"the host key of {Description} ({type} {fingerprint}) is not in {knownHosts.Path}; check the fingerprint on the node "
                    + "(ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub) and add it, or trust it on first use with --accept-new-host-key (which records it there)";
                return false;
            case KnownHosts.Verdict.Revoked:
                _hostKeyRefusal = $"the host key of {Description} ({type} {fingerprint}) is marked @revoked in {knownHosts.Path}";
                return false;
            default:
                _hostKeyRefusal =
                    $"the host key of {Description} has CHANGED: it offered {type} {fingerprint}, which does not match {knownHosts.Path}. "
                    + "Someone may be intercepting the connection, or the node was reinstalled; LxcForge will not connect until the entry is corrected";
                return false;
        }
    }

    /// <summary>Like OpenSSH: ask first for the host key types already recorded, so a known host is checked against its recorded key.</summary>
    private static void PreferKnownHostKeyTypes(ConnectionInfo info, IReadOnlySet<string> knownTypes)
    {
        if (knownTypes.Count == 0)
            return;
        static string BaseType(string algorithm) =>
            algorithm switch
            {
                "rsa-sha2-256" or "rsa-sha2-512" => "ssh-rsa",
                _ => algorithm,
            };
        var unknown = info.HostKeyAlgorithms.Keys.Where(k => !knownTypes.Contains(BaseType(k))).ToList();
        if (unknown.Count == info.HostKeyAlgorithms.Count)
            return; // none recorded that this library speaks: let the check report it
        foreach (var key in unknown)
            info.HostKeyAlgorithms.Remove(key);
    }

    private IEnumerable<IPrivateKeySource> KeySources()
    {
        foreach (var file in _target.IdentityFiles)
        {
            if (!File.Exists(file))
                throw new HostException(HostErrorKind.AuthenticationFailed, $"the SSH identity file '{file}' does not exist");
            yield return new PrivateKeyFile(file);
        }

        if (_target.IdentityFiles.Count > 0)
            yield break;
        var socket = _target.AgentSocket ?? Environment.GetEnvironmentVariable("SSH_AUTH_SOCK");
        if (_target.UseAgent && !string.IsNullOrEmpty(socket) && File.Exists(socket))
        {
            yield return SshAgentKeys.Connect(socket);
            yield break;
        }

        foreach (var name in new[] { "id_ed25519", "id_ecdsa", "id_rsa" })
        {
            var path = Path.Combine(SshTarget.Home, ".ssh", name);
            if (File.Exists(path))
                yield return new PrivateKeyFile(path);
        }
    }

    private HostException Translate(Exception e) =>
        e switch
        {
            HostException h => h,
            SshConnectionException when _hostKeyRefusal is not null => new HostException(HostErrorKind.AuthenticationFailed, _hostKeyRefusal, e),
            SshAuthenticationException => new HostException(
                HostErrorKind.AuthenticationFailed,
                $"{Description} refused the SSH keys offered ({e.Message}); is the public key in the node's authorized_keys?",
                e
            ),
            SshOperationTimeoutException => new HostException(HostErrorKind.Unreachable, $"{Description} did not answer within {_target.ConnectTimeout}", e),
            _ => new HostException(HostErrorKind.Unreachable, $"cannot connect to {Description}: {e.Message}", e),
        };

    private async Task DropClientAsync()
    {
        await _connectLock.WaitAsync();
        try
        {
            _client?.Dispose();
            _client = null;
        }
        finally
        {
            _connectLock.Release();
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvironmentName();
}
