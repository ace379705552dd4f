using System.Text.Json;
using LxcForge.Cli.Infrastructure;
using Spectre.Console.Testing;

namespace LxcForge.Cli.Tests.Infrastructure;

public class CliOutputSpecs
{
    private static (CliOutput Output, TestConsole Stdout, TestConsole Stderr) Create(OutputMode mode)
    {
        var stdout = new TestConsole();
        var stderr = new TestConsole();
        stdout.Profile.Width = 200;
        return (new CliOutput(new CliConsole(stdout, stderr, ".") { Mode = mode }), stdout, stderr);
    }

    [Fact]
    public void Text_mode_runs_the_text_renderer_and_a_table_has_no_escape_codes_off_a_terminal()
    {
        // Arrange
        var (output, stdout, _) = Create(OutputMode.Text);

        // Act
        output.Result(new { Ignored = true }, o => o.Table(
                ["CTID", "NAME"],
                [
                    ["200", "postgresql"],
                    ["201", "redis"],
                ]
            ));

        // Assert
        stdout.Output.Should().NotContain("\u001b[").And.NotContain("Ignored");
        stdout.Lines.Should().Contain(l => l.Contains("200") && l.Contains("postgresql"));
        stdout.Lines.Should().Contain(l => l.Contains("CTID") && l.Contains("NAME"));
    }

    [Fact]
    public void Json_mode_writes_one_document_with_camel_case_names_and_enums_as_strings()
    {
        // Arrange
        var (output, stdout, stderr) = Create(OutputMode.Json);

        // Act
        output.Result(
            new
            {
                ServiceName = "redis",
                Mode = OutputMode.Json,
                StartupOrder = (int?)null,
            },
            _ => throw new InvalidOperationException("text renderer in json mode")
        );
        output.Note("progress for a person");

        // Assert
        using var doc = JsonDocument.Parse(stdout.Output);
        doc.RootElement.GetProperty("serviceName").GetString().Should().Be("redis");
        doc.RootElement.GetProperty("mode").GetString().Should().Be("json");
        doc.RootElement.GetProperty("startupOrder").ValueKind.Should().Be(JsonValueKind.Null);
        stderr.Output.Should().BeEmpty("notes are for people and stay out of json mode");
    }

    [Fact]
    public void A_long_line_is_never_wrapped()
    {
        var (output, stdout, _) = Create(OutputMode.Text);
        var line = new string('x', 500);

        output.Line(line);

        stdout.Output.TrimEnd().Should().Be(line);
    }

    [Fact]
    public void Progress_is_only_drawn_on_an_interactive_ansi_terminal_in_text_mode()
    {
        var plain = new CliConsole(new TestConsole(), new TestConsole(), ".");
        var terminal = new CliConsole(new TestConsole(), new TestConsole().EmitAnsiSequences().Interactive(), ".");
        var json = new CliConsole(new TestConsole(), new TestConsole().EmitAnsiSequences().Interactive(), ".") { Mode = OutputMode.Json };

        plain.CanShowProgress.Should().BeFalse();
        terminal.CanShowProgress.Should().BeTrue();
        json.CanShowProgress.Should().BeFalse();
    }
}
