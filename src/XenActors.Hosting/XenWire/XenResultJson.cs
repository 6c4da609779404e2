using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using XenActors.Xen.Hypervisor;

namespace XenActors.Hosting.XenWire;

/// <summary>The parts both XenResult converters share: the object walk and the error property.</summary>
internal static class XenResultJson
{
    public const string ErrorProperty = "error";
    public const string ValueProperty = "value";

    public delegate void PropertyReader(ref Utf8JsonReader reader, string name);

    public static void ReadObject(ref Utf8JsonReader reader, JsonSerializerOptions options, PropertyReader property)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("a XenResult must be a JSON object");
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject) return;
            if (reader.TokenType != JsonTokenType.PropertyName) throw new JsonException("malformed XenResult");
            var name = reader.GetString()!;
            if (!reader.Read()) break;
            property(ref reader, name);
        }
        throw new JsonException("a XenResult ends early");
    }

    public static XenError ReadError(ref Utf8JsonReader reader, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize(ref reader, (JsonTypeInfo<XenError>)options.GetTypeInfo(typeof(XenError)))
        ?? throw new JsonException("a XenResult's error must not be null");

    public static void WriteError(Utf8JsonWriter writer, XenError error, JsonSerializerOptions options)
    {
        writer.WritePropertyName(ErrorProperty);
        JsonSerializer.Serialize(writer, error, (JsonTypeInfo<XenError>)options.GetTypeInfo(typeof(XenError)));
    }
}
