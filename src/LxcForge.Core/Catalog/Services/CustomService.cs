using System.Globalization;
using LxcForge.Core.Spec;

namespace LxcForge.Core.Catalog.Services;

/// <summary>
/// A service of the user's own from the spec's <c>custom:</c> block: its configuration commands and its check
/// command run inside the container as written, with <c>LXCFORGE_IP</c>, <c>LXCFORGE_HOSTNAME</c> and
/// <c>LXCFORGE_SUBNET</c> set. Ready = every listed port listens.
/// </summary>
public sealed class CustomService(string name, CustomServiceSpec spec) : ServiceRecipe
{
    public override string Key => name;

    public override ServiceScript ReadyProbe(ServiceContext context) =>
        new(
            $"ports {string.Join(',', spec.Ports)} listen",
            spec.Ports.Count == 0 ? "true" : string.Join(" && ", spec.Ports.Select(p => "{ " + ShellSnippets.PortListening(p) + "; }"))
        );

    public override IReadOnlyList<ServiceScript> Configure(ServiceContext context) =>
        spec
            .Configure.Select(
                (command, i) => new ServiceScript($"custom step {(i + 1).ToString(CultureInfo.InvariantCulture)}", Environment(context) + command)
            )
            .ToList();

    public override ServiceScript HealthCheck(ServiceContext context) => new("custom check", Environment(context) + (spec.Check ?? "true"));

    private static string Environment(ServiceContext context) =>
        $"export LXCFORGE_IP={ShellSnippets.Quote(context.Ip)} LXCFORGE_HOSTNAME={ShellSnippets.Quote(context.Hostname)} LXCFORGE_SUBNET={ShellSnippets.Quote(context.Subnet)}\n";
}
