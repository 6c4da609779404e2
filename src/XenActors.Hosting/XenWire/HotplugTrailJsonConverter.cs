using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using XenActors.Xen.Hvm;

namespace XenActors.Hosting.XenWire;

/// <summary>A hot-plug trail as the array of its hops, rebuilt hop by hop (its constructors are private).</summary>
public sealed class HotplugTrailJsonConverter : JsonConverter<HotplugTrail>
{
    public override HotplugTrail Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var hops = JsonSerializer.Deserialize(ref reader, HopsInfo(options)) ?? throw new JsonException("a hot-plug trail must be an array of hops");
        var trail = HotplugTrail.Empty;
        foreach (var hop in hops)
        {
            if (hop is null) throw new JsonException("a hot-plug trail holds a null hop");
            trail = trail.Then(hop.From, hop.To, hop.Event ?? throw new JsonException("a hop without its event"));
        }
        return trail;
    }

    public override void Write(Utf8JsonWriter writer, HotplugTrail value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(value);
        JsonSerializer.Serialize(writer, [.. value.Hops], HopsInfo(options));
    }

    private static JsonTypeInfo<HotplugHop[]> HopsInfo(JsonSerializerOptions options) => (JsonTypeInfo<HotplugHop[]>)options.GetTypeInfo(typeof(HotplugHop[]));
}
