namespace LxcForge.Core.Spec.Yaml;

/// <summary>The keys of <c>fleet.yaml</c> (kebab-case throughout), shared by the reader and the writer.</summary>
internal static class SpecKeys
{
    public static readonly string[] Root = ["network", "storage", "nodes", "ids", "scripts", "backup", "templates", "services"];
    public static readonly string[] Network = ["bridge", "subnet", "gateway", "dns", "search-domain", "template-bridge"];
    public static readonly string[] Storage = ["templates", "services", "backups", "os-templates"];
    public static readonly string[] Ids = ["templates", "services"];
    public static readonly string[] Scripts = ["repository", "ref", "local-path", "lock-file"];
    public static readonly string[] Backup = ["mode", "compress", "retention"];
    public static readonly string[] Retention = ["keep-last", "keep-daily", "keep-weekly", "keep-monthly"];
    public static readonly string[] Template = ["name", "ctid", "service", "hostname", "node", "cores", "memory", "disk", "source"];
    public static readonly string[] Source = ["script", "answers", "variables", "os-template", "provision"];
    public static readonly string[] Provision = ["packages", "commands", "files"];
    public static readonly string[] File = ["path", "content", "mode"];

    public static readonly string[] Service =
    [
        "name",
        "template",
        "ctid",
        "hostname",
        "ip",
        "node",
        "cores",
        "memory",
        "swap",
        "disk",
        "features",
        "unprivileged",
        "onboot",
        "startup-order",
        "tags",
        "replicas",
        "settings",
        "custom",
    ];

    public static readonly string[] Features = ["nesting", "keyctl", "fuse"];
    public static readonly string[] Replicas = ["count", "ctids", "ctid-start", "ctid-step", "ips", "ip-start", "ip-step", "hostname"];
    public static readonly string[] Custom = ["ports", "configure", "check"];
}
