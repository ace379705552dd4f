using System.Globalization;

namespace LxcForge.Simulator.Engine.Faults;

/// <summary>
/// What a fault's parameters may be. A value outside (1e300 seconds, a count of minus one, status 200) is refused
/// with <see cref="ArgumentException"/> naming the field, which the admin routes answer as 400, never a bare 500.
/// </summary>
public static class FaultLimits
{
    public const int MaxCount = 1_000_000;

    /// <summary>A held lock or a delay longer than a simulated week tests nothing a week would not.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(7);

    public const double MaxSlowFactor = 1_000_000;

    public static int Count(string field, int value) =>
        value is >= 1 and <= MaxCount ? value : throw Bad(field, value.ToString(CultureInfo.InvariantCulture), $"a count from 1 to {MaxCount}");

    public static int Status(string field, int value) =>
        value is >= 400 and <= 599 ? value : throw Bad(field, value.ToString(CultureInfo.InvariantCulture), "an HTTP error status from 400 to 599");

    public static TimeSpan Seconds(string field, double value) =>
        double.IsFinite(value) && value > 0 && value <= MaxDuration.TotalSeconds
            ? TimeSpan.FromSeconds(value)
            : throw Bad(
                field,
                value.ToString("R", CultureInfo.InvariantCulture),
                $"seconds above 0 and at most {MaxDuration.TotalSeconds.ToString(CultureInfo.InvariantCulture)} (a week)"
            );

    public static TimeSpan Milliseconds(string field, double value) =>
        double.IsFinite(value) && value > 0 && value <= MaxDuration.TotalMilliseconds
            ? TimeSpan.FromMilliseconds(value)
            : throw Bad(
                field,
                value.ToString("R", CultureInfo.InvariantCulture),
                $"milliseconds above 0 and at most {MaxDuration.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} (a week)"
            );

    public static double SlowFactor(string field, double value) =>
        double.IsFinite(value) && value >= 1 && value <= MaxSlowFactor
            ? value
            : throw Bad(
                field,
                value.ToString("R", CultureInfo.InvariantCulture),
                $"a factor from 1 (full speed) to {MaxSlowFactor.ToString(CultureInfo.InvariantCulture)}"
            );

    public static long Bytes(string field, long value) =>
        value >= 0 ? value : throw Bad(field, value.ToString(CultureInfo.InvariantCulture), "a number of bytes, 0 or more");

    public static int Vmid(string field, int value) =>
        value is >= 100 and <= 999_999_999 ? value : throw Bad(field, value.ToString(CultureInfo.InvariantCulture), "a CTID from 100 to 999999999");

    /// <summary>A task type, lock name or node name: a short word.</summary>
    public static string Name(string field, string? value) =>
        value is { Length: > 0 and <= 64 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? value
            : throw Bad(field, value ?? "(none)", "a name of letters, digits, '-', '_' and '.' (at most 64)");

    public static string Message(string field, string? value) =>
        value is { Length: > 0 and <= 1000 } && !value.Any(char.IsControl)
            ? value
            : throw Bad(field, value ?? "(none)", "one line of text (at most 1000 characters)");

    private static ArgumentException Bad(string field, string value, string expected) =>
        new($"'{field}': {(value.Length > 40 ? value[..40] + "…" : value)} is out of range; expected {expected}");
}
