using System.Text.Json;
using System.Text.Json.Serialization;

namespace LxcForge.Simulator.Engine.Faults;

/// <summary>The next <c>Count</c> tasks of <c>Type</c> fail with <c>Message</c>.</summary>
public sealed record TaskFault(string Type, int Count, string Message);

/// <summary>The next <c>Count</c> API calls (whose path contains <c>Path</c>) answer <c>Status</c> with <c>Message</c>.</summary>
public sealed record CallFault(int Count, int Status, string Message, string? Path);

/// <summary>
/// The faults a kept cluster (<c>sim://NAME</c>) carries between runs, in <c>NAME.faults.json</c> beside its state:
/// written by <c>lxcforge sim fault add</c> (or any editor) before a run, armed when the cluster loads, and
/// written back with what is left when it saves. Every value is checked: an absurd one is refused naming its field.
/// </summary>
public sealed record FaultFile
{
    public List<TaskFault> Tasks { get; init; } = [];
    public List<CallFault> Calls { get; init; } = [];
    public double DelayMilliseconds { get; init; }
    public int Drops { get; init; }
    public List<string> OfflineNodes { get; init; } = [];

    [JsonIgnore]
    public bool IsEmpty => Tasks.Count == 0 && Calls.Count == 0 && DelayMilliseconds == 0 && Drops == 0 && OfflineNodes.Count == 0;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary><c>NAME.json</c> → <c>NAME.faults.json</c>.</summary>
    public static string PathFor(string statePath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(statePath))!, Path.GetFileNameWithoutExtension(statePath) + ".faults.json");

    /// <summary>The file's faults (none when it does not exist); an unreadable or absurd one is refused naming the field.</summary>
    public static FaultFile Read(string path)
    {
        if (!File.Exists(path))
            return new FaultFile();
        FaultFile file;
        try
        {
            file = JsonSerializer.Deserialize<FaultFile>(File.ReadAllText(path), Json) ?? new FaultFile();
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a simulator fault file ({e.Message})", e);
        }

        try
        {
            file.Check();
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }

        return file;
    }

    /// <summary>Writes the faults (owner-only), or removes the file when there are none.</summary>
    public void Write(string path)
    {
        Check();
        if (IsEmpty)
        {
            File.Delete(path);
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".tmp-" + Environment.ProcessId;
        File.Delete(temporary);
        using (
            var stream = OperatingSystem.IsWindows()
                ? new FileStream(temporary, FileMode.CreateNew, FileAccess.Write)
                : new FileStream(
                    temporary,
                    new FileStreamOptions
                    {
                        Mode = FileMode.CreateNew,
                        Access = FileAccess.Write,
                        UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
                    }
                )
        )
        {
            JsonSerializer.Serialize(stream, this, Json);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first field whose value no fault can have.</summary>
    public void Check()
    {
        for (var i = 0; i < Tasks.Count; i++)
        {
            FaultLimits.Name($"tasks[{i}].type", Tasks[i].Type);
            FaultLimits.Count($"tasks[{i}].count", Tasks[i].Count);
            FaultLimits.Message($"tasks[{i}].message", Tasks[i].Message);
        }

        for (var i = 0; i < Calls.Count; i++)
        {
            FaultLimits.Count($"calls[{i}].count", Calls[i].Count);
            FaultLimits.Status($"calls[{i}].status", Calls[i].Status);
            FaultLimits.Message($"calls[{i}].message", Calls[i].Message);
        }

        if (DelayMilliseconds != 0)
            FaultLimits.Milliseconds("delayMilliseconds", DelayMilliseconds);
        if (Drops != 0)
            FaultLimits.Count("drops", Drops);
        for (var i = 0; i < OfflineNodes.Count; i++)
            FaultLimits.Name($"offlineNodes[{i}]", OfflineNodes[i]);
    }
}
