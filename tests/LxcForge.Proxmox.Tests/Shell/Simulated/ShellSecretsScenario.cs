using LxcForge.Core.Hosting;

namespace LxcForge.Proxmox.Tests.Shell.Simulated;

/// <summary>
/// Drives the paths a secret takes through the shell backend (the root password at create, a refused create, a
/// secret fed to exec on stdin) and returns the secrets used, for the suites to search their captured text.
/// </summary>
internal static class ShellSecretsScenario
{
    public const string ExecSecret = "exec-stdin-secret-9d2a41";

    public static async Task RunAsync(IContainerHost host, Func<Task<int>> createContainer)
    {
        var vmid = await createContainer();
        var duplicate = async () => await createContainer();
        await duplicate.Should().ThrowAsync<HostException>();
        await host.StartAsync(vmid);
        var exec = await host.ExecAsync(
            vmid,
            new ExecRequest(["sh", "-c", "read secret; test -n \"$secret\" && echo received"]) { StandardInput = ExecSecret + "\n" }
        );
        exec.StandardOutput.Should().Contain("received", "the secret reached the command on stdin");
    }
}
