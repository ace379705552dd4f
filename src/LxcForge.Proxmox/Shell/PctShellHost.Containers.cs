using System.Collections.Concurrent;
using LxcForge.Core.Hosting;
using LxcForge.Proxmox.Shell.Parsing;
using LxcForge.Proxmox.Shell.Runners;

namespace LxcForge.Proxmox.Shell;

public sealed partial class PctShellHost
{
    /// <remarks>
    /// Every node's CTs come from <c>pvesh get /cluster/resources</c> (which has the template flag and tags), but its
    /// status comes from pvestatd's cache and can lag a start or stop by seconds: for this node's CTs the live status
    /// and lock from <c>pct list</c> win.
    /// </remarks>
    public async Task<IReadOnlyList<ContainerSummary>> ListContainersAsync(CancellationToken cancellationToken = default)
    {
        var cluster = await ClusterContainersAsync(cancellationToken);
        var local = await GetLocalNodeAsync(cancellationToken);
        var live = PctList.Parse((await RunAsync(Cmd("pct", "list"), null, cancellationToken)).StandardOutput).ToDictionary(r => r.Vmid);
        return
        [
            .. cluster
                .Select(c => c.Node == local && live.TryGetValue(c.Vmid, out var row) ? c with { Status = row.Status, Lock = row.Lock } : c)
                .OrderBy(c => c.Vmid),
        ];
    }

    public async Task<ContainerInfo?> GetContainerAsync(int vmid, CancellationToken cancellationToken = default)
    {
        var command = Cmd("pct", "config", Id(vmid));
        var output = await _runner.RunAsync(command, cancellationToken);
        if (!output.Succeeded)
        {
            var failure = CliFailure.ToException(command, output, vmid);
            return failure.Kind == HostErrorKind.NotFound ? await GetRemoteContainerAsync(vmid, cancellationToken) : throw failure;
        }

        var config = ContainerConfig.ParsePctText(output.StandardOutput);
        var status = await RunAsync(Cmd("pct", "status", Id(vmid)), vmid, cancellationToken);
        var summary = new ContainerSummary(
            vmid,
            await GetLocalNodeAsync(cancellationToken),
            NameOf(vmid, config.Hostname),
            PctStatus.Parse(status.StandardOutput),
            config.IsTemplate,
            config.Lock,
            config.Tags
        );
        return new ContainerInfo(summary, config);
    }

    /// <summary>
    /// One <c>pct list</c> for the local containers' status, then <c>pct config</c> for each, a few at a time (an SSH
    /// server allows 10 sessions per connection by default); containers on other nodes are read as one by one.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, ContainerInfo>> GetContainersAsync(IReadOnlyCollection<int> vmids, CancellationToken cancellationToken = default)
    {
        var local = await GetLocalNodeAsync(cancellationToken);
        var live = PctList.Parse((await RunAsync(Cmd("pct", "list"), null, cancellationToken)).StandardOutput).ToDictionary(r => r.Vmid);
        var found = new ConcurrentDictionary<int, ContainerInfo>();
        await Parallel.ForEachAsync(
            vmids.Distinct(),
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (vmid, ct) =>
            {
                if (!live.TryGetValue(vmid, out var row))
                {
                    if (await GetRemoteContainerAsync(vmid, ct) is { } remote)
                        found[vmid] = remote;
                    return;
                }

                var command = Cmd("pct", "config", Id(vmid));
                var output = await _runner.RunAsync(command, ct);
                if (!output.Succeeded)
                {
                    var failure = CliFailure.ToException(command, output, vmid);
                    if (failure.Kind == HostErrorKind.NotFound)
                        return; // destroyed between the list and the read
                    throw failure;
                }

                var config = ContainerConfig.ParsePctText(output.StandardOutput);
                found[vmid] = new ContainerInfo(
                    new ContainerSummary(vmid, local, NameOf(vmid, config.Hostname), row.Status, config.IsTemplate, config.Lock, config.Tags),
                    config
                );
            }
        );
        return found;
    }

    public async Task<TaskOutcome> CreateAsync(CreateContainerRequest request, CancellationToken cancellationToken = default)
    {
        await EnsureLocalNodeAsync(request.Node, $"create CT {request.Vmid}", cancellationToken);
        if (request.Options.Keys.Any(k => k is "password" or "storage" or "start"))
            throw new ArgumentException("password, storage and start have their own request fields; the password must never be an argument", nameof(request));

        string? keyFile = null;
        try
        {
            var args = new List<string> { "create", Id(request.Vmid), request.OsTemplate, "--storage", request.Storage };
            args.AddRange(Flags(request.Options.Where(o => o.Key != "ssh-public-keys").ToDictionary()));
            if (request.Options.GetValueOrDefault("ssh-public-keys") is { } keys)
            {
                // The API takes the keys themselves; the CLI takes a file: write them to one on the node.
                keyFile = await WriteRemoteTempFileAsync(keys, cancellationToken);
                args.AddRange(["--ssh-public-keys", keyFile]);
            }

            if (request.Start)
                args.AddRange(["--start", "1"]);
            string? stdin = null;
            if (request.RootPassword is { } password)
            {
                // A bare --password makes pct read the password from stdin (one line when stdin is not a terminal).
                if (password.Contains('\n', StringComparison.Ordinal))
                    throw new ArgumentException("the root password cannot contain a line break", nameof(request));
                args.Add("--password");
                stdin = password + "\n";
            }

            var output = await RunAsync(TaskCmd("pct", args) with { StandardInput = stdin }, request.Vmid, cancellationToken);
            return TaskOutput.Outcome(output.StandardOutput, output.StandardError);
        }
        finally
        {
            if (keyFile is not null)
                await _runner.RunAsync(Cmd("rm", "-f", keyFile), CancellationToken.None);
        }
    }

    public async Task<TaskOutcome> CloneAsync(CloneRequest request, CancellationToken cancellationToken = default)
    {
        var args = new List<string> { "clone", Id(request.SourceVmid), Id(request.NewVmid), "--full", request.Full ? "1" : "0" };
        AddIf(args, "--hostname", request.Hostname);
        AddIf(args, "--storage", request.Storage);
        AddIf(args, "--target", request.TargetNode);
        AddIf(args, "--description", request.Description);
        AddIf(args, "--snapname", request.SnapshotName);
        AddIf(args, "--pool", request.Pool);
        var output = await RunAsync(TaskCmd("pct", args), request.NewVmid, cancellationToken);
        return TaskOutput.Outcome(output.StandardOutput, output.StandardError);
    }

    public async Task UpdateConfigAsync(int vmid, ConfigChange change, CancellationToken cancellationToken = default)
    {
        if (change.IsEmpty)
            return;
        if (change.SetsNetwork())
            change = change.KeepingMacAddresses(await ReadConfigAsync(vmid, cancellationToken));
        var args = new List<string> { "set", Id(vmid) };
        args.AddRange(Flags(change.Set));
        if (change.Delete.Count > 0)
            args.AddRange(["--delete", string.Join(',', change.Delete)]);
        AddIf(args, "--digest", change.Digest);
        await RunAsync(Cmd("pct", args), vmid, cancellationToken);
    }

    public Task<TaskOutcome> StartAsync(int vmid, CancellationToken cancellationToken = default) => PctTaskAsync(vmid, cancellationToken, "start", Id(vmid));

    public Task<TaskOutcome> StopAsync(int vmid, CancellationToken cancellationToken = default) => PctTaskAsync(vmid, cancellationToken, "stop", Id(vmid));

    public Task<TaskOutcome> ShutdownAsync(int vmid, TimeSpan timeout, bool forceStop, CancellationToken cancellationToken = default) =>
        PctTaskAsync(
            vmid,
            cancellationToken,
            [
                "shutdown",
                Id(vmid),
                "--timeout",
                ((int)Math.Ceiling(timeout.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture),
                .. forceStop ? ["--forceStop", "1"] : Array.Empty<string>(),
            ]
        );

    /// <remarks><c>pct template</c> exits 0 even when its worker fails: <c>template: 1</c> is read back.</remarks>
    public async Task ConvertToTemplateAsync(int vmid, CancellationToken cancellationToken = default)
    {
        var command = TaskCmd("pct", "template", Id(vmid));
        var output = await RunAsync(command, vmid, cancellationToken);
        var config = await ReadConfigAsync(vmid, cancellationToken);
        if (!config.IsTemplate)
            throw CliFailure.SilentFailure(command, output, "the config has no 'template: 1'", vmid);
    }

    /// <remarks><c>pct resize</c> exits 0 even when its worker fails: the new <c>size=</c> is read back.</remarks>
    public async Task<TaskOutcome> ResizeAsync(int vmid, string disk, string size, CancellationToken cancellationToken = default)
    {
        var (relative, bytes) = DiskSize.Parse(size);
        var before = DiskBytes(await ReadConfigAsync(vmid, cancellationToken), disk, vmid);
        var expected = relative ? before + bytes : bytes;
        var command = TaskCmd("pct", "resize", Id(vmid), disk, size);
        var output = await RunAsync(command, vmid, cancellationToken);
        var after = DiskBytes(await ReadConfigAsync(vmid, cancellationToken), disk, vmid);
        if (after != expected)
            throw CliFailure.SilentFailure(command, output, $"{disk} is {DiskSize.Format(after)}, not {DiskSize.Format(expected)}", vmid);
        return TaskOutput.Outcome(output.StandardOutput, output.StandardError);
    }

    public Task<TaskOutcome> DestroyAsync(int vmid, bool force = false, bool purge = false, CancellationToken cancellationToken = default) =>
        PctTaskAsync(
            vmid,
            cancellationToken,
            ["destroy", Id(vmid), .. force ? ["--force", "1"] : Array.Empty<string>(), .. purge ? ["--purge", "1"] : Array.Empty<string>()]
        );

    private async Task<TaskOutcome> PctTaskAsync(int vmid, CancellationToken cancellationToken, params IEnumerable<string> args)
    {
        var output = await RunAsync(TaskCmd("pct", args), vmid, cancellationToken);
        return TaskOutput.Outcome(output.StandardOutput, output.StandardError);
    }

    private async Task<ContainerConfig> ReadConfigAsync(int vmid, CancellationToken cancellationToken) =>
        ContainerConfig.ParsePctText((await RunAsync(Cmd("pct", "config", Id(vmid)), vmid, cancellationToken)).StandardOutput);

    private static long DiskBytes(ContainerConfig config, string disk, int vmid)
    {
        var text = config[disk] ?? throw new HostException(HostErrorKind.NotFound, $"CT {vmid} has no disk '{disk}'") { Vmid = vmid };
        return VolumeSpec.Parse(text, isMountPoint: disk != "rootfs").SizeBytes
            ?? throw new HostException(HostErrorKind.InvalidRequest, $"CT {vmid} {disk} has no size= ('{text}')") { Vmid = vmid };
    }

    /// <summary>A CT on another node of the cluster: found through pvesh, since pct only sees its own node.</summary>
    private async Task<ContainerInfo?> GetRemoteContainerAsync(int vmid, CancellationToken cancellationToken)
    {
        var summary = (await ClusterContainersAsync(cancellationToken)).FirstOrDefault(c => c.Vmid == vmid);
        if (summary is null || summary.Node == await GetLocalNodeAsync(cancellationToken))
            return null;
        var config = PveshJson.Config(
            PveshJson.Object(await PveshGetAsync($"/nodes/{summary.Node}/lxc/{Id(vmid)}/config", [], cancellationToken), $"the config of CT {vmid}")
        );
        return new ContainerInfo(summary with { IsTemplate = config.IsTemplate, Lock = config.Lock, Tags = config.Tags }, config);
    }

    private async Task<IEnumerable<ContainerSummary>> ClusterContainersAsync(CancellationToken cancellationToken)
    {
        var rows = PveshJson.Array(await PveshGetAsync("/cluster/resources", ["--type", "vm"], cancellationToken), "the cluster's guests");
        return rows.Where(r => PveshJson.Str(r, "type") == "lxc")
            .Select(r =>
            {
                var vmid = (int)PveshJson.Long(r, "vmid");
                return new ContainerSummary(
                    vmid,
                    PveshJson.Str(r, "node") ?? "",
                    NameOf(vmid, PveshJson.Str(r, "name")),
                    PveshJson.Str(r, "status") == "running" ? ContainerStatus.Running : ContainerStatus.Stopped,
                    PveshJson.Bool(r, "template"),
                    PveshJson.Str(r, "lock") is { Length: > 0 } l ? l : null,
                    ContainerConfig.ParseTags(PveshJson.Str(r, "tags"))
                );
            });
    }

    /// <summary>Writes non-secret text (SSH public keys) to a temporary file on the node, for options that take a path.</summary>
    private async Task<string> WriteRemoteTempFileAsync(string content, CancellationToken cancellationToken)
    {
        var output = await RunAsync(
            Cmd("sh", "-c", "f=$(mktemp) && cat > \"$f\" && printf '%s' \"$f\"") with
            {
                StandardInput = content,
            },
            null,
            cancellationToken
        );
        return output.StandardOutput.Trim();
    }

    private static string NameOf(int vmid, string? hostname) => string.IsNullOrWhiteSpace(hostname) ? $"CT{vmid}" : hostname;

    private static void AddIf(List<string> args, string flag, string? value)
    {
        if (value is not null)
            args.AddRange([flag, value]);
    }
}
