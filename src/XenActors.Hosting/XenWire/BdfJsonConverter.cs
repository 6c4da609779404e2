using System.Text.Json;
using System.Text.Json.Serialization;

namespace XenActors.Hosting.XenWire;

/// <summary>
/// A PCI function address as xenstore writes it (<c>0000:00:1d.0</c>), for each type that holds one: the text is what
/// people read in a capture. <paramref name="named"/> names it in errors ("a PCI address"), <paramref name="noun"/>
/// without the article; <typeparamref name="T"/>'s own parser decides what is malformed.
/// </summary>
public abstract class BdfJsonConverter<T>(string named, string noun) : JsonConverter<T>
    where T : struct
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : throw new JsonException($"{named} must be a string like 0000:00:1d.0");
        return TryParse(text, out var value) ? value : throw new JsonException($"malformed {noun} '{text}'");
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString());
    }

    protected abstract bool TryParse(string? text, out T value);
}
