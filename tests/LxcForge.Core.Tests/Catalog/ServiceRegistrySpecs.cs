using LxcForge.Core.Catalog;
using LxcForge.Core.Catalog.Services;

namespace LxcForge.Core.Tests.Catalog;

public sealed class ServiceRegistrySpecs
{
    [Fact]
    public void Every_built_in_service_class_is_registered_once_in_template_CTID_order()
    {
        // Arrange: the concrete service classes, found independently of the registry
        var classes = typeof(BuiltInService)
            .Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.IsSubclassOf(typeof(BuiltInService)))
            .ToList();

        // Act
        var registered = ServiceRegistry.All;

        // Assert
        registered.Select(s => s.GetType()).Should().BeEquivalentTo(classes);
        registered.Select(s => s.Definition.TemplateCtid).Should().BeInAscendingOrder();
        registered.Select(s => s.Key).Should().OnlyHaveUniqueItems().And.Equal(ServiceRegistry.Keys);
    }

    [Fact]
    public void No_two_built_in_services_share_a_CTID_an_address_or_a_hostname()
    {
        // Act
        var definitions = ServiceRegistry.All.Select(s => s.Definition).ToList();

        // Assert
        definitions.Select(d => d.TemplateCtid).Concat(definitions.Select(d => d.ServiceCtid)).Should().OnlyHaveUniqueItems();
        definitions.Select(d => d.ServiceIp).Should().OnlyHaveUniqueItems();
        definitions.Select(d => d.ServiceHostname).Should().OnlyHaveUniqueItems();
        definitions.Should().OnlyContain(d => d.TemplateCtid >= 900 && d.TemplateCtid <= 999 && d.ServiceCtid >= 200 && d.ServiceCtid <= 299);
    }

    [Fact]
    public void Find_answers_a_built_in_key_and_null_for_anything_else()
    {
        // Act + Assert
        ServiceRegistry.Find("redis").Should().BeOfType<Redis>().Which.Definition.ServiceCtid.Should().Be(201);
        ServiceRegistry.Find("Redis").Should().BeNull();
        ServiceRegistry.Find("my-own").Should().BeNull();
    }
}
