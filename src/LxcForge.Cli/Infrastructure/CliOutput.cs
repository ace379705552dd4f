using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace LxcForge.Cli.Infrastructure;

/// <summary>
/// How commands write results: a person's text (tables, lines) or, with <c>--output json</c>, one JSON
/// document on stdout. Plain lines bypass Spectre's wrapping so paths and JSON stay on one line.
/// </summary>
public sealed class CliOutput(CliConsole io)
{
    /// <summary>camelCase names, enums as strings, indented: the stable JSON contract of every command.</summary>
    public static JsonSerializerOptions JsonOptions { get; } =
        new(JsonSerializerDefaults.Web) { WriteIndented = true, Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };

    public bool IsJson => io.Mode == OutputMode.Json;

    /// <summary>Writes <paramref name="result"/> as JSON in json mode, else runs <paramref name="text"/>.</summary>
    public void Result<T>(T result, Action<CliOutput> text)
    {
        if (IsJson)
            WriteJson(io.Out, result);
        else
            text(this);
    }

    /// <summary>A line on stdout, exactly as given (no markup, no wrapping).</summary>
    public void Line(string text = "") => io.Out.Profile.Out.Writer.WriteLine(text);

    /// <summary>A line on stderr, exactly as given.</summary>
    public void ErrorLine(string text) => io.Error.Profile.Out.Writer.WriteLine(text);

    /// <summary>Progress or a hint for a person: stderr, and only in text mode.</summary>
    public void Note(string text)
    {
        if (!IsJson)
            ErrorLine(text);
    }

    /// <summary>A detail for <c>-v</c>: stderr, only when verbose and in text mode.</summary>
    public void Detail(string text)
    {
        if (io.Verbose && !IsJson)
            ErrorLine(text);
    }

    /// <summary>Any Spectre renderable (a table, a tree) on stdout.</summary>
    public void Render(IRenderable renderable) => io.Out.Write(renderable);

    /// <summary>A table with a header row; boxed on a terminal, plain aligned columns otherwise.</summary>
    public void Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var table = new Table { Border = io.Out.Profile.Capabilities.Ansi ? TableBorder.Rounded : TableBorder.None };
        foreach (var header in headers)
            table.AddColumn(new TableColumn(Markup.Escape(header)).NoWrap());
        foreach (var row in rows)
            table.AddRow(row.Select(cell => (IRenderable)new Text(cell)).ToArray());
        io.Out.Write(table);
    }

    public static void WriteJson<T>(IAnsiConsole console, T value) => console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(value, JsonOptions));
}
