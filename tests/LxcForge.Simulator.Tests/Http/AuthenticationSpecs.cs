using System.Net;
using System.Text.Json.Nodes;
using LxcForge.Simulator.Http;
using LxcForge.Simulator.Tests.Http.Support;
using static LxcForge.Simulator.Tests.Http.Support.HttpContentJson;

namespace LxcForge.Simulator.Tests.Http;

public sealed class AuthenticationSpecs
{
    [Fact]
    public async Task An_API_token_authenticates_and_the_token_id_reaches_the_API_as_the_user()
    {
        // Arrange
        var api = new RecordingPveApi().Answer("GET", "/version", new JsonObject { ["version"] = "9.1.3" });
        await using var sim = await RunningSimulator.StartAsync(api);

        // Act
        using var response = await sim.Client.GetAsync("version");

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadJsonAsync())["data"]!["version"]!.GetValue<string>().Should().Be("9.1.3");
        api.Calls.Should().ContainSingle().Which.User.Should().Be("root@pam!lxcforge");
    }

    [Fact]
    public async Task A_space_may_replace_the_first_equals_sign_of_the_token_header()
    {
        // Arrange
        await using var sim = await RunningSimulator.StartAsync(new RecordingPveApi());
        var c = sim.Endpoint.Credentials;
        using var client = sim.NewClient($"PVEAPIToken {c.TokenId}={c.TokenSecret}");

        // Act
        using var response = await client.GetAsync("version");

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_wrong_token_secret_is_refused_with_401_Authentication_failed_and_no_call()
    {
        // Arrange
        var api = new RecordingPveApi();
        await using var sim = await RunningSimulator.StartAsync(api);
        using var client = sim.NewClient($"PVEAPIToken={sim.Endpoint.Credentials.TokenId}=00000000-0000-4000-8000-000000000000");

        // Act
        using var response = await client.GetAsync("version");

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.ReasonPhrase.Should().Be("Authentication failed!");
        api.Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task A_request_without_credentials_is_refused_with_401_No_ticket()
    {
        // Arrange
        await using var sim = await RunningSimulator.StartAsync(new RecordingPveApi());

        // Act
        using var response = await sim.Anonymous.GetAsync("nodes");

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.ReasonPhrase.Should().Be("No ticket");
    }

    [Fact]
    public async Task A_401_is_held_back_for_the_configured_delay()
    {
        // Arrange
        var fake = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var sim = await RunningSimulator.StartAsync(
            new RecordingPveApi(),
            new SimulatorServerOptions { UnauthorizedDelay = TimeSpan.FromSeconds(3), TimeProvider = fake }
        );

        // Act
        var pending = sim.Anonymous.GetAsync("nodes");
        var answeredEarly = await Task.WhenAny(pending, Task.Delay(TimeSpan.FromMilliseconds(300))) == pending;
        fake.Advance(TimeSpan.FromSeconds(3));
        using var response = await pending.WaitAsync(TimeSpan.FromSeconds(10));

        // Assert
        answeredEarly.Should().BeFalse("Proxmox delays unauthorized answers");
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_ticket_from_access_ticket_authenticates_GETs_and_names_the_user()
    {
        // Arrange
        var api = new RecordingPveApi();
        await using var sim = await RunningSimulator.StartAsync(api);
        var (client, ticket, csrf) = await sim.LoginAsync(sendCsrf: false);

        // Act
        using var response = await client.GetAsync("nodes");

        // Assert
        ticket.Should().StartWith("PVE:root@pam:");
        csrf.Should().MatchRegex("^[0-9A-F]{8}:.+$");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        api.Calls.Should().ContainSingle().Which.User.Should().Be("root@pam");
        client.Dispose();
    }

    [Fact]
    public async Task A_write_with_a_ticket_needs_the_CSRF_token()
    {
        // Arrange
        var api = new RecordingPveApi();
        await using var sim = await RunningSimulator.StartAsync(api);
        var (withoutCsrf, _, _) = await sim.LoginAsync(sendCsrf: false);
        var (withCsrf, _, _) = await sim.LoginAsync(sendCsrf: true);

        // Act
        using var refused = await withoutCsrf.PostAsync("nodes/pve/lxc/200/status/start", Form());
        using var accepted = await withCsrf.PostAsync("nodes/pve/lxc/200/status/start", Form());

        // Assert
        refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        refused.ReasonPhrase.Should().Be("Permission denied - invalid csrf token");
        accepted.StatusCode.Should().Be(HttpStatusCode.OK);
        api.Calls.Should().ContainSingle().Which.Path.Should().Be("/nodes/pve/lxc/200/status/start");
        withoutCsrf.Dispose();
        withCsrf.Dispose();
    }

    [Fact]
    public async Task A_ticket_in_the_Authorization_header_works_like_the_cookie()
    {
        // Arrange
        await using var sim = await RunningSimulator.StartAsync(new RecordingPveApi());
        var (cookieClient, ticket, _) = await sim.LoginAsync();
        cookieClient.Dispose();
        using var client = sim.NewClient($"PVEAuthCookie={ticket}");

        // Act
        using var response = await client.GetAsync("version");

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_forged_ticket_is_refused_with_401_Authentication_failed()
    {
        // Arrange
        await using var sim = await RunningSimulator.StartAsync(new RecordingPveApi());
        var (client, ticket, _) = await sim.LoginAsync();
        client.Dispose();
        using var forged = sim.NewClient($"PVEAuthCookie={ticket.Replace("root@pam", "admin@pam", StringComparison.Ordinal)}");

        // Act
        using var response = await forged.GetAsync("version");

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.ReasonPhrase.Should().Be("Authentication failed!");
    }

    [Fact]
    public async Task A_wrong_password_gets_401_authentication_failure()
    {
        // Arrange
        await using var sim = await RunningSimulator.StartAsync(new RecordingPveApi());

        // Act
        using var response = await sim.Anonymous.PostAsync("access/ticket", Form(("username", "root@pam"), ("password", "wrong")));

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.ReasonPhrase.Should().Be("authentication failure");
        (await response.Content.ReadJsonAsync())["message"]!.GetValue<string>().Should().Be("authentication failure\n");
    }

    [Fact]
    public async Task A_ticket_posted_as_the_password_renews_it()
    {
        // Arrange
        await using var sim = await RunningSimulator.StartAsync(new RecordingPveApi());
        var (client, ticket, _) = await sim.LoginAsync();
        client.Dispose();

        // Act
        using var response = await sim.Anonymous.PostAsync("access/ticket", Form(("username", "root@pam"), ("password", ticket)));

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadJsonAsync())["data"]!["ticket"]!.GetValue<string>().Should().StartWith("PVE:root@pam:");
    }

    [Fact]
    public async Task Asking_for_a_ticket_with_an_API_token_is_refused_as_Proxmox_refuses_it()
    {
        // Arrange
        await using var sim = await RunningSimulator.StartAsync(new RecordingPveApi());

        // Act
        using var response = await sim.Client.PostAsync("access/ticket", Form(("username", "root@pam"), ("password", sim.Endpoint.Credentials.Password)));

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        response.ReasonPhrase.Should().Be("Permission check failed (URI '/access/ticket' not available with API token, need proper ticket.");
    }

    [Fact]
    public async Task Generated_secrets_differ_between_servers_and_never_show_in_ToString()
    {
        // Arrange
        await using var a = await RunningSimulator.StartAsync(new RecordingPveApi());
        await using var b = await RunningSimulator.StartAsync(new RecordingPveApi());

        // Act
        var shown = a.Endpoint.ToString();

        // Assert
        a.Endpoint.Credentials.TokenSecret.Should()
            .NotBe(b.Endpoint.Credentials.TokenSecret)
            .And.MatchRegex("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
        a.Endpoint.Credentials.Password.Should().NotBe(b.Endpoint.Credentials.Password);
        shown.Should().NotContain(a.Endpoint.Credentials.TokenSecret).And.NotContain(a.Endpoint.Credentials.Password);
    }
}
