namespace LxcForge.Core.Catalog.Services;

/// <summary>
/// Redis: bind to the service address and loopback (not the community script's 0.0.0.0), protected mode,
/// a generated <c>requirepass</c>. Check: AUTH + PING answers PONG, and a client without the password is refused.
/// </summary>
public sealed class Redis : BuiltInService
{
    public const string PasswordSecret = "password";

    public override ServiceDefinition Definition { get; } =
        new()
        {
            Key = "redis",
            DisplayName = "Redis",
            Script = "ct/redis.sh",
            InstallScript = "install/redis-install.sh",
            Cores = 1,
            MemoryMb = 1024,
            DiskGb = 4,
            Tags = ["database"],
            Ports = [6379],
            TemplateCtid = 901,
            ServiceCtid = 201,
            ServiceIp = "10.0.30.20",
            ServiceHostname = "redis-cache",
        };

    public override IReadOnlyList<string> SecretNames => [PasswordSecret];

    public override ServiceScript ReadyProbe(ServiceContext context) =>
        new("Redis answers", "printf 'PING\\n' | redis-cli -h 127.0.0.1 2>&1 | grep -Eq 'PONG|NOAUTH'");

    public override IReadOnlyList<ServiceScript> Configure(ServiceContext context) =>
        [
            new(
                "bind, protected mode and requirepass",
                ShellSnippets.ReadSecrets("REDIS_PASSWORD")
                    + $$"""
                    set -eu
                    conf=/etc/redis/redis.conf
                    [ -f "$conf" ] || { echo "$conf not found" >&2; exit 1; }
                    tmp=$(mktemp "$conf.XXXXXX")
                    grep -Ev '^[[:space:]]*(bind|protected-mode|requirepass)[[:space:]]' "$conf" > "$tmp" || true
                    {
                      echo '# managed by lxcforge: the service address and loopback only, password required'
                      echo 'bind {{context.Ip}} 127.0.0.1'
                      echo 'protected-mode yes'
                      printf 'requirepass %s\n' "$REDIS_PASSWORD"
                    } >> "$tmp"
                    chown --reference="$conf" "$tmp" 2>/dev/null || true
                    chmod 640 "$tmp"
                    mv "$tmp" "$conf"
                    {{ShellSnippets.Restart("redis-server")}}
                    """
            )
            {
                Secrets = [PasswordSecret],
            },
        ];

    public override ServiceScript HealthCheck(ServiceContext context) =>
        new(
            "AUTH + PING answers PONG; no password is refused",
            ShellSnippets.ReadSecrets("REDIS_PASSWORD")
                + $$"""
                reply=$(printf 'AUTH %s\nPING\n' "$REDIS_PASSWORD" | redis-cli -h {{context.Ip}} -p 6379)
                printf '%s\n' "$reply" | grep -qx PONG || { echo "AUTH + PING answered: $reply" | grep -v AUTH >&2; exit 1; }
                anonymous=$(printf 'PING\n' | redis-cli -h {{context.Ip}} -p 6379 2>&1 || true)
                case "$anonymous" in *NOAUTH*) ;; *) echo "Redis answers without a password: $anonymous" >&2; exit 1;; esac
                """
        )
        {
            Secrets = [PasswordSecret],
        };
}
