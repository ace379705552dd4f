using System.Text;

namespace LxcForge.Processes;

/// <summary>Collects a process's output as text up to a limit, reading (and dropping) the rest so the writer never blocks.</summary>
internal sealed class BoundedText(int limit)
{
    private readonly StringBuilder _text = new();
    private bool _truncated;

    public string Text
    {
        get
        {
            lock (_text)
                return _truncated ? _text + "\n[output truncated]\n" : _text.ToString();
        }
    }

    /// <summary>Reads <paramref name="stream"/> to its end, or until <paramref name="stop"/> (a daemon holding the pipe): what was read is kept.</summary>
    public async Task ReadAsync(Stream stream, CancellationToken stop)
    {
        using var reader = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false);
        var buffer = new char[8192];
        try
        {
            int n;
            while ((n = await reader.ReadAsync(buffer, stop)) > 0)
                Append(buffer.AsSpan(0, n));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
        catch (IOException) when (stop.IsCancellationRequested) { }
    }

    private void Append(ReadOnlySpan<char> chunk)
    {
        lock (_text)
        {
            var room = limit - _text.Length;
            if (chunk.Length > room)
                _truncated = true;
            _text.Append(chunk[..Math.Max(0, Math.Min(room, chunk.Length))]);
        }
    }
}
