using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using LxcForge.Testing.Utils;

namespace LxcForge.Testing.Ssh;

/// <summary>
/// A real OpenSSH server on 127.0.0.1 for one test class: a throwaway host key and user key (ssh-keygen), its own
/// authorized_keys, a known_hosts file naming the host key (so clients keep host-key checking on), and extra
/// session environment (PATH with the simulator's shims) through <c>SetEnv</c>. Stopped, by its own pid, on dispose.
/// </summary>
public sealed class SshdServer : IAsyncDisposable
{
    public const string SshdPath = "/usr/sbin/sshd";

    private readonly TempDir _dir;
    private readonly Process _process;

    private SshdServer(TempDir dir, Process process, int port)
    {
        _dir = dir;
        _process = process;
        Port = port;
    }

    /// <summary>Why the tests that need sshd cannot run here, or null when they can.</summary>
    public static string? UnavailableReason =>
        !File.Exists(SshdPath) ? $"{SshdPath} is not installed (apt-get install openssh-server; .ci/run does)"
        : FindOnPath("ssh-keygen") is null ? "ssh-keygen is not installed (openssh-client)"
        : null;

    public string Host => "127.0.0.1";

    public int Port { get; }

    public string User { get; } = Environment.UserName;

    /// <summary>The private key whose public half is authorized.</summary>
    public string UserKeyFile => _dir.Combine("user_ed25519");

    /// <summary>A known_hosts file that records this server's host key under <c>[127.0.0.1]:port</c>.</summary>
    public string KnownHostsFile => _dir.Combine("known_hosts");

    /// <summary>This server's host public key line (<c>ssh-ed25519 AAAA…</c>).</summary>
    public string HostPublicKey => File.ReadAllText(_dir.Combine("host_ed25519.pub")).Trim();

    public string Directory => _dir.Path;

    /// <summary>Everything sshd logged so far.</summary>
    public string Log => File.Exists(_dir.Combine("sshd.log")) ? File.ReadAllText(_dir.Combine("sshd.log")) : "";

    /// <param name="pathPrefix">Directories put first on the session's PATH.</param>
    /// <param name="environment">More session variables (non-secret), e.g. how the shims reach the simulator.</param>
    public static async Task<SshdServer> StartAsync(
        string? pathPrefix = null,
        IReadOnlyDictionary<string, string>? environment = null,
        CancellationToken cancellationToken = default
    )
    {
        if (UnavailableReason is { } reason)
            throw new InvalidOperationException(reason);
        var dir = TempDir.Create();
        try
        {
            await KeygenAsync(dir.Combine("host_ed25519"));
            await KeygenAsync(dir.Combine("user_ed25519"));
            File.Copy(dir.Combine("user_ed25519.pub"), dir.Combine("authorized_keys"));
            System.IO.Directory.CreateDirectory("/run/sshd"); // privilege separation dir, as the Debian service creates it

            for (var attempt = 1; ; attempt++)
            {
                var port = FreePort();
                File.WriteAllText(dir.Combine("sshd_config"), Config(dir, port, pathPrefix, environment));
                var check = await RunAsync(SshdPath, ["-t", "-f", dir.Combine("sshd_config")]);
                if (check.ExitCode != 0)
                    throw new InvalidOperationException($"sshd rejected the generated config: {check.Output}");
                var process = Process.Start(
                    new ProcessStartInfo(SshdPath)
                    {
                        ArgumentList = { "-D", "-f", dir.Combine("sshd_config"), "-E", dir.Combine("sshd.log") },
                        UseShellExecute = false,
                        RedirectStandardOutput = true,
                        RedirectStandardError = true,
                    }
                )!;
                if (await WaitForPortAsync(process, port, cancellationToken))
                {
                    var server = new SshdServer(dir, process, port);
                    var hostKey = server.HostPublicKey.Split(' ');
                    File.WriteAllText(server.KnownHostsFile, $"[127.0.0.1]:{port} {hostKey[0]} {hostKey[1]}\n");
                    return server;
                }

                // Someone took the port between our probe and sshd's bind: try another.
                if (attempt >= 3)
                    throw new InvalidOperationException($"sshd did not start: {File.ReadAllText(dir.Combine("sshd.log"))}");
            }
        }
        catch
        {
            dir.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException) { }

        _process.Dispose();
        _dir.Dispose();
    }

    private static string Config(TempDir dir, int port, string? pathPrefix, IReadOnlyDictionary<string, string>? environment)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Port {port}");
        sb.AppendLine("ListenAddress 127.0.0.1");
        sb.AppendLine(CultureInfo.InvariantCulture, $"HostKey {dir.Combine("host_ed25519")}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"PidFile {dir.Combine("sshd.pid")}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"AuthorizedKeysFile {dir.Combine("authorized_keys")}");
        sb.AppendLine("PubkeyAuthentication yes");
        sb.AppendLine("PasswordAuthentication no");
        sb.AppendLine("KbdInteractiveAuthentication no");
        sb.AppendLine("PermitRootLogin prohibit-password");
        sb.AppendLine("StrictModes no"); // the key files live under /tmp, which is world-writable
        sb.AppendLine("UsePAM no");
        sb.AppendLine("LogLevel VERBOSE");
        var vars = new Dictionary<string, string>(environment ?? new Dictionary<string, string>());
        if (pathPrefix is not null)
            vars["PATH"] = pathPrefix + ":/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
        if (vars.Count > 0)
            sb.AppendLine("SetEnv " + string.Join(' ', vars.Select(v => $"\"{v.Key}={v.Value}\"")));
        return sb.ToString();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static async Task<bool> WaitForPortAsync(Process process, int port, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(20);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
                return false;
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                return true;
            }
            catch (SocketException)
            {
                await Task.Delay(delay, cancellationToken); // back-off while sshd binds
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 500));
            }
        }

        return false;
    }

    private static async Task KeygenAsync(string file)
    {
        var result = await RunAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "lxcforge-test", "-f", file]);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"ssh-keygen failed: {result.Output}");
    }

    /// <summary>Runs a helper program (ssh-keygen, ssh-add…) to completion.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(
        string program,
        IEnumerable<string> args,
        IReadOnlyDictionary<string, string>? environment = null
    )
    {
        var psi = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
            psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (p.ExitCode, await stdout + await stderr);
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);
}
