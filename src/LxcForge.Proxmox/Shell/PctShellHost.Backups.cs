using LxcForge.Core.Backups;
using LxcForge.Core.Hosting;
using LxcForge.Proxmox.Shell.Parsing;

namespace LxcForge.Proxmox.Shell;

public sealed partial class PctShellHost
{
    public async Task<BackupInfo> BackupAsync(BackupRequest request, CancellationToken cancellationToken = default)
    {
        var args = new List<string>
        {
            Id(request.Vmid),
            "--storage",
            request.Storage,
            "--mode",
            request.Mode.ToString().ToLowerInvariant(),
            "--compress",
            request.Compress,
        };
        AddIf(args, "--notes-template", request.Notes);
        if (request.Protected)
            args.AddRange(["--protected", "1"]);
        var output = await RunAsync(TaskCmd("vzdump", args), request.Vmid, cancellationToken);

        // vzdump logs to stdout or stderr depending on version: look in both.
        var log = output.StandardOutput + "\n" + output.StandardError;
        var file = VzdumpLog.ArchivePath(log) is { } path
            ? Path.GetFileName(path)
            : throw new HostException(HostErrorKind.TaskFailed, $"vzdump of CT {request.Vmid} finished without naming its archive")
            {
                Vmid = request.Vmid,
                LogTail = [.. CliFailure.Lines(log).TakeLast(20)],
            };
        var volid = $"{request.Storage}:backup/{file}";
        var listed = (await ListBackupsAsync(request.Storage, request.Vmid, cancellationToken)).FirstOrDefault(b => b.VolumeId == volid);
        return listed
            ?? new BackupInfo(
                volid,
                request.Storage,
                request.Vmid,
                BackupName.CreatedAt(file) ?? DateTimeOffset.UnixEpoch,
                VzdumpLog.ArchiveSize(log) ?? 0,
                request.Notes,
                request.Protected
            );
    }

    /// <summary>Backups on a storage of this node, with notes and protection (which <c>pvesm list</c> does not print).</summary>
    public async Task<IReadOnlyList<BackupInfo>> ListBackupsAsync(string storage, int? vmid = null, CancellationToken cancellationToken = default)
    {
        var node = await GetLocalNodeAsync(cancellationToken);
        string[] filter = vmid is { } v ? ["--content", "backup", "--vmid", Id(v)] : ["--content", "backup"];
        var rows = PveshJson.Array(await PveshGetAsync($"/nodes/{node}/storage/{storage}/content", filter, cancellationToken), $"the backups on '{storage}'");
        return
        [
            .. rows.Where(r => PveshJson.Str(r, "content") is null or "backup")
                .Select(r =>
                {
                    var volid = PveshJson.Str(r, "volid") ?? "";
                    var ctime = PveshJson.Long(r, "ctime");
                    return new BackupInfo(
                        volid,
                        storage,
                        r?["vmid"] is null ? BackupName.Vmid(volid) : (int)PveshJson.Long(r, "vmid"),
                        ctime > 0 ? DateTimeOffset.FromUnixTimeSeconds(ctime) : BackupName.CreatedAt(volid) ?? DateTimeOffset.UnixEpoch,
                        PveshJson.Long(r, "size"),
                        PveshJson.Str(r, "notes"),
                        PveshJson.Bool(r, "protected")
                    );
                })
                .Where(b => vmid is null || b.Vmid == vmid)
                .OrderBy(b => b.CreatedAt)
                .ThenBy(b => b.VolumeId, StringComparer.Ordinal),
        ];
    }

    /// <remarks>Checked by listing the storage afterwards: a worker error inside <c>pvesm free</c> need not show in its exit code.</remarks>
    public async Task DeleteBackupAsync(string volumeId, CancellationToken cancellationToken = default)
    {
        var command = TaskCmd("pvesm", "free", volumeId);
        var output = await RunAsync(command, null, cancellationToken);
        var storage = volumeId.Split(':')[0];
        if ((await ListBackupsAsync(storage, null, cancellationToken)).Any(b => b.VolumeId == volumeId))
            throw CliFailure.SilentFailure(command, output, $"'{volumeId}' is still listed on '{storage}'");
    }

    public async Task<TaskOutcome> RestoreAsync(RestoreRequest request, CancellationToken cancellationToken = default)
    {
        await EnsureLocalNodeAsync(request.Node, $"restore CT {request.Vmid}", cancellationToken);
        var args = new List<string> { "restore", Id(request.Vmid), request.Archive };
        AddIf(args, "--storage", request.Storage);
        if (request.Force)
            args.AddRange(["--force", "1"]);
        if (request.Unique)
            args.AddRange(["--unique", "1"]);
        if (request.Start)
            args.AddRange(["--start", "1"]);
        args.AddRange(Flags(request.Options));
        var output = await RunAsync(TaskCmd("pct", args), request.Vmid, cancellationToken);
        return TaskOutput.Outcome(output.StandardOutput, output.StandardError);
    }

    public async Task<IReadOnlyList<SnapshotInfo>> ListSnapshotsAsync(int vmid, CancellationToken cancellationToken = default) =>
        SnapshotTree.Parse((await RunAsync(Cmd("pct", "listsnapshot", Id(vmid)), vmid, cancellationToken)).StandardOutput);

    public Task<TaskOutcome> SnapshotAsync(int vmid, string name, string? description = null, CancellationToken cancellationToken = default) =>
        PctTaskAsync(vmid, cancellationToken, ["snapshot", Id(vmid), name, .. description is null ? Array.Empty<string>() : ["--description", description]]);

    public Task<TaskOutcome> RollbackAsync(int vmid, string name, CancellationToken cancellationToken = default) =>
        PctTaskAsync(vmid, cancellationToken, "rollback", Id(vmid), name);

    public Task<TaskOutcome> DeleteSnapshotAsync(int vmid, string name, CancellationToken cancellationToken = default) =>
        PctTaskAsync(vmid, cancellationToken, "delsnapshot", Id(vmid), name);
}
