using System.Text.Json.Serialization;

namespace XenActors.Cluster.Control;

[JsonSerializable(typeof(ControlMessages.Ping))]
[JsonSerializable(typeof(ControlMessages.Pong))]
[JsonSerializable(typeof(ControlMessages.Fault))]
[JsonSerializable(typeof(ControlMessages.FaultApplied))]
internal sealed partial class ControlJsonContext : JsonSerializerContext;
