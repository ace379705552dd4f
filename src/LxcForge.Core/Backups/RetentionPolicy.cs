using System.Globalization;
using LxcForge.Core.Hosting;
using LxcForge.Core.Spec;

namespace LxcForge.Core.Backups;

/// <summary>
/// Proxmox-style pruning (keep-last, keep-daily, keep-weekly, keep-monthly): a backup is kept when any
/// rule keeps it; rules are applied newest first, each keeping the newest backup of each period it covers.
/// Protected backups are never pruned. Only real backups are counted: safety copies (<see cref="SafetyCopy"/>)
/// follow their own rule, the newest <see cref="SafetyCopy.Keep"/> per container.
/// </summary>
public static class RetentionPolicy
{
    /// <summary>The backups to delete from <paramref name="backups"/> (one container's).</summary>
    public static IReadOnlyList<BackupInfo> ToPrune(IReadOnlyList<BackupInfo> backups, RetentionSpec retention)
    {
        var safetyCopies = backups
            .Where(b => !b.Protected && SafetyCopy.Is(b))
            .GroupBy(b => b.Vmid)
            .SelectMany(g => g.OrderByDescending(b => b.CreatedAt).Skip(SafetyCopy.Keep));
        return [.. RealToPrune(backups.Where(b => !SafetyCopy.Is(b)), retention), .. safetyCopies];
    }

    private static IReadOnlyList<BackupInfo> RealToPrune(IEnumerable<BackupInfo> backups, RetentionSpec retention)
    {
        if (retention.KeepLast is null && retention.KeepDaily is null && retention.KeepWeekly is null && retention.KeepMonthly is null)
            return [];

        var newestFirst = backups.Where(b => !b.Protected).OrderByDescending(b => b.CreatedAt).ToList();
        var keep = new HashSet<string>(StringComparer.Ordinal);
        Keep(newestFirst, retention.KeepLast, b => b.VolumeId, keep);
        Keep(newestFirst, retention.KeepDaily, b => b.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), keep);
        Keep(newestFirst, retention.KeepWeekly, b => ISOWeek.GetYear(b.CreatedAt.UtcDateTime) + "-W" + ISOWeek.GetWeekOfYear(b.CreatedAt.UtcDateTime), keep);
        Keep(newestFirst, retention.KeepMonthly, b => b.CreatedAt.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture), keep);
        return newestFirst.Where(b => !keep.Contains(b.VolumeId)).ToList();
    }

    private static void Keep(List<BackupInfo> newestFirst, int? count, Func<BackupInfo, string> period, HashSet<string> keep)
    {
        if (count is not > 0)
            return;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var backup in newestFirst)
        {
            if (seen.Count >= count)
                break;
            if (seen.Add(period(backup)))
                keep.Add(backup.VolumeId);
        }
    }
}
