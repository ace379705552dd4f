using System.Net;
using System.Security.Cryptography;
using LxcForge.Simulator.Http;
using LxcForge.Simulator.Tests.Http.Support;

namespace LxcForge.Simulator.Tests.Http;

public sealed class TransportSpecs
{
    [Fact]
    public async Task The_server_listens_on_127_0_0_1_over_HTTPS_with_the_certificate_it_reports()
    {
        // Arrange
        await using var sim = await RunningSimulator.StartAsync(new RecordingPveApi());
        string? seen = null;
        using var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
        {
            // Computed independently of the server's own helper.
            seen = Convert.ToHexString(SHA256.HashData(certificate!.GetRawCertData())).Chunk(2).Select(c => new string(c)).Aggregate((a, b) => a + ":" + b);
            return true;
        };
        using var client = new HttpClient(handler);
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", sim.Endpoint.Credentials.AuthorizationHeader);

        // Act
        using var response = await client.GetAsync(new Uri(sim.Endpoint.ApiUrl, "version"));

        // Assert
        sim.Endpoint.BaseUrl.Scheme.Should().Be("https");
        sim.Endpoint.BaseUrl.Host.Should().Be("127.0.0.1");
        sim.Endpoint.BaseUrl.Port.Should().BeGreaterThan(0);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        seen.Should().Be(sim.Endpoint.CertificateSha256Fingerprint).And.MatchRegex("^([0-9A-F]{2}:){31}[0-9A-F]{2}$");
    }

    [Fact]
    public async Task A_client_that_validates_certificates_normally_refuses_the_self_signed_one()
    {
        // Arrange
        await using var sim = await RunningSimulator.StartAsync(new RecordingPveApi());
        using var client = new HttpClient();

        // Act
        var act = async () => await client.GetAsync(new Uri(sim.Endpoint.ApiUrl, "version"));

        // Assert
        await act.Should().ThrowAsync<HttpRequestException>();
    }

    [Fact]
    public async Task Plain_HTTP_is_available_for_tests_and_reports_no_fingerprint()
    {
        // Arrange
        await using var sim = await RunningSimulator.StartAsync(
            new RecordingPveApi(),
            new SimulatorServerOptions { Https = false, UnauthorizedDelay = TimeSpan.Zero }
        );

        // Act
        using var response = await sim.Client.GetAsync("version");

        // Assert
        sim.Endpoint.BaseUrl.Scheme.Should().Be("http");
        sim.Endpoint.CertificateSha256Fingerprint.Should().BeNull();
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_fixed_token_secret_and_password_are_used_when_given()
    {
        // Arrange
        await using var sim = await RunningSimulator.StartAsync(
            new RecordingPveApi(),
            new SimulatorServerOptions
            {
                TokenSecret = "fixed-secret",
                Password = "pw",
                UnauthorizedDelay = TimeSpan.Zero,
            }
        );
        using var client = sim.NewClient("PVEAPIToken=root@pam!lxcforge=fixed-secret");

        // Act
        using var response = await client.GetAsync("version");

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        sim.Endpoint.Credentials.Password.Should().Be("pw");
    }
}
