namespace LxcForge.Proxmox.Api.Transport;

/// <summary>
/// A path in the Proxmox API tree, relative to <c>/api2/json</c>. The one place paths are built: every
/// segment is escaped here, so a node, storage or volume id can never change the shape of a path.
/// </summary>
public readonly record struct ApiPath
{
    private readonly string? _value;

    private ApiPath(string value) => _value = value;

    public static ApiPath Root { get; } = new(string.Empty);

    /// <summary>The path with one more segment, escaped (<c>local:backup/x.tar</c> becomes one segment).</summary>
    public ApiPath this[string segment] => new($"{_value}/{Uri.EscapeDataString(segment)}");

    public ApiPath this[int segment] => this[segment.ToString(System.Globalization.CultureInfo.InvariantCulture)];

    public override string ToString() => string.IsNullOrEmpty(_value) ? "/" : _value;
}
