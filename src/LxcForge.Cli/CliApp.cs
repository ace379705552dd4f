using System.Reflection;
using Spectre.Console.Cli;

namespace LxcForge.Cli;

/// <summary>Builds the <c>lxcforge</c> command tree. Each verb lives in <c>Commands/</c>.</summary>
public static class CliApp
{
    public static string Version { get; } =
        typeof(CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static Task<int> RunAsync(string[] args)
    {
        var app = new CommandApp();
        app.Configure(Configure);
        return app.RunAsync(args);
    }

    public static void Configure(IConfigurator config)
    {
        config.SetApplicationName("lxcforge");
        config.SetApplicationVersion(Version);
        config.UseStrictParsing();
    }
}
