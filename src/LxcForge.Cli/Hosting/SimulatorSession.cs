using LxcForge.Cli.Infrastructure;
using LxcForge.Simulator.Engine;

namespace LxcForge.Cli.Hosting;

/// <summary>
/// The cluster behind <c>sim://NAME</c>: <c>NAME.json</c> (sandboxes and archives in <c>NAME.d</c> beside it)
/// under the data directory, opened for one run and saved when the run ends. A lock file keeps a second
/// <c>lxcforge</c> from working on the same cluster at once (the later save would undo the earlier one).
/// </summary>
internal sealed class SimulatorSession : IAsyncDisposable
{
    private readonly string _statePath;
    private readonly FileStream _lock;

    private SimulatorSession(SimulatorCluster cluster, string statePath, FileStream lockFile)
    {
        Cluster = cluster;
        _statePath = statePath;
        _lock = lockFile;
    }

    public SimulatorCluster Cluster { get; }

    /// <summary>Opens (or makes) the cluster kept at <paramref name="statePath"/>.</summary>
    public static SimulatorSession Open(string statePath, string hostText, SimulatorOptions options)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(statePath)!);
        FileStream lockFile;
        try
        {
            lockFile = new FileStream(statePath + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new CliException($"--host {hostText}: another lxcforge is using this simulated cluster ({statePath}); wait for it to finish", ExitCodes.HostUnreachable);
        }

        try
        {
            return new SimulatorSession(SimulatorCluster.Open(statePath, options: options), statePath, lockFile);
        }
        catch (InvalidDataException e)
        {
            lockFile.Dispose();
            // Never overwrite what cannot be read: the user may want it back.
            throw new CliException($"--host {hostText}: {e.Message}; move the file away to start a new cluster", ExitCodes.HostUnreachable);
        }
    }

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
            await Cluster.DisposeAsync();
            await _lock.DisposeAsync();
        }
    }
}
