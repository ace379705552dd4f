using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LxcForge.Cli.Infrastructure;
using LxcForge.Simulator.Engine;
using LxcForge.Simulator.Engine.Profiles;
using LxcForge.Simulator.Http;

namespace LxcForge.Cli.Hosting;

/// <summary>
/// The cluster behind <c>sim://NAME</c> (and <c>sim serve/shell --state NAME</c>): <c>NAME.json</c> (sandboxes and
/// archives in <c>NAME.d</c> beside it) under the data directory, opened for one run and saved when the run ends.
/// A lock file keeps a second <c>lxcforge</c> from working on the same cluster at once (the later save would undo
/// the earlier one); while <c>sim serve</c> holds it, <c>NAME.serving</c> says where, so the refusal can point there.
/// </summary>
internal sealed class SimulatorSession : IAsyncDisposable
{
    private readonly string _statePath;
    private readonly FileStream _lock;
    private bool _announced;

    private SimulatorSession(SimulatorCluster cluster, string statePath, FileStream lockFile)
    {
        Cluster = cluster;
        _statePath = statePath;
        _lock = lockFile;
    }

    public SimulatorCluster Cluster { get; }

    public string StatePath => _statePath;

    /// <summary>Opens (or makes, from <paramref name="profile"/>) the cluster kept at <paramref name="statePath"/>.</summary>
    /// <param name="what">How the user named it, for messages: <c>--host sim://lab</c>, <c>--state lab</c>.</param>
    public static SimulatorSession Open(string statePath, string what, SimulatorOptions options, ClusterProfile? profile = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(statePath)!);
        FileStream lockFile;
        try
        {
            lockFile = new FileStream(statePath + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new CliException($"{what}: {Holder(statePath)}", ExitCodes.HostUnreachable);
        }

        try
        {
            return new SimulatorSession(SimulatorCluster.Open(statePath, profile, options), statePath, lockFile);
        }
        catch (InvalidDataException e)
        {
            lockFile.Dispose();
            // Never overwrite what cannot be read: the user may want it back.
            throw new CliException($"{what}: {e.Message}; move the file away to start a new cluster", ExitCodes.HostUnreachable);
        }
    }

    /// <summary>Records where this cluster is served (no secrets), so another lxcforge that finds it busy can say so.</summary>
    public void AnnounceServing(SimulatorEndpoint endpoint)
    {
        var note = new JsonObject
        {
            ["pid"] = Environment.ProcessId,
            ["url"] = endpoint.BaseUrl.ToString(),
            ["fingerprint"] = endpoint.CertificateSha256Fingerprint,
            ["tokenId"] = endpoint.Credentials.TokenId,
        };
        File.WriteAllText(ServingPath(_statePath), note.ToJsonString());
        _announced = true;
    }

    /// <summary>Saves the cluster now (tasks still running are saved as they stand).</summary>
    public void Save() => Cluster.Save(_statePath);

    /// <summary>Lets running tasks end (briefly), saves, and releases the cluster and the lock.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            try
            {
                await Cluster.WaitForIdleAsync(TimeSpan.FromSeconds(30));
            }
            catch (TimeoutException)
            {
                // Saved as they stand: tasks still running come back as "unexpected status", as on a rebooted node.
            }

            Cluster.Save(_statePath);
        }
        finally
        {
            if (_announced)
                File.Delete(ServingPath(_statePath));
            await Cluster.DisposeAsync();
            await _lock.DisposeAsync();
        }
    }

    // A note left by a server that was killed outright names a process that is gone.
    private static bool Alive(int? pid)
    {
        if (pid is not { } id)
            return false;
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(id);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string ServingPath(string statePath) => Path.ChangeExtension(statePath, ".serving");

    // Who holds the lock, as far as can be told: a running sim serve leaves a note with its address.
    private static string Holder(string statePath)
    {
        try
        {
            if (JsonNode.Parse(File.ReadAllText(ServingPath(statePath))) is JsonObject note && Alive((int?)note["pid"]))
            {
                var fingerprint = (string?)note["fingerprint"] is { } f ? $" --fingerprint {f}" : "";
                return string.Create(
                    CultureInfo.InvariantCulture,
                    $"this simulated cluster is being served by 'lxcforge sim serve' (pid {(int?)note["pid"]}) at {(string?)note["url"]}; "
                        + $"reach it there (--host {(string?)note["url"]}{fingerprint} with its token, id {(string?)note["tokenId"]}) or stop that server (Ctrl-C) first"
                );
            }
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            // No note (or a torn one): another lxcforge command holds it.
        }

        return $"another lxcforge is using this simulated cluster ({statePath}); wait for it to finish";
    }
}
