using LxcForge.Simulator.NodeCli.Syntax;

namespace LxcForge.Simulator.NodeCli.Tools.Pct;

/// <summary>
/// <c>pct</c>: the subcommands, their arguments and options (the API parameters minus <c>node</c>, from
/// the pct synopsis), and the API call or local action behind each.
/// </summary>
internal static class PctTool
{
    private const string ConfigOptions =
        "arch cmode console:b cores cpulimit cpuunits debug:b description dev[n] entrypoint env features hookscript hostname lock "
        + "memory mp[n] nameserver:l net[n] onboot:b ostype protection:b rootfs searchdomain:l startup swap tags:l template:b "
        + "timezone tty unprivileged:b unused[n]";

    private const string CreateOptions =
        ConfigOptions + " bwlimit force:b ha-managed:b ignore-unpack-errors:b password:p pool ssh-public-keys start:b storage unique:b";

    public static NodeTool Create() =>
        new(
            "pct",
            [
                CliCommand.Of("pct", "list", "", "", PctQueries.ListAsync),
                CliCommand.Of("pct", "config", "vmid:vmid", "current:b snapshot", PctQueries.ConfigAsync),
                CliCommand.Of("pct", "status", "vmid:vmid", "verbose:b", PctQueries.StatusAsync),
                CliCommand.Of("pct", "pending", "vmid:vmid", "", PctQueries.PendingAsync),
                CliCommand.Of("pct", "listsnapshot", "vmid:vmid", "", PctQueries.ListSnapshotsAsync),
                CliCommand.Of("pct", "create", "vmid:vmid ostemplate", CreateOptions + " restore:b", PctWorkers.CreateAsync),
                CliCommand.Of("pct", "restore", "vmid:vmid ostemplate", CreateOptions, PctWorkers.RestoreAsync),
                CliCommand.Of(
                    "pct",
                    "clone",
                    "vmid:vmid newid:vmid",
                    "bwlimit description full:b hostname pool snapname storage target",
                    PctWorkers.CloneAsync
                ),
                CliCommand.Of("pct", "set", "vmid:vmid", ConfigOptions + " delete:l digest revert:l", PctLocal.SetAsync),
                CliCommand.Of("pct", "start", "vmid:vmid", "debug:b skiplock:b", PctWorkers.Status("start")),
                CliCommand.Of("pct", "stop", "vmid:vmid", "overrule-shutdown:b skiplock:b", PctWorkers.Status("stop")),
                CliCommand.Of("pct", "shutdown", "vmid:vmid", "forceStop:b timeout", PctWorkers.Status("shutdown")),
                CliCommand.Of("pct", "reboot", "vmid:vmid", "timeout", PctWorkers.Status("reboot")),
                CliCommand.Of("pct", "template", "vmid:vmid", "", PctWorkers.TemplateAsync),
                CliCommand.Of("pct", "resize", "vmid:vmid disk size", "digest", PctWorkers.ResizeAsync),
                CliCommand.Of("pct", "destroy", "vmid:vmid", "destroy-unreferenced-disks:b force:b purge:b", PctWorkers.DestroyAsync),
                CliCommand.Of("pct", "snapshot", "vmid:vmid snapname", "description", PctWorkers.SnapshotAsync),
                CliCommand.Of("pct", "rollback", "vmid:vmid snapname", "start:b", PctWorkers.RollbackAsync),
                CliCommand.Of("pct", "delsnapshot", "vmid:vmid snapname", "force:b", PctWorkers.DeleteSnapshotAsync),
                CliCommand.Of("pct", "unlock", "vmid:vmid", "", PctLocal.UnlockAsync),
                CliCommand.Of("pct", "exec", "vmid:vmid extra-args:rest", "keep-env:b", PctLocal.ExecAsync),
            ],
            notSimulated:
            [
                "console",
                "cpusets",
                "df",
                "enter",
                "fsck",
                "fstrim",
                "migrate",
                "mount",
                "move-volume",
                "move_volume",
                "pull",
                "push",
                "remote-migrate",
                "rescan",
                "resume",
                "suspend",
                "unmount",
            ]
        );
}
