namespace LxcForge.Simulator.Engine.Api;

/// <summary>Proxmox's ways of failing a call: a plain die (500), a parameter error (400), a permission error (403).</summary>
internal static class Pve
{
    public static PveApiException Die(string message) => new(500, message);

    public static PveApiException Param(string parameter, string message) => PveApiException.ParameterError(parameter, message);

    public static PveApiException Forbidden(string reason) => new(403, $"Permission check failed ({reason})");

    public static PveApiException NoConfig(string node, int vmid) => Die($"Configuration file 'nodes/{node}/lxc/{vmid}.conf' does not exist");

    public static PveApiException Locked(string lockName) => Die($"CT is locked ({lockName})");
}
