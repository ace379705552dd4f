using System.Globalization;
using LxcForge.Cli.Infrastructure;
using LxcForge.Simulator.Engine;

namespace LxcForge.Cli.Hosting;

/// <summary>The kept simulated clusters: where <c>sim://NAME</c>, <c>sim serve --state NAME</c> and <c>sim shell --state NAME</c> find them, and how fast they run.</summary>
internal static class SimulatorStates
{
    /// <summary>Simulated seconds per real second unless LXCFORGE_SIM_SPEED says otherwise: a 4 GiB clone from the HDD takes under a second.</summary>
    public const double DefaultSpeed = 60;

    /// <summary><c>DATA/sim/NAME.json</c>, its sandboxes and archives in <c>DATA/sim/NAME.d</c>.</summary>
    public static string PathFor(Func<string, string?> env, string name) => Path.Combine(DataDirectory.Resolve(env), "sim", name + ".json");

    /// <summary>The state file for <c>--state NAME</c>, after checking the name as <c>sim://NAME</c> checks it.</summary>
    public static string PathForOption(Func<string, string?> env, string name) =>
        HostAddress.IsSimulatorName(name)
            ? PathFor(env, name)
            : throw new CliException($"--state {name}: a simulator name may hold letters, digits, '-', '_' and '.' only");

    public static SimulatorOptions Options(Func<string, string?> env) =>
        new()
        {
            TimeFactor =
                env("LXCFORGE_SIM_SPEED") is { Length: > 0 } s && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && f > 0
                    ? f
                    : DefaultSpeed,
        };
}
