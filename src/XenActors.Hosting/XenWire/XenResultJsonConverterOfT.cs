using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using XenActors.Xen.Hypervisor;

namespace XenActors.Hosting.XenWire;

/// <summary>
/// <see cref="XenResult{T}"/> on the wire: <c>{"value":...}</c> on success, <c>{"error":{...}}</c> on failure.
/// The value is written with the context's source-generated contract for <typeparamref name="T"/>.
/// </summary>
public sealed class XenResultJsonConverter<T> : JsonConverter<XenResult<T>>
{
    public override XenResult<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        XenError? error = null;
        var hasValue = false;
        T value = default!;
        var info = ValueInfo(options);
        XenResultJson.ReadObject(ref reader, options, (ref Utf8JsonReader r, string name) =>
        {
            switch (name)
            {
                case XenResultJson.ErrorProperty:
                    error = XenResultJson.ReadError(ref r, options);
                    break;
                case XenResultJson.ValueProperty:
                    value = JsonSerializer.Deserialize(ref r, info)!;
                    hasValue = true;
                    break;
                default:
                    throw new JsonException($"XenResult<{typeof(T).Name}> has no property '{name}'");
            }
        });
        if (error is not null) return XenResult<T>.FromXenError(error);
        return hasValue ? XenResult<T>.FromValue(value) : throw new JsonException($"XenResult<{typeof(T).Name}> carries neither a value nor an error");
    }

    public override void Write(Utf8JsonWriter writer, XenResult<T> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        if (value.TryGetValue(out var v))
        {
            writer.WritePropertyName(XenResultJson.ValueProperty);
            JsonSerializer.Serialize(writer, v, ValueInfo(options));
        }
        else
        {
            XenResultJson.WriteError(writer, value.Error, options);
        }
        writer.WriteEndObject();
    }

    private static JsonTypeInfo<T> ValueInfo(JsonSerializerOptions options) => (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
}
