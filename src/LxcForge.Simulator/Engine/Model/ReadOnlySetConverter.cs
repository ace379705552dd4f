using System.Text.Json;
using System.Text.Json.Serialization;

namespace LxcForge.Simulator.Engine.Model;

/// <summary>System.Text.Json cannot make an <see cref="IReadOnlySet{T}"/> (a storage's content types); this reads one as a HashSet.</summary>
internal sealed class ReadOnlySetConverter : JsonConverter<IReadOnlySet<string>>
{
    public override IReadOnlySet<string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new HashSet<string>(JsonSerializer.Deserialize<List<string>>(ref reader, options) ?? [], StringComparer.Ordinal);

    public override void Write(Utf8JsonWriter writer, IReadOnlySet<string> value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value.Order(StringComparer.Ordinal).ToList(), options);
}
