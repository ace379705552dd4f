using LxcForge.Core.Hosting;

namespace LxcForge.Testing.Contract;

public abstract partial class ContainerHostContract
{
    [SkippableFact]
    public async Task I_can_full_clone_a_template_to_the_service_storage_with_a_new_hostname()
    {
        SkipIfExcluded(ContractScenario.CloneFull);

        // Arrange: a template on the template storage, as the fleet design keeps them
        var source = await CreateContainerAsync(0, hostname: "contract-tpl");
        await Host.ConvertToTemplateAsync(source);
        var sourceMac = (await GetAsync(source)).Config.Net(0)!.HardwareAddress;
        var target = Vmid(1);

        // Act
        await Host.CloneAsync(
            new CloneRequest(source, target)
            {
                Full = true,
                Storage = Env.ServiceStorage,
                Hostname = "contract-clone",
            }
        );

        // Assert
        var clone = await GetAsync(target);
        clone.Config.Hostname.Should().Be("contract-clone");
        clone.Config.RootFs!.Storage.Should().Be(Env.ServiceStorage);
        clone.IsTemplate.Should().BeFalse();
        clone.Summary.Lock.Should().BeNull("the clone's create lock is released when the task ends");
        clone.Config.Net(0)!.HardwareAddress.Should().NotBeNull().And.NotBe(sourceMac, "every clone gets a new MAC");
        clone.Config.Net(0)!.Ip.Should().Be($"{Address(0)}/24", "the clone keeps the template's address until it is set");
        var template = await GetAsync(source);
        template.Summary.Lock.Should().BeNull("the source's disk lock is released when the clone ends");
        template.IsTemplate.Should().BeTrue();
        await ViewShouldSeeAsync(target, "hostname", "contract-clone");
    }

    [SkippableFact]
    public async Task I_can_convert_a_stopped_container_to_a_template_and_a_running_one_is_refused()
    {
        SkipIfExcluded(ContractScenario.TemplateConversion);

        // Arrange
        var running = await CreateContainerAsync(0);
        var stopped = await CreateContainerAsync(1);
        await Host.StartAsync(running);

        // Act
        await Host.ConvertToTemplateAsync(stopped);
        var refused = await ShouldFailAsync(() => Host.ConvertToTemplateAsync(running));

        // Assert
        (await GetAsync(stopped)).IsTemplate.Should().BeTrue();
        await ViewShouldSeeAsync(stopped, "template", "1");
        refused.Kind.Should().BeOneOf(HostErrorKind.InvalidRequest, HostErrorKind.TaskFailed);
        refused.Message.Should().Contain("running");
        (await GetAsync(running)).IsTemplate.Should().BeFalse();
        (await ShouldFailAsync(() => Host.StartAsync(stopped))).Message.Should().Contain("template", "a template cannot be started");
    }
}
