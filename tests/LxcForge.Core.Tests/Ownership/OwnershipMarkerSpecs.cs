using LxcForge.Core.Hosting;
using LxcForge.Core.Ownership;

namespace LxcForge.Core.Tests.Ownership;

public sealed class OwnershipMarkerSpecs
{
    private static ContainerConfig Config(string? tags, string? description)
    {
        var values = new Dictionary<string, string>();
        if (tags is not null)
            values["tags"] = tags;
        if (description is not null)
            values["description"] = description;
        return new ContainerConfig(values);
    }

    [Theory]
    [InlineData("lxcforge;db", "managed-by: lxcforge", true)]
    [InlineData("db;lxcforge", "Postgres\nmanaged-by: lxcforge\nservice: postgresql", true)]
    [InlineData("lxcforge", null, false)]
    [InlineData(null, "managed-by: lxcforge", false)]
    [InlineData("lxcforge", "not managed-by: lxcforge at all", false)]
    [InlineData("lxcforge-old", "managed-by: lxcforge", false)]
    public void A_container_is_owned_only_with_both_the_tag_and_the_description_line(string? tags, string? description, bool owned)
    {
        // Arrange
        var config = Config(tags, description);

        // Act
        var result = OwnershipMarker.IsOwned(config);

        // Assert
        result.Should().Be(owned);
    }

    [Fact]
    public void Marking_keeps_existing_tags_and_description_lines()
    {
        // Arrange
        var config = Config("db;prod", "PostgreSQL primary");

        // Act
        var change = OwnershipMarker.Mark(config);

        // Assert
        change.Set["tags"].Should().Be("db;prod;lxcforge");
        change.Set["description"].Should().Be("PostgreSQL primary\nmanaged-by: lxcforge");
        OwnershipMarker.IsOwned(Config(change.Set["tags"], change.Set["description"])).Should().BeTrue();
    }

    [Fact]
    public void Marking_an_owned_container_changes_nothing()
    {
        // Arrange
        var config = Config("lxcforge", "managed-by: lxcforge");

        // Act
        var change = OwnershipMarker.Mark(config);

        // Assert
        change.IsEmpty.Should().BeTrue();
    }
}
