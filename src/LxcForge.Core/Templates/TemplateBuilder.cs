using LxcForge.Core.Catalog;
using LxcForge.Core.Execution;
using LxcForge.Core.Hosting;
using LxcForge.Core.Ownership;
using LxcForge.Core.Spec;

namespace LxcForge.Core.Templates;

/// <summary>
/// Phase 1 of the fleet design (the original <c>create_template_from_community()</c>, docs/fleet-design.md#phase-1-templates): build one template, verify it, stop it,
/// convert it, record what built it. A failure removes only the containers this run created.
/// </summary>
public sealed partial class TemplateBuilder(IContainerHost host, INodeShell? shell, IScriptSupply? scripts, TimeProvider time)
{
    /// <summary>How long one community script may run before it is treated as hung.</summary>
    public TimeSpan ScriptTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Receives progress lines (one per step, and the script's output).</summary>
    public Action<string>? Log { get; init; }

    public async Task<TemplateBuildResult> BuildAsync(FleetSpec fleet, TemplateSpec template, bool force, CancellationToken cancellationToken = default)
    {
        var started = time.GetTimestamp();
        var step = "check";
        var created = new List<int>();
        ScriptRun? run = null;
        try
        {
            // A template that exists needs no scripts: nothing is fetched for it, so recovery works offline.
            var existing = await host.GetContainerAsync(template.Ctid, cancellationToken);
            if (existing is not null)
            {
                if (!OwnershipMarker.IsOwnedTemplate(existing))
                    return Fail(step, $"CTID {template.Ctid} holds '{existing.Summary.Name}', a container LxcForge does not own; it was left untouched");
                if (!force && existing.IsTemplate && TemplateBuildRecord.Parse(existing.Config.Description)?.Template == template.Name)
                    return Result(TemplateBuildOutcome.Skipped, "check", "already built (use --force to rebuild)");
            }

            // Scripts are fetched and verified before anything changes: a tampered file must not cost the old template.
            if (template.Source.Kind == TemplateSourceKind.CommunityScript)
            {
                step = "scripts";
                run = await PrepareScriptsAsync(template, cancellationToken);
                step = "check";
            }

            if (existing is not null)
            {
                Say(template, $"removing the old CT {template.Ctid} to rebuild it");
                await RemoveAsync(template.Ctid, cancellationToken);
            }

            var node = template.Node ?? fleet.Nodes.FirstOrDefault() ?? (await host.GetInfoAsync(cancellationToken)).Nodes[0].Name;
            var before = (await host.ListContainersAsync(cancellationToken)).Select(c => c.Vmid).ToHashSet();

            step = "build";
            var record =
                template.Source.Kind == TemplateSourceKind.CommunityScript
                    ? await RunCommunityScriptAsync(fleet, template, node, before, created, run!, cancellationToken)
                    : await BuildFromOsTemplateAsync(fleet, template, node, created, cancellationToken);

            step = "stop";
            var built = await host.GetContainerAsync(template.Ctid, cancellationToken)
                ?? throw new TemplateBuildException("verify", $"CT {template.Ctid} vanished after the build");
            if (built.IsRunning)
                await host.ShutdownAsync(template.Ctid, TimeSpan.FromSeconds(60), forceStop: true, cancellationToken);

            step = "record";
            var description = OwnershipMarker.TemplateLine(template.Ctid) + "\n" + record.ToDescriptionLines();
            await host.UpdateConfigAsync(
                template.Ctid,
                new ConfigChange
                {
                    Set = new Dictionary<string, string> { ["description"] = description, ["tags"] = OwnershipMarker.MarkTags(built.Config["tags"]) },
                },
                cancellationToken
            );

            step = "convert";
            await host.ConvertToTemplateAsync(template.Ctid, cancellationToken);
            var final = await host.GetContainerAsync(template.Ctid, cancellationToken);
            if (final is not { IsTemplate: true })
                throw new TemplateBuildException("convert", $"CT {template.Ctid} is not a template after conversion (template: 1 missing)");

            Say(template, $"template {template.Ctid} ready");
            return Result(TemplateBuildOutcome.Built, "done", record.StandIn ? "built from STAND-IN scripts" : "built") with { StandIn = record.StandIn };
        }
        // An unreachable script host (HttpRequestException) or a missing file (IOException) fails this template, not the run.
        catch (Exception ex)
            when (ex
                    is HostException
                        or TemplateBuildException
                        or ScriptIntegrityException
                        or StepTimeoutException
                        or OperationCanceledException
                        or HttpRequestException
                        or IOException
            )
        {
            var failedStep = ex is TemplateBuildException tbe ? tbe.Step : step;
            await CleanUpAsync(created, template, CancellationToken.None);
            var tail = ex switch
            {
                TemplateBuildException t => t.LogTail,
                HostException h => h.LogTail,
                _ => [],
            };
            return Fail(failedStep, ex is OperationCanceledException && !cancellationToken.IsCancellationRequested ? "timed out" : ex.Message) with
            {
                LogTail = tail,
            };
        }
        finally
        {
            if (run is not null)
                await run.DisposeAsync();
        }

        TemplateBuildResult Result(TemplateBuildOutcome outcome, string s, string message) =>
            new(template.Name, template.Ctid, outcome, time.GetElapsedTime(started)) { Step = s, Message = message };

        TemplateBuildResult Fail(string s, string message) => Result(TemplateBuildOutcome.Failed, s, message);
    }

    private async Task<ScriptRun> PrepareScriptsAsync(TemplateSpec template, CancellationToken cancellationToken)
    {
        if (shell is null || scripts is null)
            throw new TemplateBuildException(
                "scripts",
                "community scripts run on the node itself: this host offers no node shell (use --host ssh://root@NODE, --host local, or --ssh with the API)"
            );
        var definition = ServiceRegistry.Find(template.ServiceKey)?.Definition;
        var scriptPath = ScriptPath(template);
        return await scripts.PrepareAsync(CommunityScriptFiles.For(scriptPath, definition), shell.MirrorAddress, cancellationToken);
    }

    private static string ScriptPath(TemplateSpec template) =>
        template.Source.Script
        ?? ServiceRegistry.Find(template.ServiceKey)?.Definition?.Script
        ?? throw new TemplateBuildException("scripts", $"template '{template.Name}': no script given and '{template.ServiceKey}' is not in the catalogue");

    private async Task<TemplateBuildRecord> RunCommunityScriptAsync(
        FleetSpec fleet,
        TemplateSpec template,
        string node,
        HashSet<int> before,
        List<int> created,
        ScriptRun run,
        CancellationToken cancellationToken
    )
    {
        var definition = ServiceRegistry.Find(template.ServiceKey)?.Definition;
        var scriptPath = ScriptPath(template);
        Say(
            template,
            $"running {scriptPath} @ {run.Ref[..Math.Min(12, run.Ref.Length)]}{(run.StandIn ? " (STAND-IN)" : string.Empty)} on {node}; scripts run one at a time"
        );

        // The script's path travels as data (an environment variable), never inside the wrapper's text.
        var env = new Dictionary<string, string>(CommunityScriptEnvironment.For(fleet, template, definition))
        {
            ["LXCFORGE_MIRROR"] = run.MirrorBase,
            ["LXCFORGE_SCRIPT"] = scriptPath,
        };
        var output = new List<string>();
        async Task NoteCreatedAsync()
        {
            var now = await host.ListContainersAsync(CancellationToken.None);
            created.AddRange(now.Where(c => !before.Contains(c.Vmid) && !created.Contains(c.Vmid)).Select(c => c.Vmid));
        }

        ExecResult result;
        try
        {
            result = await RunWithTimeoutAsync(
                node,
                new NodeScript(NodeScriptText)
                {
                    Environment = env,
                    StandardInput = CommunityScriptEnvironment.StandardInput(template, definition),
                    Timeout = ScriptTimeout,
                    OnOutputLine = line =>
                    {
                        lock (output)
                            output.Add(line);
                        Say(template, line);
                    },
                },
                cancellationToken
            );
        }
        catch (TemplateBuildException)
        {
            // A hung script may have created its container already: it is this run's to remove.
            await NoteCreatedAsync();
            throw;
        }

        var lines = output.Count > 0 ? output : (result.StandardOutput + "\n" + result.StandardError).Split('\n').ToList();

        var after = await host.ListContainersAsync(cancellationToken);
        var fresh = after.Where(c => !before.Contains(c.Vmid)).Select(c => c.Vmid).ToList();
        created.AddRange(fresh);
        var tail = lines.Where(l => l.Length > 0).TakeLast(20).ToList();

        if (!fresh.Contains(template.Ctid))
        {
            if (fresh.Count == 0 && result.ExitCode != 0)
                throw new TemplateBuildException("run", $"{scriptPath} exited {result.ExitCode} before creating CT {template.Ctid}") { LogTail = tail };
            var moved = fresh.Count > 0 ? $"; it created CT {string.Join(", ", fresh)} instead (removed)" : string.Empty;
            throw new TemplateBuildException("verify", $"the script did not create CT {template.Ctid}{moved} (exit {result.ExitCode})") { LogTail = tail };
        }

        if (result.ExitCode != 0 || !lines.Any(l => l.Contains("Completed successfully!", StringComparison.Ordinal)))
            throw new TemplateBuildException("run", $"{scriptPath} exited {result.ExitCode} without 'Completed successfully!'") { LogTail = tail };

        var strays = fresh.Where(v => v != template.Ctid).ToList();
        foreach (var stray in strays)
            await RemoveAsync(stray, cancellationToken);

        var ct = await host.GetContainerAsync(template.Ctid, cancellationToken)
            ?? throw new TemplateBuildException("verify", $"CT {template.Ctid} is not there after the script");
        var hostname = env["var_hostname"];
        if (ct.Config.Hostname != hostname)
            throw new TemplateBuildException("verify", $"CT {template.Ctid} has hostname '{ct.Config.Hostname}', expected '{hostname}'") { LogTail = tail };
        if (!ct.Config.Tags.Contains("community-script"))
            throw new TemplateBuildException("verify", $"CT {template.Ctid} lacks the community-script tag: not built by the script") { LogTail = tail };

        return new TemplateBuildRecord(template.Name, $"community-script {scriptPath}", time.GetUtcNow())
        {
            Repository = run.Repository,
            Ref = run.Ref,
            Sha256ByPath = run.Sha256ByPath,
            StandIn = run.StandIn,
        };
    }

    private async Task<ExecResult> RunWithTimeoutAsync(string node, NodeScript script, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(script.Timeout);
        try
        {
            return await shell!.RunScriptAsync(node, script, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TemplateBuildException(
                "run",
                $"the script did not finish within {script.Timeout.TotalMinutes:0.#} min (a question nobody answered, or a hang)"
            );
        }
    }

    /// <summary>
    /// The node-side wrapper: opt out of diagnostics (else a dialog), then run the ct script from the mirror. The
    /// text is constant: the mirror and the script's path come in as <c>LXCFORGE_MIRROR</c> and <c>LXCFORGE_SCRIPT</c>.
    /// </summary>
    private const string NodeScriptText =
        "set -e\n"
        + "mkdir -p \"${NODE_ROOT:-}/usr/local/community-scripts\"\n"
        + "[ -f \"${NODE_ROOT:-}/usr/local/community-scripts/diagnostics\" ] || printf 'DIAGNOSTICS=no\\n' >\"${NODE_ROOT:-}/usr/local/community-scripts/diagnostics\"\n"
        + "bash -c \"$(curl -fsSL \"${LXCFORGE_MIRROR}${LXCFORGE_SCRIPT}\")\"\n";

    private async Task RemoveAsync(int vmid, CancellationToken cancellationToken)
    {
        var ct = await host.GetContainerAsync(vmid, cancellationToken);
        if (ct is null)
            return;
        if (ct.IsRunning)
            await host.StopAsync(vmid, cancellationToken);
        await host.DestroyAsync(vmid, force: false, purge: true, cancellationToken);
    }

    private async Task CleanUpAsync(List<int> created, TemplateSpec template, CancellationToken cancellationToken)
    {
        foreach (var vmid in created.Distinct())
        {
            try
            {
                Say(template, $"removing partial CT {vmid} created by this run");
                await RemoveAsync(vmid, cancellationToken);
            }
            catch (HostException ex)
            {
                Say(template, $"could not remove CT {vmid}: {ex.Message}");
            }
        }
    }

    private void Say(TemplateSpec template, string line) => Log?.Invoke($"[{template.Name}] {line}");
}

/// <summary>A template build step failed; <see cref="Step"/> names it for the report.</summary>
public sealed class TemplateBuildException(string step, string message) : Exception(message)
{
    public string Step { get; } = step;
    public IReadOnlyList<string> LogTail { get; init; } = [];
}
