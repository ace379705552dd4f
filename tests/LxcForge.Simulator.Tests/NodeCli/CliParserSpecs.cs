using LxcForge.Simulator.NodeCli;
using LxcForge.Simulator.NodeCli.Syntax;

namespace LxcForge.Simulator.Tests.NodeCli;

public class CliParserSpecs
{
    private static readonly CliCommand Clone = CliCommand.Of("pct", "clone", "vmid:vmid newid:vmid", "full:b storage hostname description", (_, _) =>
        Task.FromResult(0)
    );
    private static readonly CliCommand Set = CliCommand.Of("pct", "set", "vmid:vmid", "delete:l net[n] memory onboot:b forceStop:b", (_, _) =>
        Task.FromResult(0)
    );
    private static readonly CliCommand Exec = CliCommand.Of("pct", "exec", "vmid:vmid extra-args:rest", "keep-env:b", (_, _) => Task.FromResult(0));

    [Fact]
    public void Single_and_double_dashes_both_name_an_option_and_a_bare_boolean_means_1()
    {
        // Act
        var arguments = CliParser.Parse(Clone, ["900", "200", "--full", "-storage", "local-lvm", "--hostname=web"]);

        // Assert
        arguments.VmId.Should().Be(900);
        arguments["newid"].Should().Be("200");
        arguments
            .Options.Should()
            .BeEquivalentTo(
                new Dictionary<string, string>
                {
                    ["full"] = "1",
                    ["storage"] = "local-lvm",
                    ["hostname"] = "web",
                }
            );
    }

    [Theory]
    [InlineData("yes", "1")]
    [InlineData("ON", "1")]
    [InlineData("true", "1")]
    [InlineData("0", "0")]
    [InlineData("off", "0")]
    [InlineData("False", "0")]
    public void Boolean_words_are_read_as_1_or_0(string given, string expected)
    {
        // Act
        var arguments = CliParser.Parse(Set, ["200", "--onboot", given]);

        // Assert
        arguments.Option("onboot").Should().Be(expected);
    }

    [Fact]
    public void A_boolean_with_another_word_is_a_parameter_error()
    {
        // Act
        var act = () => CliParser.Parse(Set, ["200", "--onboot", "maybe"]);

        // Assert
        act.Should()
            .Throw<CliParameterException>()
            .Which.Errors.Should()
            .ContainKey("onboot")
            .WhoseValue.Should()
            .Be("type check ('boolean') failed - got 'maybe'");
    }

    [Fact]
    public void Options_may_come_before_the_positionals_and_names_ignore_case()
    {
        // Act
        var arguments = CliParser.Parse(Set, ["--memory", "1024", "200", "--forcestop"]);

        // Assert
        arguments.VmId.Should().Be(200);
        arguments.Options.Should().Contain("memory", "1024").And.Contain("forceStop", "1");
    }

    [Fact]
    public void An_unknown_option_is_refused_with_getopts_warning()
    {
        // Act
        var act = () => CliParser.Parse(Clone, ["900", "200", "--bogus", "x"]);

        // Assert
        var error = act.Should().Throw<CliUsageException>().Which;
        error.Message.Should().Be("unable to parse option");
        error.Warnings.Should().Equal("Unknown option: bogus");
    }

    [Fact]
    public void A_unique_abbreviation_names_the_option()
    {
        // Act
        var arguments = CliParser.Parse(Clone, ["900", "200", "--host", "web", "--stor", "local"]);

        // Assert
        arguments.Option("hostname").Should().Be("web");
        arguments.Option("storage").Should().Be("local");
    }

    [Fact]
    public void Indexed_options_and_repeated_list_options_are_read()
    {
        // Act
        var arguments = CliParser.Parse(Set, ["200", "--net0", "name=eth0,bridge=vmbr2", "--delete", "mp0", "--delete", "swap"]);

        // Assert
        arguments.Option("net0").Should().Be("name=eth0,bridge=vmbr2");
        arguments.Option("delete").Should().Be("mp0,swap");
    }

    [Fact]
    public void After_a_double_dash_every_word_belongs_to_the_command()
    {
        // Act
        var arguments = CliParser.Parse(Exec, ["200", "--keep-env", "0", "--", "ls", "-la", "--color"]);

        // Assert
        arguments.Rest.Should().Equal("ls", "-la", "--color");
        arguments.Flag("keep-env", defaultValue: true).Should().BeFalse();
    }

    [Theory]
    [InlineData(new[] { "900" }, "not enough arguments")]
    [InlineData(new[] { "900", "200", "300" }, "too many arguments")]
    public void Missing_or_extra_positionals_are_usage_errors(string[] words, string message)
    {
        // Act
        var act = () => CliParser.Parse(Clone, words);

        // Assert
        act.Should().Throw<CliUsageException>().WithMessage(message);
    }

    [Theory]
    [InlineData("abc", "type check ('integer') failed - got 'abc'")]
    [InlineData("99", "value must have a minimum value of 100")]
    [InlineData("1000000000", "value must have a maximum value of 999999999")]
    public void A_vmid_is_checked_as_the_schema_checks_it(string vmid, string message)
    {
        // Act
        var act = () => CliParser.Parse(Clone, [vmid, "200"]);

        // Assert
        act.Should().Throw<CliParameterException>().Which.Errors["vmid"].Should().Be(message);
    }

    [Fact]
    public void The_synopsis_lists_positionals_and_options()
    {
        // Assert
        Clone.Synopsis.Should().Be("pct clone <vmid> <newid> [OPTIONS]");
        Exec.Synopsis.Should().Be("pct exec <vmid> [<extra-args>] [OPTIONS]");
        CliCommand.Of("pct", "list", "", "", (_, _) => Task.FromResult(0)).Synopsis.Should().Be("pct list");
    }
}
