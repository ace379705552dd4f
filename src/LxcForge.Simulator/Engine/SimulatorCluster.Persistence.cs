using System.Text.Json;
using LxcForge.Simulator.Engine.Exec;
using LxcForge.Simulator.Engine.Faults;
using LxcForge.Simulator.Engine.Model;
using LxcForge.Simulator.Engine.Tasks;

namespace LxcForge.Simulator.Engine;

/// <summary>Saving and loading a cluster (<c>--host sim://NAME</c>): one JSON file, sandboxes and archives in a folder beside it.</summary>
public sealed partial class SimulatorCluster
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Converters = { new ReadOnlySetConverter() } };

    /// <summary>The folder beside <paramref name="statePath"/> that holds its sandboxes and backup archives (<c>NAME.json</c> → <c>NAME.d</c>).</summary>
    public static string StateDirectoryFor(string statePath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(statePath))!, Path.GetFileNameWithoutExtension(statePath) + ".d");

    /// <summary>
    /// Writes the whole cluster to <paramref name="path"/> (atomically: a temporary file renamed over it), and copies
    /// sandboxes and archives to <see cref="StateDirectoryFor"/> when this cluster keeps them elsewhere. Tasks still
    /// running are saved as they stand and come back stopped with <c>unexpected status</c>; call
    /// <see cref="WaitForIdleAsync"/> first to avoid that.
    /// </summary>
    public void Save(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string text;
        // The read side: saving changes nothing a view shows (the clock's reading only), so cached views stay.
        using (Gate.Read())
        {
            State.SimulatedSeconds = Clock.Elapsed.TotalSeconds;
            text = JsonSerializer.Serialize(State, Json);
        }

        var target = StateDirectoryFor(full);
        if (!string.Equals(Path.GetFullPath(StateDirectory), target, StringComparison.Ordinal))
            SandboxManager.MirrorAsync(StateDirectory, target).GetAwaiter().GetResult();
        // The state holds the containers' configs and generated secrets' traces: owner-only, like Proxmox's own.
        var temporary = full + ".tmp-" + Environment.ProcessId;
        File.Delete(temporary);
        using (
            var stream = OperatingSystem.IsWindows()
                ? new FileStream(temporary, FileMode.CreateNew, FileAccess.Write)
                : new FileStream(
                    temporary,
                    new FileStreamOptions
                    {
                        Mode = FileMode.CreateNew,
                        Access = FileAccess.Write,
                        UnixCreateMode = OwnerOnly,
                    }
                )
        )
        using (var writer = new StreamWriter(stream))
            writer.Write(text);
        File.Move(temporary, full, overwrite: true);

        // Faults armed for the next run (sim fault add) and not used up stay beside the state. One armed in code
        // beyond the file's limits (a test's own) is not kept: saving never fails for it.
        try
        {
            Faults.Export().Write(FaultFile.PathFor(full));
        }
        catch (ArgumentException)
        {
            File.Delete(FaultFile.PathFor(full));
        }
    }

    /// <summary>Loads a cluster saved by <see cref="Save"/>; its sandboxes are used in place beside the file.
    /// Simulated time carries on from the save.</summary>
    public static SimulatorCluster Load(string path, SimulatorOptions? options = null)
    {
        var full = Path.GetFullPath(path);
        Tighten(full);
        ClusterState state;
        try
        {
            state = JsonSerializer.Deserialize<ClusterState>(File.ReadAllText(full), Json) ?? throw new InvalidDataException($"{full}: empty simulator state");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{full}: not a simulator state file ({ex.Message})", ex);
        }

        state.RestoreOrdinalOrder();
        foreach (var task in state.Tasks.Where(t => t.Status == "running"))
            Interrupt(task);
        var faults = FaultFile.Read(FaultFile.PathFor(full));
        var cluster = new SimulatorCluster(
            state,
            (options ?? new SimulatorOptions()) with
            {
                StateDirectory = options?.StateDirectory ?? StateDirectoryFor(full),
            }
        );
        cluster.Faults.Import(faults);
        if (state.RootCaPem is null)
        {
            // A state saved before clusters had a root CA gets one now, kept from this save on.
            _ = cluster.RootCaFingerprint;
            cluster.Save(full);
        }

        return cluster;
    }

    /// <summary>Loads <paramref name="path"/> when it exists, otherwise makes a cluster from <paramref name="profile"/>
    /// (with its state directory beside the file) and saves it there.</summary>
    public static SimulatorCluster Open(string path, Profiles.ClusterProfile? profile = null, SimulatorOptions? options = null)
    {
        if (File.Exists(path))
            return Load(path, options);
        var cluster = new SimulatorCluster(profile, (options ?? new SimulatorOptions()) with { StateDirectory = StateDirectoryFor(path) });
        // Its identity is made now and kept from the first save: every later run and server sees the same host.
        _ = cluster.RootCaFingerprint;
        cluster.Save(path);
        return cluster;
    }

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>A state file found readable by others (saved by an older version) is made owner-only before it is read.</summary>
    private static void Tighten(string path)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(path) && (File.GetUnixFileMode(path) & ~OwnerOnly) != 0)
            File.SetUnixFileMode(path, OwnerOnly);
    }

    private static void Interrupt(SimTask task)
    {
        task.Status = "stopped";
        task.ExitStatus = "unexpected status";
        task.EndTime = task.StartTime;
        task.EndedAtSeconds = task.StartedAtSeconds;
        task.Log.Add("TASK ERROR: unexpected status");
        task.Done.TrySetResult();
    }
}
