using LxcForge.Core.Execution;

namespace LxcForge.Core.Tests.Execution;

public sealed class DefaultParallelismSpecs
{
    [Theory]
    [InlineData(1, 2, 4, 4)]
    [InlineData(1, 2, 0, 2)]
    [InlineData(3, 2, 12, 12)]
    [InlineData(1, 1, 1, DefaultParallelism.Minimum)]
    public void The_default_parallelism_is_the_online_cores_at_least_one_per_node_and_container_storage(int nodes, int storages, int cores, int expected) =>
        DefaultParallelism.Choose(nodes, storages, cores).Should().Be(expected);
}
