using LxcForge.Core.Hosting;
using LxcForge.Lxc.Storage;

namespace LxcForge.Lxc;

/// <summary>Start, stop, shutdown and exec, through lxc-start, lxc-stop, lxc-wait and lxc-attach.</summary>
public sealed partial class LxcHost
{
    /// <summary>The environment commands run with inside a container; the request's variables are added (never in argv).</summary>
    private static readonly IReadOnlyDictionary<string, string> BaseEnvironment = new Dictionary<string, string>
    {
        ["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        ["HOME"] = "/root",
        ["LANG"] = "C.UTF-8",
        ["TERM"] = "dumb",
        ["DEBIAN_FRONTEND"] = "noninteractive",
    };

    public async Task<TaskOutcome> StartAsync(int vmid, CancellationToken cancellationToken = default)
    {
        await StartCoreAsync(vmid, cancellationToken);
        return TaskOutcome.None;
    }

    public async Task<TaskOutcome> StopAsync(int vmid, CancellationToken cancellationToken = default)
    {
        using var lk = await ContainerLock.AcquireAsync(_layout, vmid, _time, cancellationToken);
        _ = ReadConfig(vmid);
        if (!await IsRunningAsync(vmid, cancellationToken))
            throw Invalid(vmid, $"CT {vmid} not running");
        await KillAsync(vmid, cancellationToken);
        return TaskOutcome.None;
    }

    public async Task<TaskOutcome> ShutdownAsync(int vmid, TimeSpan timeout, bool forceStop, CancellationToken cancellationToken = default)
    {
        using var lk = await ContainerLock.AcquireAsync(_layout, vmid, _time, cancellationToken);
        _ = ReadConfig(vmid);
        if (!await IsRunningAsync(vmid, cancellationToken))
            throw Invalid(vmid, $"CT {vmid} not running");
        var seconds = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        // --nokill: lxc-stop only asks init to halt; whether to kill after the timeout is our decision below.
        await _run.RunAsync(["lxc-stop", "-P", _layout.LxcPath, "-n", Id(vmid), "--nokill", "-t", seconds], timeout + ToolTimeout, cancellationToken);
        if (!await IsRunningAsync(vmid, cancellationToken))
            return TaskOutcome.None;
        if (!forceStop)
            throw new HostException(HostErrorKind.TaskFailed, $"CT {vmid}: container did not stop within {seconds} s") { Vmid = vmid };
        await KillAsync(vmid, cancellationToken);
        return new TaskOutcome(null, [$"CT {vmid} did not shut down within {seconds} s and was killed"]);
    }

    public async Task<ExecResult> ExecAsync(int vmid, ExecRequest request, CancellationToken cancellationToken = default)
    {
        if (request.Command.Count == 0)
            throw Invalid(vmid, "missing command");
        _ = ReadConfig(vmid);
        if (!await IsRunningAsync(vmid, cancellationToken))
            throw Invalid(vmid, $"container '{vmid}' not running!");
        var environment = new Dictionary<string, string>(BaseEnvironment);
        foreach (var (key, value) in request.Environment)
            environment[key] = value;
        // --keep-env hands lxc-attach's own (controlled) environment to the command, so variables never show in argv.
        var result = await _run.RunAsync(
            ["lxc-attach", "-P", _layout.LxcPath, "-n", Id(vmid), "--keep-env", "--", .. request.Command],
            request.Timeout,
            cancellationToken,
            request.StandardInput ?? "",
            environment
        );
        return new ExecResult(result.ExitCode, result.StandardOutput, result.StandardError);
    }

    private async Task StartCoreAsync(int vmid, CancellationToken cancellationToken)
    {
        using var lk = await ContainerLock.AcquireAsync(_layout, vmid, _time, cancellationToken);
        var config = ReadConfig(vmid);
        if (config.IsTemplate)
            throw Invalid(vmid, "you can't start a CT if it's a template");
        if (config.Lock is { } held)
            throw new HostException(HostErrorKind.Locked, $"CT is locked ({held})") { Vmid = vmid };
        if (await IsRunningAsync(vmid, cancellationToken))
            throw Invalid(vmid, $"CT {vmid} already running");
        if (config.RootFs is { } rootfs)
            WriteIdentityFiles(_layout.ResolveVolume(rootfs.Volume), config);

        var log = Path.Combine(_layout.ContainerDir(vmid), "start.log");
        File.Delete(log);
        var start = await _run.RunAsync(
            ["lxc-start", "-P", _layout.LxcPath, "-n", Id(vmid), "-o", log, "-l", "ERROR"],
            _options.StartTimeout,
            cancellationToken
        );
        var wait = start.Succeeded
            ? await _run.RunAsync(
                ["lxc-wait", "-P", _layout.LxcPath, "-n", Id(vmid), "-s", "RUNNING", "-t", Seconds(_options.StartTimeout)],
                _options.StartTimeout + ToolTimeout,
                cancellationToken
            )
            : start;
        if (!wait.Succeeded)
        {
            var tail = File.Exists(log) ? File.ReadLines(log).TakeLast(8).ToList() : start.Tail();
            throw new HostException(HostErrorKind.TaskFailed, $"startup for container '{vmid}' failed: {tail.LastOrDefault() ?? "no log"}")
            {
                Vmid = vmid,
                LogTail = tail,
            };
        }
    }

    /// <summary>Kills the container at once (pct stop) and waits until LXC reports it stopped.</summary>
    private async Task KillAsync(int vmid, CancellationToken cancellationToken)
    {
        await _run.RunAsync(["lxc-stop", "-P", _layout.LxcPath, "-n", Id(vmid), "-k"], ToolTimeout, cancellationToken);
        var wait = await _run.RunAsync(["lxc-wait", "-P", _layout.LxcPath, "-n", Id(vmid), "-s", "STOPPED", "-t", "30"], ToolTimeout, cancellationToken);
        if (!wait.Succeeded && await IsRunningAsync(vmid, cancellationToken))
            throw new HostException(HostErrorKind.TaskFailed, $"CT {vmid}: lxc-stop did not stop the container: {string.Join(" / ", wait.Tail(2))}")
            {
                Vmid = vmid,
            };
    }

    /// <summary>Like Proxmox at every start: /etc/hostname, the 127.0.1.1 line of /etc/hosts, and resolv.conf when nameservers are set.</summary>
    private static void WriteIdentityFiles(string rootfs, ContainerConfig config)
    {
        var etc = Path.Combine(rootfs, "etc");
        if (!Directory.Exists(etc) || new DirectoryInfo(etc).LinkTarget is not null || config.Hostname is not { } hostname)
            return;
        WriteRegular(Path.Combine(etc, "hostname"), hostname + "\n");
        var hosts = Path.Combine(etc, "hosts");
        if (IsRegular(hosts))
        {
            var lines = File.ReadAllLines(hosts).Where(l => !l.StartsWith("127.0.1.1", StringComparison.Ordinal)).Append($"127.0.1.1\t{hostname}");
            FileWrites.RewriteInPlace(hosts, string.Join('\n', lines) + "\n");
        }

        if (config.Nameserver is { } ns)
        {
            var text =
                (config.SearchDomain is { } sd ? $"search {sd}\n" : "")
                + string.Concat(ns.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries).Select(n => $"nameserver {n}\n"));
            WriteRegular(Path.Combine(etc, "resolv.conf"), text);
        }
    }

    /// <summary>Writes a file unless it is a symlink (a link into the container could point anywhere on the host).</summary>
    private static void WriteRegular(string path, string text)
    {
        if (IsRegular(path))
            FileWrites.RewriteInPlace(path, text);
        else if (!File.Exists(path) && !Directory.Exists(path) && new FileInfo(path).LinkTarget is null)
            File.WriteAllText(path, text);
    }

    private static bool IsRegular(string path) => File.Exists(path) && new FileInfo(path).LinkTarget is null;

    private static string Seconds(TimeSpan t) => ((int)Math.Ceiling(t.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
