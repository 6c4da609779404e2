using System.Text.Json.Serialization;
using XenActors.Remote.Serialization;
using XenActors.Xen.Host;

namespace XenActors.Hosting.SplitHost;

// Refs as their serialized paths; enums as names; computed properties stay home.
[JsonSourceGenerationOptions(UseStringEnumConverter = true, IgnoreReadOnlyProperties = true, Converters = [typeof(ActorRefJsonConverter), typeof(XenWire.IntSetJsonConverter)])]
[JsonSerializable(typeof(XsJournalSubscribe))]
[JsonSerializable(typeof(XsJournalSubscribed))]
[JsonSerializable(typeof(StartHvmKernel))]
[JsonSerializable(typeof(HvmKernelStarted))]
[JsonSerializable(typeof(StartDeviceModel))]
internal sealed partial class SplitHostJsonContext : JsonSerializerContext;
