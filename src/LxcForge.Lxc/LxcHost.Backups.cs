using System.Globalization;
using System.Text.RegularExpressions;
using LxcForge.Core.Backups;
using LxcForge.Core.Hosting;
using LxcForge.Lxc.Config;
using LxcForge.Lxc.Storage;

namespace LxcForge.Lxc;

/// <summary>
/// Backups in vzdump's shape: <c>dump/vzdump-lxc-CTID-YYYY_MM_DD-HH_MM_SS.tar.zst</c> holding the rootfs and the
/// Proxmox config at <c>./etc/vzdump/pct.conf</c>, with <c>.notes</c> and <c>.protected</c> beside it.
/// </summary>
public sealed partial class LxcHost
{
    private const string ConfigInArchive = "./etc/vzdump/pct.conf";

    public async Task<BackupInfo> BackupAsync(BackupRequest request, CancellationToken cancellationToken = default)
    {
        var vmid = request.Vmid;
        _layout.RequireStorage(request.Storage);
        var (flag, extension) = request.Compress switch
        {
            "zstd" => ("--zstd", ".tar.zst"),
            "gzip" or "1" => ("--gzip", ".tar.gz"),
            "0" => (null, ".tar"),
            _ => throw Invalid(vmid, $"compress: '{request.Compress}' is not supported here (0, gzip or zstd)"),
        };
        var dump = _layout.DumpDir(request.Storage);
        Directory.CreateDirectory(dump);
        var name = BackupName.Format(vmid, _time.GetUtcNow(), extension);
        var archive = Path.Combine(dump, name);
        var partial = archive + ".dat";

        using (await ContainerLock.AcquireAsync(_layout, vmid, _time, cancellationToken))
        {
            var config = ReadConfig(vmid);
            var rootfs = _layout.ResolveVolume((config.RootFs ?? throw Invalid(vmid, $"CT {vmid} has no rootfs")).Volume);
            var staging = NewStagingDir(vmid);
            var meta = Path.Combine(staging, "etc", "vzdump");
            Directory.CreateDirectory(meta);
            File.WriteAllText(Path.Combine(meta, "pct.conf"), config.With("digest", null).ToPctText());
            var running = await IsRunningAsync(vmid, cancellationToken);
            // Directory storage has no snapshots: a running container is frozen for the copy (vzdump's suspend mode), or stopped in stop mode.
            var stopped = running && request.Mode == BackupMode.Stop;
            if (stopped)
                await KillOrShutdownAsync(vmid, cancellationToken);
            else if (running)
                await _run.RunCheckedAsync(
                    ["lxc-freeze", "-P", _layout.LxcPath, "-n", Id(vmid)],
                    ToolTimeout,
                    $"CT {vmid}: freezing for the backup failed",
                    cancellationToken,
                    vmid: vmid
                );
            try
            {
                List<string> tar = ["tar", "-cpf", partial, "--numeric-owner", "--xattrs", "--xattrs-include=*", "--sparse", "--one-file-system"];
                if (flag is not null)
                    tar.Add(flag);
                // The rootfs never holds ./etc/vzdump (restores leave it out), so the config added after it is the only one.
                tar.AddRange(["-C", rootfs, ".", "-C", staging, ConfigInArchive]);
                await _run.RunCheckedAsync(tar, _options.CopyTimeout, $"backup of CT {vmid} failed", cancellationToken, inNamespace: false, vmid: vmid);
            }
            finally
            {
                if (running && !stopped)
                    await _run.RunAsync(["lxc-unfreeze", "-P", _layout.LxcPath, "-n", Id(vmid)], ToolTimeout, CancellationToken.None);
                if (stopped)
                    await StartUnlockedAsync(vmid, cancellationToken);
                RemoveTree(staging);
            }
        }

        File.Move(partial, archive);
        if (request.Notes is { } notes)
            File.WriteAllText(archive + ".notes", notes);
        if (request.Protected)
            File.WriteAllText(archive + ".protected", "");
        return Describe(request.Storage, archive) ?? throw new HostException(HostErrorKind.TaskFailed, $"backup of CT {vmid}: {archive} is missing");
    }

    public Task<IReadOnlyList<BackupInfo>> ListBackupsAsync(string storage, int? vmid = null, CancellationToken cancellationToken = default)
    {
        _layout.RequireStorage(storage);
        var dump = _layout.DumpDir(storage);
        IReadOnlyList<BackupInfo> list = Directory.Exists(dump)
            ? Directory
                .GetFiles(dump)
                .Select(f => Describe(storage, f))
                .OfType<BackupInfo>()
                .Where(b => vmid is null || b.Vmid == vmid)
                .OrderBy(b => b.CreatedAt)
                .ToList()
            : [];
        return Task.FromResult(list);
    }

    public Task DeleteBackupAsync(string volumeId, CancellationToken cancellationToken = default)
    {
        var path = _layout.ResolveVolume(volumeId);
        if (!BackupName.TryParse(Path.GetFileName(path), out _, out _) || !File.Exists(path))
            throw new HostException(HostErrorKind.NotFound, $"volume '{volumeId}' does not exist");
        if (File.Exists(path + ".protected"))
            throw new HostException(HostErrorKind.InvalidRequest, $"unable to remove protected backup '{volumeId}'");
        File.Delete(path);
        File.Delete(path + ".notes");
        return Task.CompletedTask;
    }

    public async Task<TaskOutcome> RestoreAsync(RestoreRequest request, CancellationToken cancellationToken = default)
    {
        var vmid = request.Vmid;
        RequireNode(request.Node);
        RequireVmid(vmid);
        var archive = _layout.ResolveVolume(request.Archive);
        if (!File.Exists(archive))
            throw new HostException(HostErrorKind.NotFound, $"unable to restore CT {vmid} - archive '{request.Archive}' does not exist") { Vmid = vmid };

        using var lk = await ContainerLock.AcquireAsync(_layout, vmid, _time, cancellationToken);
        var existing = TryReadConfig(vmid);
        if (existing is not null)
        {
            if (!request.Force)
                throw new HostException(HostErrorKind.AlreadyExists, $"CT {vmid} already exists on node '{_node}'") { Vmid = vmid };
            if (await IsRunningAsync(vmid, cancellationToken))
                throw Invalid(vmid, "can't overwrite running container");
            if (existing.Protection)
                throw Invalid(vmid, $"unable to restore CT {vmid} - protection mode enabled");
        }

        var read = await _run.RunCheckedAsync(
            ["tar", "-xOf", archive, ConfigInArchive],
            ToolTimeout,
            $"unable to restore CT {vmid} - {Path.GetFileName(archive)} has no {ConfigInArchive}",
            cancellationToken,
            inNamespace: false,
            vmid: vmid
        );
        var config = ContainerConfig.ParsePctText(read.StandardOutput);
        var backedUp = config.RootFs ?? throw Invalid(vmid, $"unable to restore CT {vmid} - the backup's config has no rootfs");
        var storage = request.Storage ?? (_layout.StorageExists(backedUp.Storage) ? backedUp.Storage : "local");
        _layout.RequireStorage(storage);
        config = config.With("rootfs", (backedUp with { Volume = HostLayout.RootfsVolume(storage, vmid) }).ToString()).With("lock", null);
        foreach (var (key, value) in request.Options)
            config = config.With(key, value);
        if (request.Unique)
        {
            foreach (var (key, value) in config.Values.Where(kv => IsNetKey(kv.Key)).ToList())
                config = config.With(key, (NetworkInterface.Parse(value) with { HardwareAddress = MacAddress.Random() }).ToString());
        }

        config = Validated(vmid, config);
        var staging = NewStagingDir(vmid);
        var partial = Path.Combine(staging, "rootfs");
        Directory.CreateDirectory(partial);
        await _run.RunCheckedAsync(
            ["tar", "-xpf", archive, "-C", partial, "--numeric-owner", "--xattrs", "--xattrs-include=*", "--exclude=./etc/vzdump"],
            _options.CopyTimeout,
            $"unable to restore CT {vmid} - extracting failed",
            cancellationToken,
            inNamespace: false,
            vmid: vmid
        );
        var ctDir = Path.Combine(staging, "ct");
        Directory.CreateDirectory(ctDir);
        WriteConfig(ctDir, vmid, config);
        if (existing is not null)
        {
            var old = NewStagingDir(vmid);
            Directory.Move(_layout.ContainerDir(vmid), Path.Combine(old, "ct"));
            if (existing.RootFs is { } oldRootfs && OwnedRootfs(vmid, oldRootfs.Volume) is { } oldPath)
                RemoveTree(oldPath);
            RemoveTree(old);
        }

        await CommitAsync(vmid, partial, _layout.ResolveVolume(config.RootFs!.Volume), ctDir, cancellationToken);
        lk.Dispose();
        if (request.Start)
            await StartCoreAsync(vmid, cancellationToken);
        return TaskOutcome.None;
    }

    private BackupInfo? Describe(string storage, string path)
    {
        var name = Path.GetFileName(path);
        if (!BackupName.TryParse(name, out var vmid, out var created))
            return null;
        var notes = File.Exists(path + ".notes") ? File.ReadAllText(path + ".notes") : null;
        return new BackupInfo($"{storage}:backup/{name}", storage, vmid, created, new FileInfo(path).Length, notes, File.Exists(path + ".protected"));
    }

    private async Task KillOrShutdownAsync(int vmid, CancellationToken cancellationToken)
    {
        await _run.RunAsync(["lxc-stop", "-P", _layout.LxcPath, "-n", Id(vmid), "-t", "60"], ToolTimeout, cancellationToken);
        if (await IsRunningAsync(vmid, cancellationToken))
            await KillAsync(vmid, cancellationToken);
    }

    private async Task StartUnlockedAsync(int vmid, CancellationToken cancellationToken)
    {
        var log = Path.Combine(_layout.ContainerDir(vmid), "start.log");
        await _run.RunCheckedAsync(
            ["lxc-start", "-P", _layout.LxcPath, "-n", Id(vmid), "-o", log, "-l", "ERROR"],
            _options.StartTimeout,
            $"CT {vmid}: restarting after the stop-mode backup failed",
            cancellationToken,
            vmid: vmid
        );
    }
}
