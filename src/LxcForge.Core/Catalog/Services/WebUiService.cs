namespace LxcForge.Core.Catalog.Services;

/// <summary>A service with nothing to configure beyond root whose check is "its web UI answers HTTP on a port".</summary>
public abstract class WebUiService(int port, string name) : BuiltInService
{
    public override ServiceScript ReadyProbe(ServiceContext context) =>
        new($"{name} answers on {port}", ShellSnippets.HttpAnswers($"http://127.0.0.1:{port}/"));

    public override IReadOnlyList<ServiceScript> Configure(ServiceContext context) => [];

    public override ServiceScript HealthCheck(ServiceContext context) =>
        new($"{name} on {port} answers HTTP", ShellSnippets.HttpGet($"http://127.0.0.1:{port}/") + " >/dev/null");
}
