using System.Text.Json;
using System.Text.Json.Serialization;

namespace XenActors.Hosting.XenWire;

/// <summary>A set of ints (ioemu's reserved slots) as a JSON array, read into a HashSet: STJ cannot build an IReadOnlySet itself.</summary>
public sealed class IntSetJsonConverter : JsonConverter<IReadOnlySet<int>>
{
    public override IReadOnlySet<int> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("a set of ints must be a JSON array");
        var set = new HashSet<int>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            set.Add(reader.TokenType == JsonTokenType.Number ? reader.GetInt32() : throw new JsonException("a set of ints holds a non-number"));
        }
        return reader.TokenType == JsonTokenType.EndArray ? set : throw new JsonException("a set of ints ends early");
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlySet<int> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartArray();
        foreach (var item in value.Order()) writer.WriteNumberValue(item);
        writer.WriteEndArray();
    }
}
