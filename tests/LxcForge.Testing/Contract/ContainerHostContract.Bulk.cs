using LxcForge.Core.Hosting;

namespace LxcForge.Testing.Contract;

public abstract partial class ContainerHostContract
{
    [SkippableFact]
    public async Task Reading_several_containers_at_once_says_what_reading_them_one_by_one_says()
    {
        SkipIfExcluded(ContractScenario.BulkRead);

        // Arrange
        var first = await CreateContainerAsync(0);
        var second = await CreateContainerAsync(1, hostname: "contract-bulk");
        var missing = Vmid(9);

        // Act
        var found = await Host.GetContainersAsync([first, second, missing]);

        // Assert
        found.Keys.Should().BeEquivalentTo([first, second], $"CT {missing} does not exist");
        found[first].Should().BeEquivalentTo(await GetAsync(first));
        found[second].Should().BeEquivalentTo(await GetAsync(second));
        found[second].Config.Hostname.Should().Be("contract-bulk");
    }
}
