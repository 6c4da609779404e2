using System.Text.Json;
using System.Text.Json.Serialization;
using XenActors.Xen.Pci;

namespace XenActors.Hosting.XenWire;

/// <summary>
/// A device-side PCI address as xenstore writes it (<c>0000:00:1d.0</c>): its fields are get-only, so it travels as its
/// text, which is also what people read in a capture. <see cref="PciAddress.TryParse"/> decides what is malformed.
/// </summary>
public sealed class PciAddressJsonConverter : JsonConverter<PciAddress>
{
    public override PciAddress Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : throw new JsonException("a PCI address must be a string like 0000:00:1d.0");
        return PciAddress.TryParse(text, out var value) ? value : throw new JsonException($"malformed PCI address '{text}'");
    }

    public override void Write(Utf8JsonWriter writer, PciAddress value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString());
    }
}
