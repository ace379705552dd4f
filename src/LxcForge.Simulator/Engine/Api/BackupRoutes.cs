using System.Text.Json.Nodes;

namespace LxcForge.Simulator.Engine.Api;

/// <summary><c>POST /nodes/{node}/vzdump</c> and restore (create with <c>restore=1</c>).</summary>
internal static class BackupRoutes
{
    public static JsonNode? Restore(RouteContext c) => throw new PveApiException(501, "restore is not simulated yet");
}
