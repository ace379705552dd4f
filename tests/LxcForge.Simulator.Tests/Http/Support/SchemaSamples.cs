using LxcForge.Simulator.Http.Schema;

namespace LxcForge.Simulator.Tests.Http.Support;

/// <summary>
/// For a parameter's schema: a value the schema accepts, and values it refuses with the start of the
/// message Proxmox gives. Built from the schema facts, so every listed parameter gets a row.
/// </summary>
internal static class SchemaSamples
{
    public sealed record Invalid(string Value, string MessageStart);

    private static readonly Dictionary<string, (string Valid, string? Invalid)> Formats = new()
    {
        ["pve-node"] = ("pve", "bad_node"),
        ["pve-storage-id"] = ("local-lvm", "1bad"),
        ["pve-configid"] = ("snap1", "9x"),
        ["pve-configid-list"] = ("memory,swap", "memory,9x"),
        ["dns-name"] = ("redis.lan", "bad_name"),
        ["dns-name-list"] = ("lan example.com", "lan bad_name"),
        ["pve-volume-id"] = ("local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst", "no-volume"),
        ["lxc-ip-with-ll-iface-list"] = ("10.0.30.1 fe80::1%eth0", "10.0.30.1 not-an-ip"),
        ["pve-poolid"] = ("pool1", "bad pool!"),
        ["pve-startup-order"] = ("order=1,up=5", "sideways"),
        ["pve-tag-list"] = ("lxcforge;db", "lxcforge;bad!tag"),
        ["pve-vmid-list"] = ("200,201", "200,99"),
        ["pve-storage-content"] = ("vztmpl", "movies"),
        ["pve-storage-content-list"] = ("vztmpl,backup", "vztmpl,movies"),
        ["pve-task-status-type-list"] = ("ok,error", "ok,meh"),
        ["pve-realm"] = ("pam", "1realm"),
        ["storage-pair-list"] = ("local-lvm", "1bad"),
        ["mac-addr"] = ("BC:24:11:AB:CD:EF", "01:00:00:00:00:01"),
        ["disk-size"] = ("8G", "huge"),
        ["pve-ct-timezone"] = ("host", null),
        ["email-or-username-list"] = ("root@pam", null),
        ["pve-priv-list"] = ("VM.Audit", null),
        ["backup-fleecing"] = ("enabled=1", null),
        ["backup-performance"] = ("max-workers=2", null),
        ["prune-backups"] = ("keep-last=3", null),
    };

    // Patterned parameters by name: a value matching the pattern, and one that does not.
    private static readonly Dictionary<string, (string Valid, string Invalid)> Patterns = new()
    {
        ["size"] = ("8G", "ten"),
        ["entrypoint"] = ("/sbin/init", "\u0001"),
        ["env"] = ("FOO=bar", "=bar"),
        ["job-id"] = ("job1", "two words"),
        ["url"] = ("https://example.com/debian.tar.zst", "ftp://example.com/x"),
    };

    private static readonly Dictionary<string, string> PropertyStrings = new()
    {
        ["net[n]"] = "name=eth0,bridge=vmbr2,ip=10.0.30.10/24,gw=10.0.30.1",
        ["rootfs"] = "local-lvm:8,size=8G",
        ["mp[n]"] = "local-lvm:8,mp=/srv/data",
        ["features"] = "nesting=1,keyctl=1",
        ["dev[n]"] = "/dev/net/tun,mode=0666",
        ["unused[n]"] = "local-lvm:vm-200-disk-1",
    };

    public static string Valid(ParameterSchema p)
    {
        if (p.Enum is { Count: > 0 } values)
            return values[0];
        if (p.PropertyString is { } ps)
            return PropertyStrings[ps];
        if (p.Pattern is not null && Patterns.TryGetValue(p.Name, out var pattern))
            return pattern.Valid;
        return p.Type switch
        {
            "boolean" => "1",
            "integer" or "number" => PveApiSchema.FormatNumber(p.Minimum ?? p.Maximum ?? 1),
            _ when p.Format is { } f => Formats.TryGetValue(f, out var s)
                ? s.Valid
                : throw new InvalidOperationException($"no sample for format {f} ({p.Name})"),
            _ => new string('x', Math.Max(1, p.MinLength ?? 1)),
        };
    }

    /// <summary>Every check the schema asks of this parameter, each with a value that fails it.</summary>
    public static IEnumerable<Invalid> Invalids(ParameterSchema p)
    {
        switch (p.Type)
        {
            case "boolean":
                yield return new Invalid("maybe", "type check ('boolean') failed - got 'maybe'");
                break;
            case "integer":
            case "number":
                yield return new Invalid("abc", $"type check ('{p.Type}') failed - got 'abc'");
                break;
        }
        if (p.Enum is { Count: > 0 } && p.Type == "string" && p.Format is null)
            yield return new Invalid("not-in-enum", "value 'not-in-enum' does not have a value in the enumeration");
        if (p.PropertyString is not null)
            yield return new Invalid(PropertyStrings[p.PropertyString] + ",bogus=1", "invalid format - invalid key in comma-separated list property: bogus");
        if (p.Format is { } f && Formats.TryGetValue(f, out var s) && s.Invalid is { } bad)
            yield return new Invalid(bad, "invalid format - ");
        if (p.Format == "pve-vmid")
            yield return new Invalid("099", "invalid format - value does not look like a valid VM ID");
        if (p.Pattern is not null && Patterns.TryGetValue(p.Name, out var pattern))
            yield return new Invalid(pattern.Invalid, "value does not match the regex pattern");
        if (p.MaxLength is { } max && p.Format is null)
            yield return new Invalid(new string('x', max + 1), $"value may only be {max} characters long");
        // A VM ID out of range already fails its format, which is checked first.
        if (p.Format == "pve-vmid")
            yield break;
        if (p.Minimum is { } min && p.Type is "integer" or "number")
            yield return new Invalid(PveApiSchema.FormatNumber(min - 1), $"value must have a minimum value of {PveApiSchema.FormatNumber(min)}");
        if (p.Maximum is { } maximum && p.Type is "integer" or "number")
            yield return new Invalid(PveApiSchema.FormatNumber(maximum + 1), $"value must have a maximum value of {PveApiSchema.FormatNumber(maximum)}");
    }

    /// <summary>Whether the schema lists a check for this parameter that the table above cannot exercise.</summary>
    public static bool HasUntestedCheck(ParameterSchema p) =>
        (p.Format is { } f && (!Formats.TryGetValue(f, out var s) || s.Invalid is null) && f != "pve-vmid")
        || (p.Pattern is not null && !Patterns.ContainsKey(p.Name));
}
