using System.Text.Json.Serialization;

namespace XenActors.Cluster.Protocol;

/// <summary>Source-generated JSON for every cluster message (no reflection on the wire path).</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(InitJoin))]
[JsonSerializable(typeof(InitJoinAck))]
[JsonSerializable(typeof(InitJoinNack))]
[JsonSerializable(typeof(Join))]
[JsonSerializable(typeof(Welcome))]
[JsonSerializable(typeof(GossipEnvelope))]
[JsonSerializable(typeof(Heartbeat))]
[JsonSerializable(typeof(ClusterUserAction.Leave))]
[JsonSerializable(typeof(ClusterUserAction.Down))]
[JsonSerializable(typeof(ClusterUserAction.GetState))]
[JsonSerializable(typeof(ClusterStateSnapshot))]
internal sealed partial class ClusterJsonContext : JsonSerializerContext;
