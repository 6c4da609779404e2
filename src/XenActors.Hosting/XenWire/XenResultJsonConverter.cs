using System.Text.Json;
using System.Text.Json.Serialization;
using XenActors.Xen.Hypervisor;

namespace XenActors.Hosting.XenWire;

/// <summary>
/// <see cref="XenResult"/> on the wire: <c>{}</c> for success, <c>{"error":{...}}</c> with the errno, message
/// and GNTST status otherwise (its fields are private, so the default contract would lose the error).
/// </summary>
public sealed class XenResultJsonConverter : JsonConverter<XenResult>
{
    public override XenResult Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        XenError? error = null;
        XenResultJson.ReadObject(ref reader, options, (ref Utf8JsonReader r, string name) =>
        {
            if (name != XenResultJson.ErrorProperty) throw new JsonException($"XenResult has no property '{name}'");
            error = XenResultJson.ReadError(ref r, options);
        });
        return error is null ? XenResult.Ok : XenResult.FromXenError(error);
    }

    public override void Write(Utf8JsonWriter writer, XenResult value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        if (!value.IsSuccess) XenResultJson.WriteError(writer, value.Error, options);
        writer.WriteEndObject();
    }
}
