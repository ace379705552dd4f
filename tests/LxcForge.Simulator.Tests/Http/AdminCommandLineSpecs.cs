using System.Net;
using System.Net.Http.Json;
using LxcForge.Simulator.Tests.Http.Support;

namespace LxcForge.Simulator.Tests.Http;

public sealed class AdminCommandLineSpecs
{
    private sealed class EchoCommandLine : INodeCommandLine
    {
        public List<(string Node, string Tool, IReadOnlyList<string> Args, string? Stdin, IReadOnlyDictionary<string, string> Env)> Runs { get; } = [];

        public Task<CommandResult> RunAsync(
            string node,
            string tool,
            IReadOnlyList<string> arguments,
            string? standardInput,
            IReadOnlyDictionary<string, string> environment,
            CancellationToken cancellationToken = default
        )
        {
            Runs.Add((node, tool, arguments, standardInput, environment));
            return Task.FromResult(
                tool == "pct" && arguments is ["status", "200"]
                    ? new CommandResult(0, "status: running\n", "")
                    : new CommandResult(255, "", "unknown command\n")
            );
        }
    }

    [Fact]
    public async Task The_cli_route_runs_the_node_command_line_with_node_arguments_stdin_and_environment()
    {
        // Arrange
        var commandLine = new EchoCommandLine();
        var api = new RecordingPveApi().Answer(
            "GET",
            "/nodes",
            new System.Text.Json.Nodes.JsonArray(
                new System.Text.Json.Nodes.JsonObject { ["node"] = "pve2" },
                new System.Text.Json.Nodes.JsonObject { ["node"] = "pve1" }
            )
        );
        await using var sim = await RunningSimulator.StartAsync(api, commandLine: commandLine);
        using var admin = sim.NewClient(sim.Endpoint.Credentials.AuthorizationHeader);

        // Act
        using var ok = await admin.PostAsJsonAsync(
            new Uri(sim.Endpoint.BaseUrl, "simulator/cli"),
            new
            {
                node = "pve",
                tool = "pct",
                args = new[] { "status", "200" },
                stdin = "input",
                env = new Dictionary<string, string> { ["LANG"] = "C" },
            }
        );
        using var failed = await admin.PostAsJsonAsync(new Uri(sim.Endpoint.BaseUrl, "simulator/cli"), new { tool = "pvesm", args = new[] { "bogus" } });

        // Assert
        var body = await ok.Content.ReadJsonAsync();
        body["exitCode"]!.GetValue<int>().Should().Be(0);
        body["stdout"]!.GetValue<string>().Should().Be("status: running\n");
        (await failed.Content.ReadJsonAsync())["exitCode"]!.GetValue<int>().Should().Be(255);
        var run = commandLine.Runs[0];
        run.Node.Should().Be("pve");
        run.Args.Should().Equal("status", "200");
        run.Stdin.Should().Be("input");
        run.Env.Should().Contain(new KeyValuePair<string, string>("LANG", "C"));
        commandLine.Runs[1].Node.Should().Be("pve1", "without a node the first node by name runs the tool");
    }

    [Fact]
    public async Task Without_a_command_line_the_cli_route_answers_501()
    {
        // Arrange
        await using var sim = await RunningSimulator.StartAsync(new RecordingPveApi());
        using var admin = sim.NewClient(sim.Endpoint.Credentials.AuthorizationHeader);

        // Act
        using var response = await admin.PostAsJsonAsync(new Uri(sim.Endpoint.BaseUrl, "simulator/cli"), new { node = "pve", tool = "pct" });

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.NotImplemented);
    }
}
