using LxcForge.Core.Hosting;

namespace LxcForge.Testing.Contract;

public abstract partial class ContainerHostContract
{
    [SkippableFact]
    public async Task A_missing_container_is_absent_and_operations_on_it_fail_as_not_found()
    {
        SkipIfExcluded(ContractScenario.MissingContainer);

        // Arrange
        var missing = Vmid(9);

        // Act
        var info = await Host.GetContainerAsync(missing);
        var start = await ShouldFailAsync(() => Host.StartAsync(missing));
        var update = await ShouldFailAsync(() => Host.UpdateConfigAsync(missing, ConfigChange.Of(("memory", "512"))));

        // Assert
        info.Should().BeNull();
        start.Kind.Should().Be(HostErrorKind.NotFound);
        start.Message.Should().Contain(missing.ToString(System.Globalization.CultureInfo.InvariantCulture));
        update.Kind.Should().Be(HostErrorKind.NotFound);
    }

    [SkippableFact(Timeout = 120_000)]
    public async Task A_locked_container_refuses_changes_with_a_lock_error_and_works_once_unlocked()
    {
        SkipIfExcluded(ContractScenario.LockedContainer);
        var view = RequireView(ContractScenario.LockedContainer);

        // Arrange
        var vmid = await CreateContainerAsync(0);
        await view.SetLockAsync(vmid, "backup");

        // Act
        var refused = await ShouldFailAsync(() => Host.UpdateConfigAsync(vmid, ConfigChange.Of(("memory", "512"))));
        await view.SetLockAsync(vmid, null);
        await Host.UpdateConfigAsync(vmid, ConfigChange.Of(("memory", "512")));

        // Assert
        refused.Kind.Should().Be(HostErrorKind.Locked);
        refused.Message.Should().Contain("locked");
        (await GetAsync(vmid)).Config.Memory.Should().Be(512);
    }

    [SkippableFact]
    public async Task Creating_or_cloning_onto_a_ctid_in_use_fails_as_already_exists_and_changes_nothing()
    {
        SkipIfExcluded(ContractScenario.DuplicateCtid);

        // Arrange
        var first = await CreateContainerAsync(0, hostname: "contract-first");
        var other = await CreateContainerAsync(1, hostname: "contract-other");

        // Act
        var create = await ShouldFailAsync(() => CreateContainerAsync(0, hostname: "contract-second"));
        var clone = await ShouldFailAsync(() => Host.CloneAsync(new CloneRequest(other, first) { Full = true, Hostname = "contract-third" }));

        // Assert
        create.Kind.Should().Be(HostErrorKind.AlreadyExists);
        clone.Kind.Should().Be(HostErrorKind.AlreadyExists);
        create.Message.Should().Contain(first.ToString(System.Globalization.CultureInfo.InvariantCulture));
        (await GetAsync(first)).Config.Hostname.Should().Be("contract-first");
        (await GetAsync(other)).Summary.Lock.Should().BeNull("a refused clone leaves its source unlocked");
        await ViewShouldSeeAsync(first, "hostname", "contract-first");
    }
}
