namespace LxcForge.Core.Catalog.Services;

/// <summary>Docker: needs <c>nesting=1,keyctl=1</c> (set on the container by the spec). Check: <c>docker info</c> succeeds.</summary>
public sealed class Docker : ServiceRecipe
{
    public override string Key => "docker";

    public override ServiceScript ReadyProbe(ServiceContext context) => new("the Docker daemon answers", "docker version >/dev/null 2>&1");

    public override IReadOnlyList<ServiceScript> Configure(ServiceContext context) => [];

    public override ServiceScript HealthCheck(ServiceContext context) => new("docker info succeeds", "docker info >/dev/null");
}
