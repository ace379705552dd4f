using System.Globalization;
using System.Text.RegularExpressions;
using LxcForge.Core.Hosting;
using LxcForge.Lxc.Config;
using LxcForge.Lxc.Storage;

namespace LxcForge.Lxc;

/// <summary>Creating, cloning, configuring, templating, resizing and destroying containers.</summary>
public sealed partial class LxcHost
{
    private static readonly HashSet<string> SettableKeys =
    [
        "hostname",
        "memory",
        "swap",
        "cores",
        "cpulimit",
        "cpuunits",
        "features",
        "onboot",
        "startup",
        "description",
        "tags",
        "protection",
        "nameserver",
        "searchdomain",
        "arch",
        "ostype",
        "console",
        "tty",
        "cmode",
        "timezone",
        "unprivileged",
        "rootfs",
    ];

    public async Task<TaskOutcome> CreateAsync(CreateContainerRequest request, CancellationToken cancellationToken = default)
    {
        var vmid = request.Vmid;
        RequireNode(request.Node);
        RequireVmid(vmid);
        _layout.RequireStorage(request.Storage);
        var archive = _layout.ResolveVolume(request.OsTemplate);
        if (!File.Exists(archive))
            throw Invalid(vmid, $"unable to use volume {request.OsTemplate} - no such OS template ({archive})");

        using var lk = await ContainerLock.AcquireAsync(_layout, vmid, _time, cancellationToken);
        RequireFree(vmid);
        var (storage, size) = RootfsRequest(request.Options.GetValueOrDefault("rootfs"), request.Storage);
        _layout.RequireStorage(storage);
        var values = new Dictionary<string, string>
        {
            ["arch"] = "amd64",
            ["ostype"] = OsType(request.OsTemplate),
            ["hostname"] = $"CT{vmid}",
            ["memory"] = "512",
            ["swap"] = "512",
            ["unprivileged"] = "1",
        };
        foreach (var (key, value) in request.Options.Where(o => o.Key != "rootfs"))
            values[key] = value;
        values["rootfs"] = new VolumeSpec(HostLayout.RootfsVolume(storage, vmid)) { SizeBytes = size }.ToString();
        var config = Validated(vmid, WithMacs(new ContainerConfig(values)));

        var staging = NewStagingDir(vmid);
        var rootfs = _layout.ResolveVolume(config.RootFs!.Volume);
        var partial = Path.Combine(staging, "rootfs");
        Directory.CreateDirectory(partial);
        if (config.Unprivileged)
            await ExtractUnprivilegedAsync(archive, partial, vmid, cancellationToken);
        else
            await _run.RunCheckedAsync(
                ["tar", "-xpf", archive, "-C", partial, "--numeric-owner", "--xattrs", "--xattrs-include=*"],
                _options.CopyTimeout,
                $"unable to create CT {vmid} - extracting {Path.GetFileName(archive)} failed",
                cancellationToken,
                inNamespace: false,
                vmid: vmid
            );
        if (request.RootPassword is { } password)
            await SetRootPasswordAsync(partial, password, vmid, cancellationToken);

        var ctDir = Path.Combine(staging, "ct");
        Directory.CreateDirectory(ctDir);
        WriteConfig(ctDir, vmid, config);
        await CommitAsync(vmid, partial, rootfs, ctDir, cancellationToken);
        if (request.Start)
            await StartCoreAsync(vmid, cancellationToken);
        return TaskOutcome.None;
    }

    public async Task<TaskOutcome> CloneAsync(CloneRequest request, CancellationToken cancellationToken = default)
    {
        var (source, vmid) = (request.SourceVmid, request.NewVmid);
        RequireVmid(vmid);
        RequireNode(request.TargetNode);
        if (request.SnapshotName is not null)
            throw new HostException(
                HostErrorKind.Unsupported,
                $"snapshot '{request.SnapshotName}' does not exist (snapshots are not supported on plain-LXC directory storage)"
            )
            {
                Vmid = source,
            };
        if (!request.Full)
            throw new HostException(
                HostErrorKind.Unsupported,
                $"Linked clone feature for CT {source} is not available: plain-LXC storages are directories without snapshots; use a full clone"
            )
            {
                Vmid = source,
            };
        if (request.Pool is not null)
            throw new HostException(HostErrorKind.Unsupported, "pools do not exist on a plain-LXC host") { Vmid = source };

        ContainerConfig sourceConfig;
        using (await ContainerLock.AcquireAsync(_layout, source, _time, cancellationToken))
            sourceConfig = ReadConfig(source);
        if (await IsRunningAsync(source, cancellationToken))
            throw Invalid(source, "Full clone of a running container is only possible from a snapshot");
        var sourceRootfs = sourceConfig.RootFs ?? throw Invalid(source, $"CT {source} has no rootfs");
        var storage = request.Storage ?? sourceRootfs.Storage;
        _layout.RequireStorage(storage);

        using var lk = await ContainerLock.AcquireAsync(_layout, vmid, _time, cancellationToken);
        RequireFree(vmid);
        var config = sourceConfig;
        foreach (var key in new[] { "template", "lock", "digest", "parent", "snaptime", "snapstate" })
            config = config.With(key, null);
        if (request.Hostname is not null)
            config = config.With("hostname", request.Hostname);
        if (request.Description is not null)
            config = config.With("description", request.Description);
        foreach (var (key, value) in config.Values.Where(kv => IsNetKey(kv.Key)).ToList())
            config = config.With(key, (NetworkInterface.Parse(value) with { HardwareAddress = MacAddress.Random() }).ToString());
        config = config.With("rootfs", (sourceRootfs with { Volume = HostLayout.RootfsVolume(storage, vmid) }).ToString());

        var staging = NewStagingDir(vmid);
        var partial = Path.Combine(staging, "rootfs");
        await _run.RunCheckedAsync(
            ["cp", "-a", "--reflink=auto", "--", _layout.ResolveVolume(sourceRootfs.Volume), partial],
            _options.CopyTimeout,
            $"clone failed: copying the rootfs of CT {source}",
            cancellationToken,
            inNamespace: false,
            vmid: vmid
        );
        EmptyMachineId(partial);
        var ctDir = Path.Combine(staging, "ct");
        Directory.CreateDirectory(ctDir);
        WriteConfig(ctDir, vmid, config);
        await CommitAsync(vmid, partial, _layout.ResolveVolume(config.RootFs!.Volume), ctDir, cancellationToken);
        return TaskOutcome.None;
    }

    public async Task UpdateConfigAsync(int vmid, ConfigChange change, CancellationToken cancellationToken = default)
    {
        if (change.IsEmpty)
            throw Invalid(vmid, "no options specified");
        using var lk = await ContainerLock.AcquireAsync(_layout, vmid, _time, cancellationToken);
        var current = ReadConfig(vmid);
        if (change.Digest is not null && change.Digest != current.Digest)
            throw Invalid(vmid, "detected modified configuration - file changed by other user? Try again.");
        if (current.Lock is { } held)
            throw new HostException(HostErrorKind.Locked, $"CT is locked ({held})") { Vmid = vmid };

        var next = current;
        foreach (var key in change.Delete)
        {
            if (key is "memory" or "rootfs" or "ostype" or "arch")
                throw Invalid(vmid, $"unable to delete required option '{key}'");
            next = next.With(key, null);
        }

        foreach (var (key, value) in change.Set)
        {
            if (key == "unprivileged" && value != (current.Unprivileged ? "1" : "0"))
                throw Invalid(vmid, "unable to modify read-only option: 'unprivileged'");
            if (key == "rootfs" && current.RootFs is { } rootfs && VolumeSpec.Parse(value).Volume != rootfs.Volume)
                throw new HostException(HostErrorKind.Unsupported, "moving a rootfs to another volume is not supported on plain LXC") { Vmid = vmid };
            next = next.With(key, IsNetKey(key) ? WithMac(value, current[key]) : value);
        }

        next = Validated(vmid, next);
        WriteConfig(_layout.ContainerDir(vmid), vmid, next);
        if ((next.Memory != current.Memory || next.Swap != current.Swap) && await IsRunningAsync(vmid, cancellationToken))
            await ApplyMemoryLiveAsync(vmid, current, next, cancellationToken);
    }

    public async Task ConvertToTemplateAsync(int vmid, CancellationToken cancellationToken = default)
    {
        using (await ContainerLock.AcquireAsync(_layout, vmid, _time, cancellationToken))
        {
            var config = ReadConfig(vmid);
            if (config.Lock is { } held)
                throw new HostException(HostErrorKind.Locked, $"CT is locked ({held})") { Vmid = vmid };
            if (config.IsTemplate)
                throw Invalid(vmid, "you can't convert a template to a template");
            if (await IsRunningAsync(vmid, cancellationToken))
                throw Invalid(vmid, "you can't convert a CT to template if the CT is running");
            WriteConfig(_layout.ContainerDir(vmid), vmid, config.With("template", "1"));
        }

        if (TryReadConfig(vmid)?.IsTemplate != true)
            throw new HostException(HostErrorKind.TaskFailed, $"CT {vmid}: template: 1 was not written") { Vmid = vmid };
    }

    /// <summary>
    /// A directory rootfs has no block device to grow: the new size is checked against the storage's free space and
    /// recorded (<c>size=</c>), with a warning that a directory has no quota to enforce it.
    /// </summary>
    public async Task<TaskOutcome> ResizeAsync(int vmid, string disk, string size, CancellationToken cancellationToken = default)
    {
        if (disk != "rootfs")
            throw new HostException(HostErrorKind.Unsupported, $"CT {vmid}: only rootfs can be resized on plain LXC (mount points are not supported)")
            {
                Vmid = vmid,
            };
        if (!DiskSize.TryParse(size, out var relative, out var bytes))
            throw Invalid(vmid, $"size: '{size}' is not a disk size (expected [+]N[K|M|G|T])");
        using var lk = await ContainerLock.AcquireAsync(_layout, vmid, _time, cancellationToken);
        var config = ReadConfig(vmid);
        var rootfs = config.RootFs ?? throw Invalid(vmid, $"CT {vmid} has no rootfs");
        var current = rootfs.SizeBytes ?? 0;
        var target = relative ? current + bytes : bytes;
        if (target < current)
            throw Invalid(vmid, "unable to shrink disk size");
        if (target == current)
            throw Invalid(vmid, "disk is already at specified size");
        var free = DescribeStorage(rootfs.Storage).AvailableBytes;
        if (target - current > free)
            throw new HostException(
                HostErrorKind.TaskFailed,
                $"CT {vmid}: storage '{rootfs.Storage}' has {DiskSize.Format(free)} free, not the {DiskSize.Format(target - current)} more the rootfs needs"
            )
            {
                Vmid = vmid,
            };
        WriteConfig(_layout.ContainerDir(vmid), vmid, config.With("rootfs", (rootfs with { SizeBytes = target }).ToString()));
        return new TaskOutcome(
            null,
            [$"rootfs of CT {vmid} is a directory: size {DiskSize.Format(target)} is recorded and was checked against free space, but no quota enforces it"]
        );
    }

    public async Task<TaskOutcome> DestroyAsync(int vmid, bool force = false, bool purge = false, CancellationToken cancellationToken = default)
    {
        using var lk = await ContainerLock.AcquireAsync(_layout, vmid, _time, cancellationToken);
        var config = ReadConfig(vmid);
        if (config.Protection)
            throw Invalid(vmid, $"can't remove CT {vmid} - protection mode enabled");
        if (await IsRunningAsync(vmid, cancellationToken))
        {
            if (!force)
                throw Invalid(vmid, $"unable to destroy CT {vmid} - container is running");
            await KillAsync(vmid, cancellationToken);
        }

        // Move the container out of LXC's sight first, so a kill -9 from here on leaves no half-container.
        var staging = NewStagingDir(vmid);
        Directory.Move(_layout.ContainerDir(vmid), Path.Combine(staging, "ct"));
        if (config.RootFs is { } rootfs && OwnedRootfs(vmid, rootfs.Volume) is { } path)
            RemoveTree(path);
        RemoveTree(staging);
        return TaskOutcome.None;
    }

    /// <summary>Moves a finished rootfs and container directory into place: the container exists only once both are there.</summary>
    private Task CommitAsync(int vmid, string partialRootfs, string rootfs, string ctDir, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Directory.Exists(rootfs))
            RemoveTree(rootfs); // left by a run killed between the two moves below: no container uses it
        Directory.CreateDirectory(Path.GetDirectoryName(rootfs)!);
        Directory.Move(partialRootfs, rootfs);
        Directory.Move(ctDir, _layout.ContainerDir(vmid));
        RemoveTree(Path.GetDirectoryName(ctDir)!);
        return Task.CompletedTask;
    }

    /// <summary>The rootfs directory when it lies in one of our storages (a foreign container's rootfs inside its own directory is removed with it).</summary>
    private string? OwnedRootfs(int vmid, string volume)
    {
        if (volume.StartsWith('/'))
            return null;
        var path = _layout.ResolveVolume(volume);
        return path.StartsWith(_layout.StorageRoot + "/", StringComparison.Ordinal) && path.Contains($"/images/{vmid}/", StringComparison.Ordinal)
            ? path
            : null;
    }

    private async Task ExtractUnprivilegedAsync(string archive, string target, int vmid, CancellationToken cancellationToken)
    {
        var map = Facts.IdMap
            ?? throw new HostException(
                HostErrorKind.Unsupported,
                "unprivileged containers need a subordinate id range for root (add 'root:100000:65536' to /etc/subuid and /etc/subgid), or create with unprivileged=0"
            )
            {
                Vmid = vmid,
            };
        if (OperatingSystem.IsLinux())
            File.SetUnixFileMode(target, (UnixFileMode)0b111_101_101);
        await _run.RunCheckedAsync(
            ["chown", $"{map.Start}:{map.Start}", target],
            ToolTimeout,
            "chown failed",
            cancellationToken,
            inNamespace: false,
            vmid: vmid
        );
        // Extracting inside a user namespace writes the shifted ids, as Proxmox does; device nodes cannot be made there and LXC provides /dev.
        await _run.RunCheckedAsync(
            [
                "lxc-usernsexec",
                "-m",
                $"u:0:{map.Start}:{map.Count}",
                "-m",
                $"g:0:{map.Start}:{map.Count}",
                "--",
                "tar",
                "-xpf",
                archive,
                "-C",
                target,
                "--numeric-owner",
                "--exclude=./dev/*",
            ],
            _options.CopyTimeout,
            $"unable to create CT {vmid} - extracting {Path.GetFileName(archive)} as unprivileged failed",
            cancellationToken,
            inNamespace: false,
            vmid: vmid
        );
    }

    private async Task SetRootPasswordAsync(string rootfs, string password, int vmid, CancellationToken cancellationToken)
    {
        var shadow = Path.Combine(rootfs, "etc", "shadow");
        if (!File.Exists(shadow))
            throw new HostException(HostErrorKind.TaskFailed, $"unable to create CT {vmid} - the OS template has no /etc/shadow for the root password")
            {
                Vmid = vmid,
            };
        var hash = await _run.RunCheckedAsync(
            ["openssl", "passwd", "-6", "-stdin"],
            ToolTimeout,
            "hashing the root password failed",
            cancellationToken,
            standardInput: password + "\n",
            inNamespace: false,
            vmid: vmid
        );
        var lines = File.ReadAllLines(shadow)
            .Select(line =>
            {
                var parts = line.Split(':');
                if (parts.Length < 2 || parts[0] != "root")
                    return line;
                parts[1] = hash.StandardOutput.Trim();
                return string.Join(':', parts);
            });
        FileWrites.RewriteInPlace(shadow, string.Join('\n', lines) + "\n");
    }

    private async Task ApplyMemoryLiveAsync(int vmid, ContainerConfig before, ContainerConfig after, CancellationToken cancellationToken)
    {
        const long mib = 1024 * 1024;
        var memory = (after.Memory ?? 512) * mib;
        var growing = (after.Memory ?? 512) >= (before.Memory ?? 512);
        var settings = new List<(string Key, long Value)>();
        if (Facts.CgroupV2Memory)
        {
            settings.Add(("memory.max", memory));
            if (after.Swap is { } swap)
                settings.Add(("memory.swap.max", swap * mib));
        }
        else
        {
            settings.Add(("memory.limit_in_bytes", memory));
            // v1 refuses memsw below the memory limit: raise memsw first when growing, last when shrinking.
            if (Facts.HasSwapAccounting && after.Swap is { } swap)
                settings.Insert(growing ? 0 : 1, ("memory.memsw.limit_in_bytes", memory + (swap * mib)));
        }

        foreach (var (key, value) in settings)
        {
            var result = await _run.RunAsync(
                ["lxc-cgroup", "-P", _layout.LxcPath, "-n", Id(vmid), key, value.ToString(CultureInfo.InvariantCulture)],
                ToolTimeout,
                cancellationToken
            );
            if (!result.Succeeded)
                throw Invalid(vmid, $"unable to hotplug memory: {string.Join(" / ", result.Tail(2))} (the new value applies at the next start)");
        }
    }

    /// <summary>Parses every key the way Proxmox would, so bad input fails here with the key named, not at start.</summary>
    private static ContainerConfig Validated(int vmid, ContainerConfig config)
    {
        var errors = new Dictionary<string, string>();
        foreach (var (key, value) in config.Values)
        {
            try
            {
                if (IsNetKey(key))
                    _ = NetworkInterface.Parse(value);
                else if (key == "features")
                    _ = ContainerFeatures.Parse(value);
                else if (key == "rootfs")
                    _ = VolumeSpec.Parse(value);
                else if (key is "memory" or "swap" or "cores" && !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                    errors[key] = $"value '{value}' does not look like a valid integer";
                else if (Regex.IsMatch(key, @"^(mp|dev)\d+$"))
                    throw new HostException(HostErrorKind.Unsupported, $"'{key}': mount points and device passthrough are not supported on plain LXC")
                    {
                        Vmid = vmid,
                    };
                else if (!SettableKeys.Contains(key) && !key.StartsWith("lxc.", StringComparison.Ordinal) && key is not ("template" or "lock" or "digest"))
                    errors[key] = "property is not defined in schema and the schema does not allow additional properties";
            }
            catch (FormatException ex)
            {
                errors[key] = ex.Message;
            }
        }

        if (config.Memory is < 16)
            errors["memory"] = "value must have a minimum value of 16";
        if (config.Cores is < 1 or > 8192)
            errors["cores"] = "value must be between 1 and 8192";
        if (errors.Count > 0)
            throw new HostException(
                HostErrorKind.InvalidRequest,
                $"CT {vmid}: parameter verification failed: {string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value}"))}"
            )
            {
                Vmid = vmid,
                ParameterErrors = errors,
            };
        return config;
    }

    /// <summary>Every netN without a hwaddr gets a fresh random one.</summary>
    private static ContainerConfig WithMacs(ContainerConfig config)
    {
        foreach (var (key, value) in config.Values.Where(kv => IsNetKey(kv.Key)).ToList())
            config = config.With(key, WithMac(value, null));
        return config;
    }

    /// <summary>
    /// A netN without hwaddr keeps the interface's current MAC (a changed address must not change the MAC, or
    /// neighbours' ARP caches and DHCP leases break), and gets a random one only when it is new.
    /// </summary>
    private static string WithMac(string net, string? current)
    {
        NetworkInterface parsed;
        try
        {
            parsed = NetworkInterface.Parse(net);
        }
        catch (FormatException)
        {
            return net; // reported with the key by Validated
        }

        if (parsed.HardwareAddress is not null)
            return net;
        var kept = current is not null && NetworkInterface.Parse(current).HardwareAddress is { } mac ? mac : MacAddress.Random();
        return (parsed with { HardwareAddress = kept }).ToString();
    }

    private static (string Storage, long Size) RootfsRequest(string? option, string defaultStorage)
    {
        const long gib = 1024L * 1024 * 1024;
        if (option is null)
            return (defaultStorage, 4 * gib);
        var spec = VolumeSpec.Parse(option);
        var volume = spec.Volume;
        var colon = volume.IndexOf(':');
        var (storage, amount) = colon > 0 ? (volume[..colon], volume[(colon + 1)..]) : (defaultStorage, volume);
        var size = double.TryParse(amount, NumberStyles.Float, CultureInfo.InvariantCulture, out var g) ? (long)(g * gib) : spec.SizeBytes ?? 4 * gib;
        return (storage, spec.SizeBytes ?? size);
    }

    private static string OsType(string template)
    {
        var name = Path.GetFileName(template.Contains(':') ? template[(template.IndexOf(':') + 1)..] : template);
        var m = Regex.Match(name, "^(debian|ubuntu|alpine|centos|fedora|archlinux|opensuse|devuan)");
        return m.Success ? m.Value : "unmanaged";
    }

    private static void EmptyMachineId(string rootfs)
    {
        var path = Path.Combine(rootfs, "etc", "machine-id");
        if (File.Exists(path) && !new FileInfo(path).Attributes.HasFlag(FileAttributes.ReparsePoint))
            FileWrites.RewriteInPlace(path, "");
    }

    private void RequireFree(int vmid)
    {
        if (File.Exists(_layout.ConfigPath(vmid)))
            throw new HostException(HostErrorKind.AlreadyExists, $"CT {vmid} already exists on node '{_node}'") { Vmid = vmid };
    }

    private static void RequireVmid(int vmid)
    {
        if (vmid is < 100 or > 999_999_999)
            throw Invalid(vmid, $"vmid: value {vmid} must be between 100 and 999999999");
    }

    private static bool IsNetKey(string key) => key.Length > 3 && key.StartsWith("net", StringComparison.Ordinal) && key[3..].All(char.IsAsciiDigit);
}
