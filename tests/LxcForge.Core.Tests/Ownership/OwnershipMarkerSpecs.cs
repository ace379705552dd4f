using LxcForge.Core.Hosting;
using LxcForge.Core.Ownership;

namespace LxcForge.Core.Tests.Ownership;

public sealed class OwnershipMarkerSpecs
{
    private static ContainerInfo Info(int vmid, string? tags, string? description, bool isTemplate = false)
    {
        var values = new Dictionary<string, string>();
        if (tags is not null)
            values["tags"] = tags;
        if (description is not null)
            values["description"] = description;
        return new ContainerInfo(
            new ContainerSummary(vmid, "pve", "ct", ContainerStatus.Stopped, isTemplate, null, ContainerConfig.ParseTags(tags)),
            new ContainerConfig(values)
        );
    }

    [Theory]
    [InlineData("lxcforge;db", "managed-by: lxcforge ct=206 id=ab12", true)]
    [InlineData("db;lxcforge", "Postgres\nmanaged-by: lxcforge ct=206 id=ab12\nservice: postgresql", true)]
    [InlineData("lxcforge", null, false)]
    [InlineData(null, "managed-by: lxcforge ct=206 id=ab12", false)]
    [InlineData("lxcforge", "not managed-by: lxcforge ct=206 id=ab12 at all", false)]
    [InlineData("lxcforge-old", "managed-by: lxcforge ct=206 id=ab12", false)]
    public void A_container_is_owned_only_with_both_the_tag_and_the_description_line(string? tags, string? description, bool owned)
    {
        // Act
        var result = OwnershipMarker.IsOwned(Info(206, tags, description));

        // Assert
        result.Should().Be(owned);
    }

    [Fact]
    public void A_copy_of_an_owned_container_names_another_CTID_and_is_foreign()
    {
        // Arrange: pct clone 206 207 copies tags and description
        var copy = Info(207, "lxcforge", OwnershipMarker.ServiceLine(206, "ab12") + "\nservice: redis\n");

        // Act
        var why = OwnershipMarker.Why(copy);

        // Assert
        why.Should().Contain("names CT 206");
    }

    [Fact]
    public void A_clone_of_a_template_carries_only_the_template_marker_and_is_foreign()
    {
        // Arrange: pct clone 906 206 of a template LxcForge built
        var template = Info(906, "lxcforge", OwnershipMarker.TemplateLine(906) + "\ntemplate: redis\n", isTemplate: true);
        var copy = Info(206, "lxcforge", template.Config.Description);

        // Act
        var templateOwned = OwnershipMarker.IsOwnedTemplate(template);
        var copyOwned = OwnershipMarker.IsOwned(copy);

        // Assert
        templateOwned.Should().BeTrue();
        copyOwned.Should().BeFalse();
        OwnershipMarker.Why(copy).Should().Contain("template marker of CT 906");
    }

    [Theory]
    [InlineData("managed-by: lxcforge\nservice: redis\ntemplate: redis\n", "redis", true)]
    [InlineData("managed-by: lxcforge\nservice: redis\ntemplate: redis\n", "grafana", false)]
    [InlineData("managed-by: lxcforge\ntemplate: redis\n", "redis", false)]
    public void The_old_marker_is_accepted_only_with_the_service_the_spec_names_at_that_CTID(string description, string service, bool owned)
    {
        // Act
        var result = OwnershipMarker.IsOwned(Info(206, "lxcforge", description), service);

        // Assert
        result.Should().Be(owned);
    }

    [Fact]
    public void Rewriting_the_marker_replaces_every_old_marker_line_and_keeps_the_others()
    {
        // Arrange
        var description = "PostgreSQL primary\nmanaged-by: lxcforge\nservice: postgresql\n";

        // Act
        var rewritten = OwnershipMarker.WithLine(description, OwnershipMarker.ServiceLine(201, "cafe"));

        // Assert
        rewritten.Should().Be("managed-by: lxcforge ct=201 id=cafe\nPostgreSQL primary\nservice: postgresql\n");
        Marker.Read(rewritten).Should().Be(new Marker(MarkerKind.Service, 201, "cafe"));
    }
}
