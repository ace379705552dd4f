using System.Text.Json.Nodes;
using LxcForge.Lxc.Tests.Infra;
using LxcForge.Testing.Utils;

namespace LxcForge.Lxc.Tests.EndToEnd;

/// <summary>
/// A fleet of real PostgreSQL and Redis deployed by the real <c>lxcforge</c> into a sandbox: templates built
/// from the cached Debian OS template that carries both servers, then <c>deploy --all</c>, once per test class.
/// Tests reach the services only from the host side of the sandbox's bridge (inside the private namespace).
/// </summary>
public sealed class RealFleet : IAsyncLifetime
{
    /// <summary>The cached debootstrap tarball appears on the sandbox's <c>local</c> storage under this name.</summary>
    public const string OsTemplate = "debian-12-databases_12.0-1_amd64.tar.zst";

    public const string PostgresIp = "10.0.30.10";
    public const string RedisIp = "10.0.30.20";

    private const string Spec = $"""
        # Real containers: the fleet design's PostgreSQL and Redis, templates from an OS template that already holds both servers.
        network:
          template-bridge: vmbr2
        templates:
          - name: postgresql
            source: {"{"}os-template: {OsTemplate}{"}"}
          - name: redis
            source: {"{"}os-template: {OsTemplate}{"}"}
        services:
          - name: postgresql
          - name: redis
        """;

    private TempDir? _dir;
    private LxcSandbox? _sandbox;

    public LxcSandbox Sandbox => _sandbox ?? throw new InvalidOperationException(RealLxc.SkipReason);

    public LxcForgeProcess Cli { get; private set; } = null!;

    /// <summary>What <c>templates create</c> and the first <c>deploy</c> printed (asserted by the tests).</summary>
    public ProcessResult Templates { get; private set; } = null!;

    public ProcessResult FirstDeploy { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (RealLxc.SkipReason is not null)
            return;
        _sandbox = await LxcSandbox.CreateAsync(await OsTemplateCache.DatabasesAsync(), OsTemplate);
        _dir = TempDir.Create();
        await File.WriteAllTextAsync(_dir.Combine("fleet.yaml"), Spec);
        Cli = new LxcForgeProcess(_sandbox.Network, _dir.Path);
        Templates = await RunAsync("templates", "create", "--all");
        FirstDeploy = await RunAsync("deploy", "--all");
    }

    public async Task DisposeAsync()
    {
        if (_sandbox is not null)
            await _sandbox.DisposeAsync();
        _dir?.Dispose();
    }

    public string SpecPath => _dir!.Combine("fleet.yaml");

    public Task<ProcessResult> RunAsync(params string[] args) => Cli.RunAsync([.. args, "--host", Sandbox.Address, "-f", SpecPath]);

    /// <summary>The generated credential <paramref name="name"/> of <paramref name="service"/>, read with <c>secrets show</c>.</summary>
    public async Task<string> SecretAsync(string service, string name)
    {
        var shown = await RunAsync("secrets", "show", service, "--output", "json");
        shown.ExitCode.Should().Be(0, "secrets show must work after a deploy (its output is not shown: it holds secrets)");
        var secrets = JsonNode.Parse(shown.Stdout)!["secrets"]!.AsObject();
        return secrets[name]?.GetValue<string>()
            ?? throw new InvalidOperationException($"{service} has no secret '{name}' (it has: {string.Join(", ", secrets.Select(s => s.Key))})");
    }

    /// <summary>Runs a client (psql, redis-cli) on the host side of the bridge; secrets go in its environment only.</summary>
    public async Task<(int ExitCode, string Output)> ClientAsync(IReadOnlyList<string> command, IReadOnlyDictionary<string, string> environment)
    {
        var env = new Dictionary<string, string>(environment)
        {
            ["PATH"] = "/usr/local/bin:/usr/bin:/bin",
            ["HOME"] = "/root",
            ["LANG"] = "C.UTF-8",
        };
        var result = await Sandbox.Network.Runner.RunAsync(command, TimeSpan.FromSeconds(60), CancellationToken.None, environment: env);
        return (result.ExitCode, (result.StandardOutput + result.StandardError).Trim());
    }
}
