using LxcForge.Core.Hosting;
using LxcForge.Core.Locking;

namespace LxcForge.Core.Tests.Locking;

public sealed class HostLockGuardSpecs
{
    /// <summary>A lock object as a backend keeps it: atomic create, read, delete.</summary>
    private sealed class LockOnlyHost : IHostLock
    {
        private readonly Lock _gate = new();
        public string? Holder { get; set; }
        public string LockLocation => "the test lock";

        public Task<bool> TryCreateLockAsync(string holder, CancellationToken cancellationToken = default)
        {
            lock (_gate)
            {
                if (Holder is not null)
                    return Task.FromResult(false);
                Holder = holder;
                return Task.FromResult(true);
            }
        }

        public Task<string?> ReadLockAsync(CancellationToken cancellationToken = default) => Task.FromResult(Holder);

        public Task DeleteLockAsync(CancellationToken cancellationToken = default)
        {
            Holder = null;
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task A_lock_whose_process_is_gone_on_this_machine_is_broken_with_a_message()
    {
        // Arrange: a holder on this machine with a pid no process has
        var host = new LockOnlyHost();
        var dead = new HostLockHolder("bob", Environment.MachineName, int.MaxValue - 1, "deploy", DateTimeOffset.UtcNow, "t0");
        host.Holder = dead.Format();
        var log = new List<string>();

        // Act
        var ran = await HostLockGuard.RunAsync(
            host,
            "test-host",
            "deploy",
            TimeProvider.System,
            _ => Task.FromResult(true),
            new HostLockOptions { Wait = TimeSpan.Zero },
            log.Add
        );

        // Assert
        ran.Should().BeTrue();
        log.Should().ContainSingle().Which.Should().Contain("breaking the stale lock").And.Contain("bob on").And.Contain("is gone");
        host.Holder.Should().BeNull();
    }

    [Fact]
    public async Task A_live_holder_on_another_machine_refuses_at_once_naming_who_where_and_since_when()
    {
        // Arrange
        var host = new LockOnlyHost();
        host.Holder = new HostLockHolder("alice", "build-1", 4242, "rebuild", new DateTimeOffset(2026, 12, 4, 17, 0, 0, TimeSpan.Zero), "t1").Format();
        var time = new FixedTime(new DateTimeOffset(2026, 12, 4, 17, 5, 0, TimeSpan.Zero));

        // Act
        var act = () => HostLockGuard.RunAsync(host, "test-host", "deploy", time, _ => Task.FromResult(1), new HostLockOptions { Wait = TimeSpan.Zero });

        // Assert
        (await act.Should().ThrowAsync<HostLockedException>())
            .Which.Message.Should()
            .Contain("alice on build-1 (pid 4242, rebuild) since 2026-12-04T17:00:00Z")
            .And.Contain("the test lock");
    }

    [Fact]
    public async Task Taking_the_lock_again_within_one_call_chain_does_not_wait_for_itself_and_it_is_released_after()
    {
        // Arrange
        var host = new LockOnlyHost();

        // Act
        var inner = await HostLockGuard.RunAsync(host, "test-host", "rebuild", TimeProvider.System, _ =>
            HostLockGuard.RunAsync(
                host,
                "test-host",
                "deploy",
                TimeProvider.System,
                _ => Task.FromResult(host.Holder),
                new HostLockOptions { Wait = TimeSpan.Zero }
            )
        );

        // Assert
        HostLockHolder.Parse(inner)!.Command.Should().Be("rebuild");
        host.Holder.Should().BeNull();
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
