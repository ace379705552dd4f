using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LxcForge.Testing.Utils;

namespace LxcForge.Cli.Tests.Commands.Sim;

/// <summary><c>lxcforge sim serve --state NAME</c>: serves the cluster <c>sim://NAME</c> keeps, owns it while serving, saves it when stopped.</summary>
public sealed partial class SimServeStateSpecs
{
    private const string Debian12 = "local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst";

    [Fact]
    public async Task A_served_state_shows_what_sim_NAME_made_refuses_a_second_owner_and_keeps_what_clients_made()
    {
        // Arrange: a container made through the kept state, then the state served.
        using var dir = TempDir.Create();
        var lxcforge = new LxcForgeProcess(dir.Path);
        (await lxcforge.RunAsync("sim", "shell", "--state", "lab", "--", "pct", "create", "200", Debian12, "--rootfs", "local-lvm:1", "--hostname", "web"))
            .Code.Should()
            .Be(0);
        using var server = Process.Start(
            lxcforge.StartInfo("sim", "serve", "--state", "lab", "--port", "0", "--token-file", "token", "--time-factor", "1000")
        )!;
        var serverErr = server.StandardError.ReadToEndAsync();
        try
        {
            var (url, client) = await ConnectAsync(server, serverErr, dir);
            using var _ = client;

            // Act
            var servedVms = await DataAsync(client.GetAsync("cluster/resources?type=vm"));
            var second = await lxcforge.RunAsync("sim", "shell", "--state", "lab", "--", "pct", "list");
            var upid = (string)
                (
                    await DataAsync(
                        client.PostAsync(
                            "nodes/pve/lxc",
                            new FormUrlEncodedContent(
                                new Dictionary<string, string>
                                {
                                    ["vmid"] = "201",
                                    ["ostemplate"] = Debian12,
                                    ["rootfs"] = "local-lvm:1",
                                    ["hostname"] = "api",
                                }
                            )
                        )
                    )
                )!;
            await WaitForTaskAsync(client, upid);
            using (var interrupt = Process.Start("kill", ["-INT", server.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                await interrupt.WaitForExitAsync();
            await server.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            var after = await lxcforge.RunAsync("sim", "shell", "--state", "lab", "--", "pct", "list");

            // Assert
            servedVms!.AsArray().Select(v => (string)v!["name"]!).Should().Equal("web");
            second.Code.Should().Be(3, "one owner of a state at a time");
            second.Stderr.Should().Contain($"being served by 'lxcforge sim serve' (pid {server.Id}) at {url}");
            server.ExitCode.Should().Be(0, await serverErr);
            after.Code.Should().Be(0, after.Stderr);
            after.Stdout.Should().Contain("200        stopped                 web").And.Contain("201        stopped                 api");
            File.Exists(dir.Combine("data/lxcforge/sim/lab.serving")).Should().BeFalse("the note goes with the server");
        }
        finally
        {
            if (!server.HasExited)
                server.Kill();
        }
    }

    [Fact]
    public async Task A_served_state_is_saved_soon_after_a_change_so_a_killed_server_loses_nothing_that_finished()
    {
        // Arrange
        using var dir = TempDir.Create();
        var lxcforge = new LxcForgeProcess(dir.Path);
        using var server = Process.Start(
            lxcforge.StartInfo("sim", "serve", "--state", "lab", "--port", "0", "--token-file", "token", "--time-factor", "1000")
        )!;
        var serverErr = server.StandardError.ReadToEndAsync();
        try
        {
            var (_, client) = await ConnectAsync(server, serverErr, dir);
            using var __ = client;
            var upid = (string)
                (
                    await DataAsync(
                        client.PostAsync(
                            "nodes/pve/lxc",
                            new FormUrlEncodedContent(
                                new Dictionary<string, string>
                                {
                                    ["vmid"] = "202",
                                    ["ostemplate"] = Debian12,
                                    ["rootfs"] = "local-lvm:1",
                                    ["hostname"] = "kept",
                                }
                            )
                        )
                    )
                )!;
            await WaitForTaskAsync(client, upid);

            // Act: wait for the save (state file names the container), then kill the server outright.
            var statePath = dir.Combine("data/lxcforge/sim/lab.json");
            var delay = TimeSpan.FromMilliseconds(20);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (!(await File.ReadAllTextAsync(statePath)).Contains("\"kept\"", StringComparison.Ordinal))
            {
                DateTime.UtcNow.Should().BeBefore(deadline, "the served state should be saved within a second of a change");
                await Task.Delay(delay);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromMilliseconds(250).Ticks));
            }

            server.Kill();
            await server.WaitForExitAsync();
            var after = await lxcforge.RunAsync("sim", "shell", "--state", "lab", "--", "pct", "list");

            // Assert
            after.Code.Should().Be(0, after.Stderr);
            after.Stdout.Should().Contain("202        stopped                 kept");
        }
        finally
        {
            if (!server.HasExited)
                server.Kill();
        }
    }

    // Reads what sim serve prints up to its state line; a client pinned to its certificate, with its token.
    private static async Task<(Uri Url, HttpClient Client)> ConnectAsync(Process server, Task<string> serverErr, TempDir dir)
    {
        var lines = new List<string>();
        while (!lines.Any(l => l.StartsWith("state: ", StringComparison.Ordinal)))
        {
            lines.Add(
                await server.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60))
                    ?? throw new InvalidOperationException("sim serve ended early: " + await serverErr)
            );
        }

        var url = new Uri(UrlRegex().Match(lines[0]).Value);
        var fingerprint = lines.Single(l => l.StartsWith("certificate SHA-256 fingerprint: ", StringComparison.Ordinal))[
            "certificate SHA-256 fingerprint: ".Length..
        ];
        return (url, Client(url, fingerprint, (await File.ReadAllTextAsync(dir.Combine("token"))).Trim()));
    }

    private static HttpClient Client(Uri url, string fingerprint, string secret)
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, c, _, _) =>
            c is not null && Convert.ToHexString(SHA256.HashData(c.GetRawCertData())) == fingerprint.Replace(":", "", StringComparison.Ordinal);
        var client = new HttpClient(handler) { BaseAddress = new Uri(url, "api2/json/") };
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"PVEAPIToken=root@pam!lxcforge={secret}");
        return client;
    }

    private static async Task<JsonNode?> DataAsync(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue(text);
        return JsonNode.Parse(text)!["data"];
    }

    private static async Task WaitForTaskAsync(HttpClient client, string upid)
    {
        var delay = TimeSpan.FromMilliseconds(5);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var status = await DataAsync(client.GetAsync($"nodes/pve/tasks/{Uri.EscapeDataString(upid)}/status"));
            if ((string?)status!["status"] == "stopped")
            {
                ((string?)status["exitstatus"]).Should().Be("OK");
                return;
            }

            DateTime.UtcNow.Should().BeBefore(deadline, $"task {upid} should finish");
            await Task.Delay(delay);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromMilliseconds(100).Ticks));
        }
    }

    [GeneratedRegex(@"https?://127\.0\.0\.1:\d+/")]
    private static partial Regex UrlRegex();
}
