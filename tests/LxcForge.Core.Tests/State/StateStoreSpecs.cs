using LxcForge.Core.State;
using LxcForge.Testing.Utils;

namespace LxcForge.Core.Tests.State;

public sealed class StateStoreSpecs
{
    [Fact]
    public void The_state_file_is_created_readable_by_its_owner_only()
    {
        // Arrange
        using var dir = TempDir.Create();
        var path = dir.Combine("nested", "state.db");

        // Act
        using (StateStore.Open(path)) { }

        // Assert
        if (OperatingSystem.IsWindows())
            return;
        File.GetUnixFileMode(path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public void A_state_file_readable_by_others_is_tightened_to_owner_only_when_opened()
    {
        if (OperatingSystem.IsWindows())
            return;

        // Arrange: a state.db made 0644 (an older version, a copy, a hand-made file).
        using var dir = TempDir.Create();
        var path = dir.Combine("state.db");
        using (StateStore.Open(path)) { }

        File.SetUnixFileMode(path, (UnixFileMode)0b110_100_100);

        // Act
        using (StateStore.Open(path)) { }

        // Assert
        File.GetUnixFileMode(path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public void A_secret_is_generated_once_and_reused_after_reopening()
    {
        // Arrange
        using var dir = TempDir.Create();
        var path = dir.Combine("state.db");
        string first;
        using (var store = StateStore.Open(path))
            first = store.GetOrCreateSecret("sim://a", "redis", "password");

        // Act
        using var reopened = StateStore.Open(path);
        var again = reopened.GetOrCreateSecret("sim://a", "redis", "password");
        var otherHost = reopened.GetOrCreateSecret("sim://b", "redis", "password");

        // Assert
        again.Should().Be(first);
        first.Should().MatchRegex("^[A-Za-z0-9]{32}$");
        otherHost.Should().NotBe(first);
        reopened.GetSecrets("sim://a", "redis").Should().Equal(new Dictionary<string, string> { ["password"] = first });
    }

    [Fact]
    public void The_journal_remembers_started_clones_and_configured_fingerprints_per_host()
    {
        // Arrange
        using var store = StateStore.InMemory();
        var run = store.StartRun("sim://a", "deploy --all");

        // Act
        store.Record(run, "sim://a", "redis", 201, "clone", "started", "901 -> 201");
        store.Record(run, "sim://a", "redis", 201, "clone", "done");
        store.MarkConfigured("sim://a", 201, "redis", "abc");
        store.MarkConfigured("sim://a", 201, "redis", "def");
        store.FinishRun(run, "ok");

        // Assert
        store.ClonesStarted("sim://a").Should().Equal(201);
        store.ClonesStarted("sim://b").Should().BeEmpty();
        store.ConfiguredFingerprints("sim://a").Should().Equal(new Dictionary<int, string> { [201] = "def" });
        store.Journal("sim://a", 201).Select(j => (j.Step, j.Status)).Should().Equal(("clone", "started"), ("clone", "done"));
    }
}
