namespace LxcForge.Cli.Infrastructure;

/// <summary><c>--output text|json</c>.</summary>
public enum OutputMode
{
    /// <summary>Tables and sentences for a person.</summary>
    Text,

    /// <summary>One JSON document on stdout, with stable property names, for scripts.</summary>
    Json,
}
