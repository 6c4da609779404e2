using System.Text.Json.Serialization;

namespace XenActors.Hosting.Node;

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(LocalClusterState))]
internal sealed partial class LocalClusterJsonContext : JsonSerializerContext;
