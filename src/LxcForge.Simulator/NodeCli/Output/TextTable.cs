using System.Text;

namespace LxcForge.Simulator.NodeCli.Output;

/// <summary>
/// The bordered tables <c>pvesh</c> prints in its text format (box-drawing borders, a double line under the
/// header, a rule between rows); <c>--noborder</c> and <c>--noheader</c> drop those parts.
/// </summary>
internal static class TextTable
{
    public static string Render(
        IReadOnlyList<string> columns,
        IReadOnlyList<IReadOnlyList<string>> rows,
        IReadOnlySet<int> rightAligned,
        bool border,
        bool header
    )
    {
        var widths = columns.Select((title, i) => rows.Select(r => r[i].Length).Append(header ? title.Length : 0).Max()).ToArray();
        string Cells(IReadOnlyList<string> cells) =>
            string.Join(border ? " │ " : " ", cells.Select((cell, i) => rightAligned.Contains(i) ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i])));
        string Rule(char left, char line, char cross, char right) => left + string.Join(cross, widths.Select(w => new string(line, w + 2))) + right;

        var builder = new StringBuilder();
        void Line(string text) => builder.Append(border ? text : text.TrimEnd()).Append('\n');
        if (border)
            Line(Rule('┌', '─', '┬', '┐'));
        if (header)
        {
            Line(border ? $"│ {Cells(columns)} │" : Cells(columns));
            if (border)
                Line(Rule('╞', '═', '╪', '╡'));
        }

        for (var i = 0; i < rows.Count; i++)
        {
            if (border && i > 0)
                Line(Rule('├', '─', '┼', '┤'));
            Line(border ? $"│ {Cells(rows[i])} │" : Cells(rows[i]));
        }

        if (border)
            Line(Rule('└', '─', '┴', '┘'));
        return builder.ToString();
    }
}
