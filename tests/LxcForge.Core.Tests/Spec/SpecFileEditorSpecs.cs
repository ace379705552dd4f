using LxcForge.Core.Spec.Editing;

namespace LxcForge.Core.Tests.Spec;

public class SpecFileEditorSpecs
{
    private const string Yaml = """
        # my lab
        services:
          - name: postgresql   # the primary database
            template: postgresql
            ctid: 200
            hostname: postgresql-db
            ip: 10.0.30.10
            memory: 1024 # MiB
          - name: redis
            template: redis
            ctid: 201
            hostname: redis-cache
            ip: 10.0.30.20
        """;

    [Fact]
    public void I_can_change_a_value_in_place_and_keep_the_comments()
    {
        var (text, result) = SpecFileEditor.SetServiceValue(Yaml, "fleet.yaml", "postgresql", "memory", "4096");

        text.Should().Contain("    memory: 4096 # MiB").And.Contain("# my lab").And.Contain("# the primary database");
        result.Spec.FindService("postgresql")!.Memory.Should().Be(4096);
        result.Spec.FindService("redis")!.Memory.Should().Be(1024);
    }

    [Fact]
    public void I_can_add_a_value_the_file_does_not_set_yet_including_its_parents()
    {
        var (text, result) = SpecFileEditor.SetServiceValue(Yaml, "fleet.yaml", "redis", "replicas.count", "2");

        text.Should().Contain("  - name: redis\n    replicas:\n      count: 2\n    template: redis");
        result.Spec.FindService("redis")!.Replicas!.Count.Should().Be(2);
    }

    [Fact]
    public void An_edit_that_makes_the_spec_invalid_is_refused()
    {
        var act = () => SpecFileEditor.SetServiceValue(Yaml, "fleet.yaml", "postgresql", "cores", "0");

        act.Should().Throw<SpecEditException>().WithMessage("*would make the spec invalid; nothing was changed*cores*");
    }

    [Fact]
    public void An_unknown_service_is_named()
    {
        var act = () => SpecFileEditor.SetServiceValue(Yaml, "fleet.yaml", "mysql", "cores", "2");

        act.Should().Throw<SpecEditException>().WithMessage("fleet.yaml: no service 'mysql'");
    }
}
