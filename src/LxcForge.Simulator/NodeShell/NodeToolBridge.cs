using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace LxcForge.Simulator.NodeShell;

/// <summary>
/// Answers the node tools of <see cref="SimulatorNodeShell"/>'s shims over loopback TCP. The shims are
/// plain bash (<c>/dev/tcp</c> and <c>base64</c>), so a community script's dozens of pct/pvesm calls cost
/// milliseconds each rather than a process start. One request per connection, every field one line:
/// key, node, tool, argument count, each argument, stdin and the NUL-separated environment, base64 where
/// the value may hold newlines; the answer is the exit code, stdout and stderr, base64.
/// </summary>
internal sealed class NodeToolBridge : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly INodeCommandLine _commandLine;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public NodeToolBridge(INodeCommandLine commandLine)
    {
        _commandLine = commandLine;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _loop = AcceptAsync();
    }

    public int Port { get; }

    /// <summary>A per-bridge secret the shims present, so no other local process can drive the simulator through it.</summary>
    public string Key { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
                async Task<string> Line() => await reader.ReadLineAsync(_stop.Token) ?? throw new IOException("request cut short");
                static string Decode(string b64) => Encoding.UTF8.GetString(Convert.FromBase64String(b64));

                if (await Line() != Key)
                    return;
                var node = await Line();
                var tool = await Line();
                var count = int.Parse(await Line(), System.Globalization.CultureInfo.InvariantCulture);
                var args = new List<string>(count);
                for (var i = 0; i < count; i++)
                    args.Add(Decode(await Line()));
                var stdin = Decode(await Line());
                var env = Decode(await Line())
                    .Split('\0', StringSplitOptions.RemoveEmptyEntries)
                    .Where(e => e.Contains('='))
                    .GroupBy(e => e[..e.IndexOf('=')])
                    .ToDictionary(g => g.Key, g => g.Last()[(g.Key.Length + 1)..]);

                var result = await _commandLine.RunAsync(node, tool, args, stdin.Length == 0 ? null : stdin, env, _stop.Token);
                var answer = $"{result.ExitCode}\n{Encode(result.StandardOutput)}\n{Encode(result.StandardError)}\n";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(answer), _stop.Token);
            }
            catch (Exception e) when (e is IOException or FormatException or OperationCanceledException or SocketException)
            {
                // A shim that went away or sent garbage: it gets no answer and fails on its own.
            }
        }
    }

    private static string Encode(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
    }
}
