using System.Text.Json;
using System.Text.Json.Serialization;
using XenActors.Actor;

namespace XenActors.Remote.Serialization;

/// <summary>Addresses travel as their text form (<c>xen://sys@host:port</c>); a bad one is a JSON error that says why.</summary>
public sealed class AddressJsonConverter : JsonConverter<Address>
{
    public override Address? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        var text = reader.GetString() ?? throw new JsonException("an address must be a string");
        return Address.TryParse(text, out var address, out var error) ? address : throw new JsonException(error);
    }

    public override void Write(Utf8JsonWriter writer, Address value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStringValue(value.ToString());
    }
}
