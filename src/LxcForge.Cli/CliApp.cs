using System.Reflection;
using LxcForge.Cli.Commands;
using LxcForge.Cli.Infrastructure;
using Spectre.Console.Cli;

namespace LxcForge.Cli;

/// <summary>Builds the <c>lxcforge</c> command tree. Each verb lives in <c>Commands/</c>.</summary>
public static class CliApp
{
    public static string Version { get; } =
        typeof(CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>Runs the real process: stdout, stderr and the current directory.</summary>
    public static Task<int> RunAsync(string[] args) => RunAsync(args, CliConsole.FromProcess());

    /// <summary>Runs with the given consoles (tests pass Spectre test consoles).</summary>
    public static Task<int> RunAsync(IEnumerable<string> args, CliConsole io, CancellationToken cancellationToken = default) =>
        Create(io, AddCommands).RunAsync(args, cancellationToken);

    /// <summary>The app with the framework set up (consoles, errors, exit codes) and the given verbs.</summary>
    internal static CommandApp Create(CliConsole io, Action<IConfigurator> addCommands)
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            ConfigureFramework(config, io);
            addCommands(config);
        });
        return app;
    }

    /// <summary>The verbs, in the order help lists them. One line per verb; add yours here.</summary>
    public static void AddCommands(IConfigurator config)
    {
        config
            .AddCommand<InitCommand>("init")
            .WithDescription("Write the built-in default fleet to fleet.yaml, commented, to edit")
            .WithExample("init")
            .WithExample("init", "-f", "lab.yaml", "--force");
        config
            .AddCommand<ValidateCommand>("validate")
            .WithDescription("Check the fleet spec and print every problem as FILE:LINE:COLUMN: field: message")
            .WithExample("validate")
            .WithExample("validate", "-f", "lab.yaml", "--output", "json");
        config
            .AddCommand<CheckCommand>("check")
            .WithDescription("Check the host against the spec: reachable, version, nodes, storages, bridges, CTIDs, addresses, privileges")
            .WithExample("check", "--host", "https://pve.lan:8006", "--token-file", "pve.token", "--fingerprint", "AB:CD:...")
            .WithExample("check", "--host", "sim://lab", "--output", "json");
        config.AddBranch("templates", t =>
        {
            t.SetDescription("Phase 1: build, list and pin the templates (CTID 900-999 on the template storage)");
            t.AddCommand<Commands.Templates.TemplatesCreateCommand>("create")
                .WithDescription("Build templates from the pinned community scripts (or an OS template), stop and convert them")
                .WithExample("templates", "create", "--all")
                .WithExample("templates", "create", "postgresql", "--force");
            t.AddCommand<Commands.Templates.TemplatesListCommand>("list").WithDescription("Show each template: state, what built it, whether that is current");
            t.AddCommand<Commands.Templates.TemplatesLockCommand>("lock")
                .WithDescription("Fetch the pinned ref's script files anew and record their SHA-256 in scripts.lock");
        });
        config
            .AddCommand<Commands.Deploy.PlanCommand>("plan")
            .WithDescription("Show what deploy would do, per container: create, change (old → new), start, configure, nothing")
            .WithExample("plan")
            .WithExample("plan", "postgresql", "--output", "json");
        config
            .AddCommand<Commands.Deploy.DeployCommand>("deploy")
            .WithDescription("Clone, configure, start and health-check services, in parallel; ends with a summary (exit 1 if any failed)")
            .WithExample("deploy", "--all")
            .WithExample("deploy", "postgresql", "redis", "--parallel", "4");
        config.AddBranch("secrets", s =>
        {
            s.SetDescription("Generated credentials (kept in the local state file, mode 0600)");
            s.AddCommand<Commands.Secrets.SecretsShowCommand>("show").WithDescription("Print the credentials deploy generated for a service");
        });
        config
            .AddCommand<Commands.Demo.DemoCommand>("demo")
            .WithDescription(
                "Build the templates and deploy the services of the fleet (by default every built-in service) on a fresh simulated Proxmox host, then print the summary"
            );
        config
            .AddCommand<Commands.DayTwo.BackupCommand>("backup")
            .WithDescription("Back up services to the backup storage (vzdump), then apply the spec's retention")
            .WithExample("backup", "--all")
            .WithExample("backup", "postgresql", "--mode", "stop");
        config.AddBranch("backups", b =>
        {
            b.SetDescription("The backup catalogue, read from the backup storage");
            b.AddCommand<Commands.DayTwo.BackupsListCommand>("list").WithDescription("List backups, newest first");
        });
        config
            .AddCommand<Commands.DayTwo.DestroyCommand>("destroy")
            .WithDescription("Remove services' containers (LxcForge's own only, never protected ones; asks unless --yes)")
            .WithExample("destroy", "redis", "--yes");
        config
            .AddCommand<Commands.DayTwo.StatusCommand>("status")
            .WithDescription("One table: service, CTID, node, IP, state, health, drift from the spec, last backup");
        config
            .AddCommand<Commands.DayTwo.ScaleCommand>("scale")
            .WithDescription("Horizontal scaling: set a service's replica count in the spec and apply it")
            .WithExample("scale", "postgresql", "--replicas", "3");
        config
            .AddCommand<Commands.DayTwo.ResizeCommand>("resize")
            .WithDescription("Vertical scaling: memory and cores live, disks grow only; updates the spec and applies it")
            .WithExample("resize", "postgresql", "--memory", "4096", "--cores", "4", "--disk", "+10G");
        config
            .AddCommand<Commands.DayTwo.RestoreCommand>("restore")
            .WithDescription("Restore a backup into the service (or a copy with --as), re-apply the spec, start and check")
            .WithExample("restore", "postgresql")
            .WithExample("restore", "postgresql", "--as", "250", "--ip", "10.0.30.250");
        config
            .AddCommand<Commands.DayTwo.RecoverCommand>("recover")
            .WithDescription("Container failure: restore the newest backup (or clone the template again), re-apply, check");
        config
            .AddCommand<Commands.DayTwo.RebuildCommand>("rebuild")
            .WithDescription("Complete system loss: check, build missing templates, deploy, restore backups, check (resumable)");
        Commands.Sim.SimCommands.Add(config);
    }

    private static void ConfigureFramework(IConfigurator config, CliConsole io)
    {
        config.SetApplicationName("lxcforge");
        config.SetApplicationVersion(Version);
        config.UseStrictParsing();
        config.Settings.Console = io.Out;
        config.Settings.Registrar.RegisterInstance(io);
        config.SetExceptionHandler((exception, _) => ErrorHandler.Handle(exception, io));
    }
}
