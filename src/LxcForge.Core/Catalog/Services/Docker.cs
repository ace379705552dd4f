namespace LxcForge.Core.Catalog.Services;

/// <summary>Docker: needs <c>nesting=1,keyctl=1</c> (set on the container by the spec). Check: <c>docker info</c> succeeds.</summary>
public sealed class Docker : BuiltInService
{
    public override ServiceDefinition Definition { get; } =
        new()
        {
            Key = "docker",
            DisplayName = "Docker",
            Script = "ct/docker.sh",
            InstallScript = "install/docker-install.sh",
            Cores = 2,
            MemoryMb = 2048,
            DiskGb = 4,
            Tags = ["docker"],
            Ports = [],
            StdinAnswers = ["n", "n"],
            NeedsNesting = true,
            NeedsKeyctl = true,
            TemplateCtid = 908,
            ServiceCtid = 208,
            ServiceIp = "10.0.30.90",
            ServiceHostname = "docker-host",
        };

    public override ServiceScript ReadyProbe(ServiceContext context) => new("the Docker daemon answers", "docker version >/dev/null 2>&1");

    public override IReadOnlyList<ServiceScript> Configure(ServiceContext context) => [];

    public override ServiceScript HealthCheck(ServiceContext context) => new("docker info succeeds", "docker info >/dev/null");
}
