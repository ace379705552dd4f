namespace LxcForge.Core.Hosting;

/// <summary>
/// Translates the common Proxmox failures whose raw text does not say the cause: a full storage shows up as
/// <c>rsync … failed: exit code 11</c> (rsync's file I/O error), <c>No space left on device</c> or <c>ENOSPC</c>.
/// </summary>
public static class KnownCauses
{
    private static readonly string[] NoSpacePhrases = ["No space left on device", "ENOSPC", "not enough space", "out of space"];

    /// <summary>True when the failure (message or task log) is a full storage.</summary>
    public static bool IsNoSpace(HostException e) =>
        e.Kind == HostErrorKind.TaskFailed && (ContainsNoSpace(e.Message) || e.LogTail.Any(ContainsNoSpace) || IsRsyncIoError(e.Message));

    /// <summary>
    /// <paramref name="e"/> with its cause first (<c>no space left on local-lvm: …</c>) when it is a known one, else
    /// <paramref name="e"/> itself. <paramref name="storage"/> is the storage the operation wrote to.
    /// </summary>
    public static HostException Explain(HostException e, string storage) =>
        IsNoSpace(e)
            ? new HostException(e.Kind, $"no space left on {storage}: {e.Message}", e)
            {
                Vmid = e.Vmid,
                TaskId = e.TaskId,
                LogTail = e.LogTail,
            }
            : e;

    private static bool ContainsNoSpace(string text) => NoSpacePhrases.Any(p => text.Contains(p, StringComparison.OrdinalIgnoreCase));

    private static bool IsRsyncIoError(string text) =>
        text.Contains("rsync", StringComparison.Ordinal) && text.Contains("exit code 11", StringComparison.Ordinal);
}
