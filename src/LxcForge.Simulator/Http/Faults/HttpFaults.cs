using System.Text.RegularExpressions;

namespace LxcForge.Simulator.Http.Faults;

/// <summary>What happens to a request a fault matches.</summary>
public enum HttpFaultKind
{
    /// <summary>The connection is closed without a response.</summary>
    Drop,

    /// <summary>The response is held back for a while, then sent normally.</summary>
    Delay,

    /// <summary>An error status (5xx by default) is answered instead of calling the API.</summary>
    Error,
}

/// <summary>
/// One armed fault: applies to the next <see cref="Remaining"/> API requests (null = until cleared)
/// whose method and path (without <c>/api2/json</c>) match.
/// </summary>
public sealed record HttpFault
{
    public required HttpFaultKind Kind { get; init; }

    /// <summary>How many more requests it applies to; null for every matching request until cleared.</summary>
    public int? Remaining { get; init; }

    /// <summary>A regular expression the API path must match (e.g. <c>/lxc/\d+/clone$</c>); null matches every path.</summary>
    public string? PathPattern { get; init; }

    /// <summary>GET, POST, PUT or DELETE; null matches every method.</summary>
    public string? Method { get; init; }

    /// <summary>For <see cref="HttpFaultKind.Delay"/>: how long to hold the response.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>For <see cref="HttpFaultKind.Error"/>: the status to answer.</summary>
    public int Status { get; init; } = 500;

    /// <summary>For <see cref="HttpFaultKind.Error"/>: the message (reason phrase and body).</summary>
    public string Message { get; init; } = "simulated failure";
}

/// <summary>
/// HTTP-level faults of a running simulator: drop connections, delay responses, answer errors.
/// Set them in-process through <see cref="SimulatorServer.Faults"/> or over HTTP under <c>/simulator/faults</c>.
/// Admin routes (<c>/simulator/...</c>) are never affected.
/// </summary>
public sealed class HttpFaults
{
    private readonly Lock _gate = new();
    private readonly List<(HttpFault Fault, Regex? Path)> _armed = [];

    /// <summary>Arms a fault; faults are consulted in the order they were added.</summary>
    public void Add(HttpFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        if (fault.Remaining is <= 0)
            throw new ArgumentException("a fault must apply to at least one request", nameof(fault));
        if (fault.Kind == HttpFaultKind.Error && fault.Status is < 400 or > 599)
            throw new ArgumentException($"status {fault.Status} is not an error status", nameof(fault));
        var path = fault.PathPattern is null ? null : new Regex(fault.PathPattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        lock (_gate)
            _armed.Add((fault, path));
    }

    /// <summary>Drops the connection of the next <paramref name="count"/> matching requests.</summary>
    public void DropNext(int count, string? pathPattern = null) =>
        Add(
            new HttpFault
            {
                Kind = HttpFaultKind.Drop,
                Remaining = count,
                PathPattern = pathPattern,
            }
        );

    /// <summary>Delays matching responses by <paramref name="delay"/>: the next <paramref name="count"/>, or all when null.</summary>
    public void DelayResponses(TimeSpan delay, int? count = null, string? pathPattern = null) =>
        Add(
            new HttpFault
            {
                Kind = HttpFaultKind.Delay,
                Delay = delay,
                Remaining = count,
                PathPattern = pathPattern,
            }
        );

    /// <summary>Answers the next <paramref name="count"/> matching requests with <paramref name="status"/>.</summary>
    public void FailNext(int count, int status = 500, string? pathPattern = null, string message = "simulated failure") =>
        Add(
            new HttpFault
            {
                Kind = HttpFaultKind.Error,
                Remaining = count,
                Status = status,
                PathPattern = pathPattern,
                Message = message,
            }
        );

    public void Clear()
    {
        lock (_gate)
            _armed.Clear();
    }

    /// <summary>The faults still armed, with their remaining counts.</summary>
    public IReadOnlyList<HttpFault> Armed
    {
        get
        {
            lock (_gate)
                return _armed.Select(a => a.Fault).ToList();
        }
    }

    /// <summary>Consumes what applies to this request: at most one of each kind, first armed first.</summary>
    internal IReadOnlyList<HttpFault> Take(string method, string path)
    {
        lock (_gate)
        {
            if (_armed.Count == 0)
                return [];
            var taken = new List<HttpFault>();
            for (var i = 0; i < _armed.Count; i++)
            {
                var (fault, regex) = _armed[i];
                if (
                    taken.Any(t => t.Kind == fault.Kind)
                    || (fault.Method is not null && !string.Equals(fault.Method, method, StringComparison.OrdinalIgnoreCase))
                    || (regex is not null && !regex.IsMatch(path))
                )
                    continue;
                taken.Add(fault);
                if (fault.Remaining is { } left)
                {
                    if (left <= 1)
                        _armed.RemoveAt(i--);
                    else
                        _armed[i] = (fault with { Remaining = left - 1 }, regex);
                }
            }
            return taken;
        }
    }
}
