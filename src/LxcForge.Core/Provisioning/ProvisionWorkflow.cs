using LxcForge.Core.Execution;
using LxcForge.Core.Spec;
using LxcForge.Core.Templates;

namespace LxcForge.Core.Provisioning;

/// <summary>What a provisioning run did: each template's build (up to the first failure), then the deploy.</summary>
/// <param name="Deploy">Null when a template failed (no service was deployed).</param>
public sealed record ProvisionResult(IReadOnlyList<TemplateBuildResult> Templates, DeployResult? Deploy)
{
    /// <summary>The template that failed and stopped the run, or null.</summary>
    public TemplateBuildResult? FailedTemplate => Templates.FirstOrDefault(t => t.Outcome == TemplateBuildOutcome.Failed);
}

/// <summary>
/// The fleet design's two phases from nothing (the entry point of <c>demo</c>): build the fleet's templates one at a
/// time — those that exist are kept — stopping at the first that fails; then deploy every service.
/// </summary>
public sealed class ProvisionWorkflow(WorkflowContext context, TemplateBuilder builder)
{
    /// <summary>After each template, in spec order.</summary>
    public Action<TemplateBuildResult>? TemplateBuilt { get; init; }

    /// <summary>Once every template is there, before the services are planned.</summary>
    public Action? ServicesStarting { get; init; }

    /// <param name="command">Names the deploy run in the journal.</param>
    public async Task<ProvisionResult> RunAsync(FleetSpec fleet, string command, CancellationToken cancellationToken = default)
    {
        var built = new List<TemplateBuildResult>();
        foreach (var template in fleet.Templates)
        {
            var result = await builder.BuildAsync(fleet, template, force: false, cancellationToken);
            built.Add(result);
            TemplateBuilt?.Invoke(result);
            if (result.Outcome == TemplateBuildOutcome.Failed)
                return new ProvisionResult(built, null);
        }

        ServicesStarting?.Invoke();
        return new ProvisionResult(built, await new DeployWorkflow(context).RunAsync(fleet, null, command, cancellationToken));
    }
}
