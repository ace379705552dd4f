using System.ComponentModel;
using System.Globalization;
using System.Runtime.InteropServices;
using LxcForge.Cli.Hosting;
using LxcForge.Cli.Infrastructure;
using LxcForge.Simulator.Engine;
using LxcForge.Simulator.Engine.Profiles;
using LxcForge.Simulator.Http;
using Spectre.Console.Cli;

namespace LxcForge.Cli.Commands.Sim;

public sealed class SimServeSettings : GlobalSettings
{
    [CommandOption("--port <PORT>")]
    [Description("TCP port on 127.0.0.1 (default 8006, Proxmox's; 0 picks a free one)")]
    [DefaultValue(8006)]
    public int Port { get; init; } = 8006;

    [CommandOption("--nodes <N>")]
    [Description("Number of simulated nodes (default 1: the fleet design's host 'pve'; more make pve1..pveN)")]
    [DefaultValue(1)]
    public int Nodes { get; init; } = 1;

    [CommandOption("--token-file <FILE>")]
    [Description("Write the API token secret to FILE (mode 0600) instead of printing it once on stdout")]
    public string? TokenFile { get; init; }

    [CommandOption("--password-file <FILE>")]
    [Description(
        "Write root@pam's password (for POST /access/ticket) to FILE (mode 0600); without it the password is printed once only when --token-file is not given"
    )]
    public string? PasswordFile { get; init; }

    [CommandOption("--state <NAME>")]
    [Description(
        "Serve the kept cluster NAME, the one --host sim://NAME uses (made with --nodes when new); saved when the server stops. While it serves, sim://NAME is refused with this server's address"
    )]
    public string? State { get; init; }

    [CommandOption("--time-factor <X>")]
    [Description("Simulated seconds per real second (default 1: starts take ~3 s as on the fleet design's host)")]
    [DefaultValue(1.0)]
    public double TimeFactor { get; init; } = 1;

    [CommandOption("--http")]
    [Description("Serve plain HTTP instead of HTTPS (for tools that cannot pin a certificate)")]
    public bool Http { get; init; }

    public override Spectre.Console.ValidationResult Validate() =>
        Port is < 0 or > 65535 ? Spectre.Console.ValidationResult.Error($"--port {Port} is not a TCP port (0-65535)")
        : Nodes is < 1 or > 64 ? Spectre.Console.ValidationResult.Error($"--nodes {Nodes} must be between 1 and 64")
        : TimeFactor <= 0 ? Spectre.Console.ValidationResult.Error("--time-factor must be greater than 0")
        : Spectre.Console.ValidationResult.Success();
}

/// <summary>
/// <c>lxcforge sim serve</c>: runs the Proxmox VE simulator standalone on 127.0.0.1 (HTTPS with a fresh
/// self-signed certificate), prints the URL, the certificate fingerprint and the API token id, and serves
/// until Ctrl-C. The token secret goes to <c>--token-file</c> (0600) or is printed once.
/// </summary>
public sealed class SimServeCommand(CliConsole io) : LxcForgeCommand<SimServeSettings>(io)
{
    protected override async Task<int> RunAsync(SimServeSettings settings, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, ctx =>
        {
            ctx.Cancel = true;
            stop.Cancel();
        });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx =>
        {
            ctx.Cancel = true;
            stop.Cancel();
        });

        // A named state is this server's alone while it runs (one writer), and saved when it stops.
        await using var state = StateOption.Open(
            Io.EnvironmentVariable,
            settings.State,
            new SimulatorOptions { TimeFactor = settings.TimeFactor },
            ClusterProfile.WithNodes(settings.Nodes)
        );
        var (session, cluster) = (state.Session, state.Cluster);
        await using var server = new SimulatorServer(
            cluster,
            new SimulatorServerOptions { Port = settings.Port, Https = !settings.Http },
            new LxcForge.Simulator.NodeCli.NodeCommandLine(cluster, cluster)
        );
        SimulatorEndpoint endpoint;
        try
        {
            endpoint = await server.StartAsync(cancellationToken);
        }
        catch (IOException e)
        {
            throw new CliException($"cannot listen on 127.0.0.1:{settings.Port}: {e.Message}", ExitCodes.StepFailed);
        }

        session?.AnnounceServing(endpoint);
        var credentials = endpoint.Credentials;
        if (settings.TokenFile is { } tokenFile)
            SecretFile.Write(Io.Resolve(tokenFile), credentials.TokenSecret);
        if (settings.PasswordFile is { } passwordFile)
            SecretFile.Write(Io.Resolve(passwordFile), credentials.Password);
        var showSecrets = settings.TokenFile is null;
        Output.Result(
            new
            {
                url = endpoint.BaseUrl.ToString(),
                apiUrl = endpoint.ApiUrl.ToString(),
                fingerprint = endpoint.CertificateSha256Fingerprint,
                nodes = cluster.NodeNames,
                tokenId = credentials.TokenId,
                tokenFile = settings.TokenFile,
                tokenSecret = showSecrets ? credentials.TokenSecret : null,
                user = credentials.UserName,
                password = showSecrets && settings.PasswordFile is null ? credentials.Password : null,
                state = settings.State,
                statePath = session?.StatePath,
            },
            o =>
            {
                o.Line($"Proxmox VE simulator listening on {endpoint.BaseUrl} ({string.Join(", ", cluster.NodeNames)})");
                if (endpoint.CertificateSha256Fingerprint is { } fingerprint)
                    o.Line($"certificate SHA-256 fingerprint: {fingerprint}");
                o.Line($"API token id: {credentials.TokenId}");
                if (showSecrets)
                {
                    o.Line($"API token secret (shown once): {credentials.TokenSecret}");
                    if (settings.PasswordFile is null)
                        o.Line($"password of {credentials.UserName} (shown once): {credentials.Password}");
                }
                else
                {
                    o.Line($"API token secret written to {settings.TokenFile} (mode 0600)");
                }
                o.Line($"Authorization header: PVEAPIToken={credentials.TokenId}=<secret>");
                if (session is not null)
                    o.Line(
                        $"state: {settings.State} ({session.StatePath}), saved within a second of each change and when the server stops; --host sim://{settings.State} is refused until then"
                    );
            }
        );
        Output.Note("serving until Ctrl-C");

        try
        {
            if (session is null)
                await Task.Delay(Timeout.Infinite, stop.Token);
            else
                await KeepSavedAsync(session, stop.Token);
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C or SIGTERM: fall through to a clean stop.
        }
        await server.StopAsync(CancellationToken.None);
        Output.Note("stopped");
        return ExitCodes.Ok;
    }

    // A served state is saved within a second of each change, so a server killed outright loses at most that second.
    private static async Task KeepSavedAsync(SimulatorSession session, CancellationToken stop)
    {
        using var tick = new PeriodicTimer(TimeSpan.FromSeconds(1));
        var saved = session.Cluster.StateVersion;
        while (await tick.WaitForNextTickAsync(stop))
        {
            var version = session.Cluster.StateVersion;
            if (version == saved)
                continue;
            session.Save();
            saved = version;
        }
    }
}

/// <summary>Writes a secret to a file only its owner can read, replacing the file atomically.</summary>
internal static class SecretFile
{
    public static void Write(string path, string secret)
    {
        var temp = path + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var stream = new FileStream(temp, options))
            using (var writer = new StreamWriter(stream))
                writer.WriteLine(secret);
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temp);
            throw new CliException($"{path}: cannot write the secret: {e.Message}", ExitCodes.StepFailed);
        }
    }
}
