using System.ComponentModel;
using Spectre.Console.Cli;

namespace LxcForge.Cli.Infrastructure;

/// <summary>The options every command takes. A command's own settings derive from this.</summary>
public class GlobalSettings : CommandSettings
{
    /// <summary>The spec file looked for when <c>-f</c> is not given; without it the built-in defaults apply.</summary>
    public const string DefaultSpecFile = "fleet.yaml";

    [CommandOption("--host <HOST>")]
    [Description("Where the containers live: sim://NAME, https://HOST:8006, ssh://USER@HOST, local or lxc://")]
    public string? Host { get; init; }

    [CommandOption("-f|--file <FILE>")]
    [Description("The fleet spec (default: ./fleet.yaml if it exists, else the built-in defaults)")]
    public string? File { get; init; }

    [CommandOption("--output <MODE>")]
    [Description("text (default) or json")]
    [DefaultValue(OutputMode.Text)]
    public OutputMode Output { get; init; } = OutputMode.Text;

    [CommandOption("--yes")]
    [Description("Do not ask before changing or removing containers")]
    public bool Yes { get; init; }

    [CommandOption("-v|--verbose")]
    [Description("Show every step and, on failure, the full error")]
    public bool Verbose { get; init; }
}
