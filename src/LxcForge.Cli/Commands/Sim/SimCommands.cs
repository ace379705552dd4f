using Spectre.Console.Cli;

namespace LxcForge.Cli.Commands.Sim;

/// <summary>The <c>lxcforge sim ...</c> branch: the Proxmox VE simulator's own verbs.</summary>
public static class SimCommands
{
    public static void Add(IConfigurator config) => config.AddBranch("sim", sim =>
        {
            sim.SetDescription("Run the built-in Proxmox VE simulator");
            sim.AddCommand<SimServeCommand>("serve")
                .WithDescription(
                    "Serve a simulated cluster's REST API on 127.0.0.1 (HTTPS, self-signed) until Ctrl-C; prints the URL, certificate fingerprint and API token id, and the token secret once (or writes it to --token-file, mode 0600)"
                )
                .WithExample("sim", "serve")
                .WithExample("sim", "serve", "--port", "8006", "--nodes", "3", "--token-file", "sim-token")
                .WithExample("sim", "serve", "--state", "lab", "--token-file", "sim-token");
            sim.AddCommand<SimShellCommand>("shell")
                .WithDescription(
                    "A bash on a simulated Proxmox node: pct, pvesm, pveam, pvesh, vzdump, pveversion and lxc-attach on PATH, answered by the simulator, for your own scripts; with -- COMMAND, runs it and exits with its code"
                )
                .WithExample("sim", "shell", "--state", "lab")
                .WithExample("sim", "shell", "--state", "lab", "--", "pct", "list")
                .WithExample("sim", "shell", "--state", "lab", "--", "./create-containers.sh");
            sim.AddBranch<SimFaultSettings>("fault", fault =>
            {
                fault.SetDescription("Faults for a kept cluster (--host sim://NAME meets them on its next run): list, add, clear");
                fault
                    .AddCommand<SimFaultListCommand>("list")
                    .WithDescription("The faults armed for the kept cluster")
                    .WithExample("sim", "fault", "list", "--state", "lab");
                fault
                    .AddCommand<SimFaultAddCommand>("add")
                    .WithDescription("Arm a fault: task, error, delay, drop, node-offline, node-online, slow, fill")
                    .WithExample("sim", "fault", "add", "task", "--state", "lab", "--type", "vzclone", "--count", "2", "--message", "clone failed")
                    .WithExample("sim", "fault", "add", "node-offline", "--state", "lab", "--node", "pve");
                fault
                    .AddCommand<SimFaultClearCommand>("clear")
                    .WithDescription("Clear every armed fault")
                    .WithExample("sim", "fault", "clear", "--state", "lab");
            });
        });
}
