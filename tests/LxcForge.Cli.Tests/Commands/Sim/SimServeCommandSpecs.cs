using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LxcForge.Testing.Utils;

namespace LxcForge.Cli.Tests.Commands.Sim;

/// <summary><c>lxcforge sim serve</c> as a real process: it prints where it listens, serves the API, stops on SIGINT.</summary>
public partial class SimServeCommandSpecs
{
    [Fact]
    public async Task Sim_serve_prints_url_fingerprint_and_token_id_writes_the_secret_0600_and_stops_on_Ctrl_C()
    {
        // Arrange
        using var dir = TempDir.Create();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = dir.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (
            var arg in new[] { Path.Combine(AppContext.BaseDirectory, "lxcforge.dll"), "sim", "serve", "--port", "0", "--nodes", "3", "--token-file", "token" }
        )
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            // Act
            var lines = new List<string>();
            while (!lines.Any(l => l.StartsWith("Authorization header", StringComparison.Ordinal)))
            {
                var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60))
                    ?? throw new InvalidOperationException("sim serve ended early: " + await stderr);
                lines.Add(line);
            }
            var url = new Uri(UrlRegex().Match(lines[0]).Value);
            var fingerprint = lines.Single(l => l.StartsWith("certificate SHA-256 fingerprint: ", StringComparison.Ordinal))[
                "certificate SHA-256 fingerprint: ".Length..
            ];
            var tokenId = lines.Single(l => l.StartsWith("API token id: ", StringComparison.Ordinal))["API token id: ".Length..];
            var secret = (await File.ReadAllTextAsync(dir.Combine("token"))).Trim();
            using var handler = new SocketsHttpHandler();
            handler.SslOptions.RemoteCertificateValidationCallback = (_, c, _, _) =>
                c is not null && Convert.ToHexString(SHA256.HashData(c.GetRawCertData())) == fingerprint.Replace(":", "", StringComparison.Ordinal);
            using var client = new HttpClient(handler) { BaseAddress = new Uri(url, "api2/json/") };
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"PVEAPIToken={tokenId}={secret}");
            using var nodes = await client.GetAsync("nodes");
            var body = JsonNode.Parse(await nodes.Content.ReadAsStringAsync())!;
            using (var interrupt = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                await interrupt.WaitForExitAsync(); // SIGINT, as Ctrl-C sends
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

            // Assert
            url.Host.Should().Be("127.0.0.1");
            url.Scheme.Should().Be("https");
            tokenId.Should().Be("root@pam!lxcforge");
            string.Join('\n', lines).Should().NotContain(secret, "the secret goes to the token file only");
            if (!OperatingSystem.IsWindows())
                File.GetUnixFileMode(dir.Combine("token")).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            nodes.StatusCode.Should().Be(HttpStatusCode.OK);
            body["data"]!.AsArray().Should().HaveCount(3);
            process.ExitCode.Should().Be(0, await stderr);
        }
        finally
        {
            if (!process.HasExited)
                process.Kill();
        }
    }

    [GeneratedRegex(@"https?://127\.0\.0\.1:\d+/")]
    private static partial Regex UrlRegex();
}
