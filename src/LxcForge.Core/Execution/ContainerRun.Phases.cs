using System.Globalization;
using LxcForge.Core.Catalog.Services;
using LxcForge.Core.Hosting;
using LxcForge.Core.Ownership;
using LxcForge.Core.Planning;

namespace LxcForge.Core.Execution;

internal sealed partial class ContainerRun
{
    private IReadOnlyDictionary<string, string>? _secrets;

    /// <summary>Waits for the clone an interrupted run started, then plans this container again from what exists.</summary>
    private async Task<string> ResumeAsync(CancellationToken ct)
    {
        await deployer.Polling.UntilAsync(
            async c =>
            {
                var info = await Host.GetContainerAsync(Ctid, c);
                return (info is null || info.Config.Lock != "create", $"CT {Ctid} still locked (create)");
            },
            deployer.Options.Timeouts.Resume,
            $"the clone to CT {Ctid} that an interrupted run started did not finish; "
                + $"if no task is running for it any more, remove it on the host (pct unlock {Ctid}; pct destroy {Ctid}) and deploy again",
            ct,
            m => Retrying(DeployPhase.Resume, m)
        );
        var observed = ObservedState.ReadAsync(Host, [plan.Desired], ct);
        _item = Planner.Plan(context.Fleet, deployer.WithJournal(await observed), [plan.Name]).Items.Single(i => i.Name == plan.Name);
        if (_item.Action is PlanAction.Error or PlanAction.Resume)
            throw new InvalidOperationException(_item.Error ?? $"CT {Ctid} is still locked");
        return $"the interrupted clone ended; now: {_item.Action.ToString().ToLowerInvariant()}";
    }

    private async Task<string> CloneAsync(CancellationToken ct)
    {
        var source = _item.CloneFrom!;
        var request = new CloneRequest(source.TemplateCtid, Ctid)
        {
            Hostname = plan.Desired.Hostname,
            Storage = source.Storage,
            Full = true,
            // The marker travels in the clone request itself: no moment exists where the clone carries the template's.
            Description = OwnedDescription.For(plan.Desired, OwnerId),
        };
        EnsureSecrets();
        deployer.State.Record(deployer.Run, deployer.HostKey, plan.Name, Ctid, "clone", "started", $"{source.TemplateCtid} -> {Ctid} on {source.Storage}");
        try
        {
            await deployer.Polling.RetryAsync(
                async c =>
                {
                    await places.BeforeCloneAsync(source, c);
                    try
                    {
                        return await Host.CloneAsync(request, c);
                    }
                    catch (HostException e) when (e.Kind == HostErrorKind.AlreadyExists)
                    {
                        // An earlier attempt may have got through before its answer was lost: ours if it carries our marker.
                        if (await IsOurCloneAsync(c))
                            return TaskOutcome.None;
                        throw;
                    }
                    catch (HostException e) when (e.IsTransient)
                    {
                        // Locked by something else (a backup…): let other clones and containers go on while this one waits.
                        places.Pause();
                        throw;
                    }
                },
                deployer.Options.Timeouts.CloneTask,
                m => Retrying(DeployPhase.Clone, m),
                ct
            );
        }
        catch (HostException e) when (KnownCauses.IsNoSpace(e))
        {
            throw KnownCauses.Explain(e, source.Storage);
        }
        finally
        {
            places.CloneDone();
        }

        return $"full clone of {source.TemplateName} (CT {source.TemplateCtid}) to {source.Storage}";
    }

    private async Task<bool> IsOurCloneAsync(CancellationToken ct) =>
        await Host.GetContainerAsync(Ctid, ct) is { } info
        && Marker.Read(info.Config.Description) is { Kind: MarkerKind.Service } m
        && m.Ctid == Ctid
        && m.Id == OwnerId;

    private string OwnerId => _item.OwnerId ?? plan.OwnerId ?? throw new InvalidOperationException($"CT {Ctid}: no owner id planned");

    private async Task<string> ConfigAsync(CancellationToken ct)
    {
        var changes = _item.Changes;
        var grow = _item.Grow;
        if (_item.Action == PlanAction.Create)
        {
            // Compare with the clone itself: Proxmox gave it a new MAC, which net0 keeps.
            var info = await Host.GetContainerAsync(Ctid, ct) ?? throw new InvalidOperationException($"CT {Ctid} is gone after its clone");
            changes = ConfigDiff.Compute(plan.Desired, info.Config);
            var size = info.Config.RootFs?.SizeBytes ?? 0;
            grow = plan.Desired.DiskBytes > size ? new DiskGrowth(size, plan.Desired.DiskBytes) : null;
        }

        if (changes.Count > 0)
        {
            var change = ConfigDiff.ToConfigChange(changes);
            await deployer.Polling.RetryAsync(
                async c =>
                {
                    await Host.UpdateConfigAsync(Ctid, change, c);
                    return true;
                },
                deployer.Options.Timeouts.Config,
                m => Retrying(DeployPhase.Config, m),
                ct
            );
        }

        if (grow is not null)
        {
            var size = DiskSize.Format(grow.ToBytes);
            await deployer.Polling.RetryAsync(
                c => Host.ResizeAsync(Ctid, "rootfs", size, c),
                deployer.Options.Timeouts.Config,
                m => Retrying(DeployPhase.Config, m),
                ct
            );
        }

        return string.Join(", ", changes.Select(c => c.Key).Concat(grow is null ? [] : [$"rootfs {DiskSize.Format(grow.ToBytes)}"]));
    }

    private async Task<string> StartAsync(CancellationToken ct)
    {
        var timeout = deployer.Options.Timeouts.Start;
        if (_item.Restart)
        {
            await deployer.Polling.RetryAsync(
                c => Host.ShutdownAsync(Ctid, TimeSpan.FromSeconds(60), forceStop: true, c),
                timeout,
                m => Retrying(DeployPhase.Start, m),
                ct
            );
        }
        else if ((await Host.GetContainerAsync(Ctid, ct))?.IsRunning == true)
        {
            // Read first: started meanwhile (by another run, a person, onboot) is what this step wants, not a failure.
            return "already running";
        }

        await deployer.Polling.RetryAsync(c => Host.StartAsync(Ctid, c), timeout, m => Retrying(DeployPhase.Start, m), ct);
        return _item.Restart ? "restarted for changes that apply at start" : "started";
    }

    private async Task<string> ReadyAsync(CancellationToken ct)
    {
        var deadline = deployer.Options.Timeouts.Ready;
        await deployer.Polling.UntilAsync(
            async c => (await Host.GetContainerAsync(Ctid, c))?.IsRunning == true ? (true, "") : (false, "not running"),
            deadline,
            $"CT {Ctid} running",
            ct,
            m => Retrying(DeployPhase.Ready, m)
        );
        var cidr = plan.Desired.Cidr;
        await deployer.Polling.UntilAsync(
            async c =>
            {
                var r = await TryExecAsync(ExecRequest.Shell("ip -4 addr show dev eth0"), c);
                return (
                    r.Succeeded && r.StandardOutput.Contains($"inet {cidr} ", StringComparison.Ordinal),
                    $"eth0: {Polling.Trim(r.StandardOutput + r.StandardError)}"
                );
            },
            deadline,
            $"address {cidr} configured on eth0 inside CT {Ctid}",
            ct,
            m => Retrying(DeployPhase.Ready, m)
        );
        var probe = _recipe.ReadyProbe(context);
        await deployer.Polling.UntilAsync(
            async c =>
            {
                var r = await TryExecAsync(probe.ToRequest(Secrets()), c);
                return (r.Succeeded, Redact(r.StandardError + r.StandardOutput));
            },
            deadline,
            probe.Description,
            ct,
            m => Retrying(DeployPhase.Ready, m)
        );
        return $"running, {cidr} on eth0, {probe.Description}";
    }

    private async Task<string> ConfigureAsync(CancellationToken ct)
    {
        var steps = _recipe.AllConfigureSteps(context);
        foreach (var step in steps)
        {
            var r = await deployer.Polling.RetryAsync(
                c => Host.ExecAsync(Ctid, step.ToRequest(Secrets()), c),
                deployer.Options.Timeouts.Configure,
                m => Retrying(DeployPhase.Configure, m),
                ct
            );
            if (!r.Succeeded)
                throw new InvalidOperationException(
                    $"{step.Description}: exit code {r.ExitCode.ToString(CultureInfo.InvariantCulture)}: {Polling.Trim(Redact(r.StandardError + "\n" + r.StandardOutput))}"
                );
            deployer.Report(plan, DeployPhase.Configure, DeployEventKind.Progress, step.Description);
        }

        return string.Join("; ", steps.Select(s => s.Description));
    }

    private async Task<string> CheckAsync(CancellationToken ct)
    {
        var check = _recipe.HealthCheck(context);
        await deployer.Polling.UntilAsync(
            async c =>
            {
                var r = await TryExecAsync(check.ToRequest(Secrets()), c);
                return (r.Succeeded, Redact(r.StandardError + r.StandardOutput));
            },
            deployer.Options.Timeouts.Check,
            $"health check '{check.Description}'",
            ct,
            m => Retrying(DeployPhase.Check, m)
        );
        return check.Description;
    }

    /// <summary>Exec for probes: a host refusal (not running yet…) is a failed probe, not a failed deploy.</summary>
    private async Task<ExecResult> TryExecAsync(ExecRequest request, CancellationToken ct)
    {
        try
        {
            return await Host.ExecAsync(Ctid, request, ct);
        }
        catch (HostException e)
        {
            return new ExecResult(-1, "", e.Message);
        }
    }

    private void EnsureSecrets() => _ = Secrets();

    /// <summary>The container's secrets, generated and stored before first use (a re-run reuses them).</summary>
    private IReadOnlyDictionary<string, string> Secrets() =>
        _secrets ??= _recipe.AllSecretNames.ToDictionary(n => n, n => deployer.State.GetOrCreateSecret(deployer.HostKey, plan.Name, n));

    /// <summary>Removes any secret value from text bound for a message, the journal or a screen.</summary>
    private string Redact(string text)
    {
        foreach (var value in Secrets().Values)
            text = text.Replace(value, "***", StringComparison.Ordinal);
        return text;
    }
}
