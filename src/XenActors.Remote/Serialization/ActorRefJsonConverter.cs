using System.Text.Json;
using System.Text.Json.Serialization;
using XenActors.Actor;

namespace XenActors.Remote.Serialization;

/// <summary>
/// Lets JSON messages carry refs: written as the path other nodes can reach, read back into a local or remote
/// ref through the registry that is serializing on this thread. Add it to a JsonSerializerContext's Converters.
/// </summary>
public sealed class ActorRefJsonConverter : JsonConverter<IActorRef>
{
    public override IActorRef? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        var path = reader.GetString() ?? throw new JsonException("an actor ref must be a path string");
        return SerializerRegistry.Current.Resolver.Resolve(path);
    }

    public override void Write(Utf8JsonWriter writer, IActorRef value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStringValue(SerializerRegistry.Current.Resolver.ToSerializedPath(value));
    }
}
