using System.Text;
using LxcForge.Core.Catalog;
using LxcForge.Core.Templates;
using LxcForge.Simulator.StandInScripts;

namespace LxcForge.Simulator.Tests;

public class StandInScriptSpecs
{
    [Fact]
    public async Task The_stand_in_repository_has_every_file_a_catalogue_service_run_fetches_and_labels_them()
    {
        var origin = new StandInScriptOrigin();

        foreach (var definition in ServiceRegistry.All.Select(s => s.Definition))
        {
            foreach (var path in CommunityScriptFiles.For(definition.Script, definition))
            {
                var bytes = await origin.ReadAsync(path);
                bytes.Should().NotBeNull($"{definition.Key} needs {path}");
                if (!path.StartsWith("ct/headers/", StringComparison.Ordinal))
                    Encoding.UTF8.GetString(bytes!).Should().Contain("STAND-IN", $"{path} must say it is a stand-in");
            }
        }

        origin.IsStandIn.Should().BeTrue();
        origin.Ref.Should().StartWith("standin-");
    }

    [Fact]
    public async Task The_stand_in_ct_scripts_fetch_their_helpers_from_the_hard_coded_main_url_like_the_real_ones()
    {
        var ct = Encoding.UTF8.GetString((await new StandInScriptOrigin().ReadAsync("ct/redis.sh"))!);

        ct.Should().Contain(CommunityScriptFiles.UpstreamPrefix + "misc/build.func").And.Contain("Completed successfully!");
    }
}
