using System.Diagnostics;
using LxcForge.Core.Catalog;
using LxcForge.Core.Catalog.Services;
using LxcForge.Core.Planning;
using LxcForge.Core.Spec;

namespace LxcForge.Core.Tests.Catalog;

/// <summary>Spec values reach service scripts as single shell words: sh reads them back unchanged and runs nothing.</summary>
public sealed class ShellQuotingSpecs
{
    public static TheoryData<string> Hostile => new() { "$(touch /tmp/x)", "`id`", "a; id", "a\nid", "it's", "\"quoted\"", "-rf", "${IFS}", "\\", "'", "" };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task A_quoted_value_is_one_word_that_sh_reads_back_unchanged(string value)
    {
        // Act
        var psi = new ProcessStartInfo("sh") { RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add($"set -- {ShellSnippets.Quote(value)}; printf '%s|%s' \"$#\" \"$1\"");
        using var sh = Process.Start(psi)!;
        var output = await sh.StandardOutput.ReadToEndAsync();
        await sh.WaitForExitAsync();

        // Assert
        output.Should().Be("1|" + value);
    }

    [Theory]
    [InlineData("gitea")]
    [InlineData("prometheus")]
    public void A_config_setting_with_shell_syntax_is_refused_before_any_script_is_written(string service)
    {
        // Arrange: what validate refuses, handed to the recipe directly (a spec built in code, not read from a file).
        var fleet = FleetInstances.Expand(FleetDefaults.Seed);
        var desired = fleet.Single(d => d.Name == service);
        var hostile = desired with
        {
            Service = desired.Service with { Settings = new Dictionary<string, string> { ["config"] = "/etc/app.ini; echo INJECTED > /root/PWN" } },
        };

        // Act
        var act = () => ServiceRegistry.For(hostile)!.Configure(new ServiceContext(hostile, FleetDefaults.Seed, fleet));

        // Assert
        act.Should().Throw<ArgumentException>().WithMessage("settings.config: *");
    }

    [Fact]
    public void A_config_path_reaches_the_script_quoted()
    {
        // Arrange
        var fleet = FleetInstances.Expand(FleetDefaults.Seed);
        var desired = fleet.Single(d => d.Name == "gitea");
        var custom = desired with { Service = desired.Service with { Settings = new Dictionary<string, string> { ["config"] = "/srv/gitea/custom.ini" } } };

        // Act
        var script = new Gitea().Configure(new ServiceContext(custom, FleetDefaults.Seed, fleet)).Single().Script;

        // Assert
        script.Should().Contain("ini='/srv/gitea/custom.ini'\n");
    }
}
