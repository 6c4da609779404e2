using System.Text.Json;
using System.Text.Json.Serialization;
using XenActors.Xen.Hypervisor;

namespace XenActors.Hosting.XenWire;

/// <summary>The hypervisor's function address as <c>0000:00:1d.0</c>; an out-of-range field is refused on read.</summary>
public sealed class SbdfJsonConverter : JsonConverter<Sbdf>
{
    public override Sbdf Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : throw new JsonException("an SBDF must be a string like 0000:00:1d.0");
        return Sbdf.TryParse(text, out var sbdf) ? sbdf : throw new JsonException($"malformed SBDF '{text}'");
    }

    public override void Write(Utf8JsonWriter writer, Sbdf value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString());
    }
}
