using LxcForge.Core.Hosting;
using LxcForge.Proxmox.Api.Host;
using LxcForge.Proxmox.Api.Transport;
using Microsoft.Extensions.Time.Testing;

namespace LxcForge.Proxmox.Tests.Api.Simulated;

/// <summary>Authentication, TLS and privileges of the API backend, against the simulator over real HTTPS.</summary>
public sealed class ApiAuthSpecs : IAsyncLifetime
{
    private const string Template = "local:vztmpl/debian-12-standard_12.12-1_amd64.tar.zst";
    private const string RootPassword = "ct-root-pw-3b9d";
    private SimulatedPve _pve = null!;

    public async Task InitializeAsync() => _pve = await SimulatedPve.StartAsync();

    public async Task DisposeAsync() => await _pve.DisposeAsync();

    private static CreateContainerRequest Create(int vmid, string? features = null)
    {
        var options = new Dictionary<string, string> { ["hostname"] = $"auth-{vmid}", ["rootfs"] = "local-lvm:1" };
        if (features is not null)
            options["features"] = features;
        return new CreateContainerRequest(vmid, "pve", Template, "local-lvm") { RootPassword = RootPassword, Options = options };
    }

    [Fact]
    public async Task A_bad_token_fails_once_with_a_clear_message_and_no_retry_storm()
    {
        // Arrange
        RecordingHandler? recorder = null;
        var wrong = new ApiToken(_pve.Token.TokenId, "00000000-0000-0000-0000-000000000000");
        await using var host = _pve.Host(wrong, h => recorder = new RecordingHandler(h));

        // Act
        var error = await ((Func<Task>)(() => host.GetInfoAsync())).Should().ThrowAsync<HostException>();

        // Assert
        error.Which.Kind.Should().Be(HostErrorKind.AuthenticationFailed);
        error.Which.Message.Should().Contain("refused our credentials").And.Contain("token");
        recorder!.Requests.Should().HaveCount(1);
    }

    [Fact]
    public async Task A_password_login_gets_a_ticket_and_sends_the_csrf_token_on_writes()
    {
        // Arrange
        RecordingHandler? recorder = null;
        await using var host = _pve.Host(_pve.RootLogin, h => recorder = new RecordingHandler(h));

        // Act
        await host.CreateAsync(Create(300));
        await host.StartAsync(300);

        // Assert
        (await host.GetContainerAsync(300))!.IsRunning.Should().BeTrue();
        recorder!.Count("POST", "/access/ticket").Should().Be(1, "one ticket serves every request while it is fresh");
        host.Capabilities.IsRootAtPam.Should().BeTrue();
    }

    [Fact]
    public async Task A_ticket_older_than_an_hour_is_renewed_before_the_next_request()
    {
        // Arrange
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        RecordingHandler? recorder = null;
        var options = _pve.Options(_pve.RootLogin, h => recorder = new RecordingHandler(h)) with { Time = clock };
        await using var host = new ProxmoxApiHost(options);
        await host.GetInfoAsync();

        // Act
        clock.Advance(TimeSpan.FromMinutes(61));
        await host.GetInfoAsync();

        // Assert
        recorder!.Count("POST", "/access/ticket").Should().Be(2);
    }

    [Fact]
    public async Task A_certificate_that_does_not_match_the_pinned_fingerprint_is_refused()
    {
        // Arrange
        var wrong = string.Join(':', Enumerable.Repeat("AB", 32));
        await using var host = new ProxmoxApiHost(_pve.Options() with { Tls = TlsPolicy.Pinned(wrong) });

        // Act
        var error = await ((Func<Task>)(() => host.GetInfoAsync())).Should().ThrowAsync<HostException>();

        // Assert
        error.Which.Kind.Should().Be(HostErrorKind.Unreachable);
        error.Which.Message.Should().Contain("does not match the pinned").And.Contain(_pve.Endpoint.CertificateSha256Fingerprint!);
    }

    [Fact]
    public async Task By_default_a_self_signed_certificate_is_refused_and_its_fingerprint_shown()
    {
        // Arrange
        await using var host = new ProxmoxApiHost(_pve.Options() with { Tls = TlsPolicy.SystemTrust });

        // Act
        var error = await ((Func<Task>)(() => host.GetInfoAsync())).Should().ThrowAsync<HostException>();

        // Assert
        error.Which.Kind.Should().Be(HostErrorKind.Unreachable);
        error.Which.Message.Should().Contain("not trusted").And.Contain(_pve.Endpoint.CertificateSha256Fingerprint!).And.Contain("--fingerprint");
    }

    [Fact]
    public async Task Nothing_listening_is_unreachable()
    {
        // Arrange: the simulator is stopped, its port closed
        var options = _pve.Options();
        await _pve.Server.StopAsync();
        await using var host = new ProxmoxApiHost(options);

        // Act
        var error = await ((Func<Task>)(() => host.GetInfoAsync())).Should().ThrowAsync<HostException>();

        // Assert
        error.Which.Kind.Should().Be(HostErrorKind.Unreachable);
        error.Which.Message.Should().Contain("cannot reach");
    }

    [Fact]
    public async Task Without_an_exec_provider_exec_is_unsupported_and_says_to_add_ssh()
    {
        // Arrange
        await using var host = _pve.Host(withExec: false);

        // Act
        var error = await ((Func<Task>)(() => host.ExecAsync(300, ExecRequest.Shell("true")))).Should().ThrowAsync<HostException>();

        // Assert
        host.Capabilities.Exec.Should().BeFalse();
        error.Which.Kind.Should().Be(HostErrorKind.Unsupported);
        error.Which.Message.Should().Contain("no exec").And.Contain("--ssh root@HOST");
    }

    [Fact]
    public async Task A_token_cannot_set_keyctl_and_is_told_why_while_root_at_pam_can()
    {
        // Arrange
        await using var tokenHost = _pve.Host();
        await using var rootHost = _pve.Host(_pve.RootLogin);

        // Act
        var refused = await ((Func<Task>)(() => tokenHost.CreateAsync(Create(300, "nesting=1,keyctl=1")))).Should().ThrowAsync<HostException>();
        await rootHost.CreateAsync(Create(301, "nesting=1,keyctl=1"));
        await tokenHost.CreateAsync(Create(302, "nesting=1"));

        // Assert
        tokenHost.Capabilities.IsRootAtPam.Should().BeFalse();
        refused.Which.Kind.Should().Be(HostErrorKind.PermissionDenied);
        refused.Which.Message.Should().Contain("root@pam").And.Contain("keyctl").And.Contain("API tokens");
        (await tokenHost.GetContainerAsync(300)).Should().BeNull("nothing was created");
        (await tokenHost.GetContainerAsync(301))!.Config.Features.Keyctl.Should().BeTrue();
        (await tokenHost.GetContainerAsync(302))!.Config.Features.Nesting.Should().BeTrue();
    }

    [Fact]
    public async Task No_failure_message_contains_a_token_secret_or_a_password()
    {
        // Arrange: failures of every kind, with real secrets in play
        var texts = new List<string>();
        async Task Capture(Func<Task> action)
        {
            try
            {
                await action();
            }
            catch (Exception e)
            {
                texts.Add(e.ToString());
            }
        }

        await using var good = _pve.Host();
        await using var badToken = _pve.Host(new ApiToken(_pve.Token.TokenId, "wrong-secret-value"));
        await using var badLogin = _pve.Host(new PasswordLogin("root@pam", "wrong-password-value"));
        await good.CreateAsync(Create(300));
        _pve.Cluster.Faults.FailNextTasks("vzcreate", 1, "simulated create failure");

        // Act
        await Capture(() => badToken.GetInfoAsync());
        await Capture(() => badLogin.GetInfoAsync());
        await Capture(() => good.CreateAsync(Create(301)));
        await Capture(() => good.CreateAsync(Create(300)));
        await Capture(() => good.CreateAsync(Create(302, "keyctl=1")));
        texts.Add(good.Description);
        texts.Add(badToken.Description);

        // Assert
        texts.Should().HaveCountGreaterThan(5);
        var secrets = new[] { _pve.Token.TokenSecret, _pve.RootLogin.Password, "wrong-secret-value", "wrong-password-value", RootPassword };
        foreach (var text in texts)
        {
            foreach (var secret in secrets)
                text.Should().NotContain(secret);
        }
    }
}
