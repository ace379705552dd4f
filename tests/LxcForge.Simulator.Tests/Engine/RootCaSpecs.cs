using System.Text.Json.Nodes;
using LxcForge.Simulator.Engine;
using LxcForge.Simulator.Tests.NodeCli;
using LxcForge.Testing.Utils;

namespace LxcForge.Simulator.Tests.Engine;

/// <summary>
/// The cluster's root CA (<c>pve-root-ca.pem</c>), the identity LxcForge keys a host's state by: listed by
/// <c>GET /nodes/{node}/certificates/info</c> and by <c>pvesh get</c> alike, kept with a saved cluster, one per cluster.
/// </summary>
public sealed class RootCaSpecs
{
    [Fact]
    public async Task The_api_and_pvesh_list_the_same_root_ca_with_its_sha256_fingerprint()
    {
        // Arrange
        await using var cli = new NodeCliHarness();

        // Act
        var api = (JsonArray)(await cli.Sim.Get("/nodes/pve/certificates/info"))!;
        var pvesh = JsonNode.Parse(await cli.Ok("pvesh", "get", "/nodes/pve/certificates/info", "--output-format", "json"))!.AsArray();

        // Assert
        var rootCa = api.Should().ContainSingle().Subject!;
        ((string?)rootCa["filename"]).Should().Be("pve-root-ca.pem");
        ((string?)rootCa["fingerprint"]).Should().MatchRegex("^([A-F0-9]{2}:){31}[A-F0-9]{2}$").And.Be(cli.Sim.Cluster.RootCaFingerprint);
        ((string?)rootCa["subject"]).Should().StartWith("/CN=Proxmox Virtual Environment/").And.EndWith("/O=PVE Cluster Manager CA");
        ((string?)rootCa["pem"]).Should().StartWith("-----BEGIN CERTIFICATE-----");
        ((string?)pvesh[0]!["fingerprint"]).Should().Be((string?)rootCa["fingerprint"]);
    }

    [Fact]
    public async Task A_kept_cluster_keeps_its_root_ca_and_another_cluster_has_its_own()
    {
        // Arrange
        using var dir = TempDir.Create();
        var path = dir.Combine("lab.json");
        string first;
        await using (var made = SimulatorCluster.Open(path))
            first = made.RootCaFingerprint;

        // Act
        await using var reopened = SimulatorCluster.Open(path);
        await using var other = new SimulatorCluster();

        // Assert
        reopened.RootCaFingerprint.Should().Be(first);
        other.RootCaFingerprint.Should().NotBe(first);
    }
}
