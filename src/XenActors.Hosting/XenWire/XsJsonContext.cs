using System.Text.Json.Serialization;
using XenActors.Remote.Serialization;
using XenActors.Xen.XenStore;

namespace XenActors.Hosting.XenWire;

// Enums as names (a reordered XsdError must not turn ENOENT into EACCES); computed properties stay home; a missing
// constructor field or a null where none is allowed is refused (bad input from another node), as in every XenWire context.
[JsonSourceGenerationOptions(UseStringEnumConverter = true, IgnoreReadOnlyProperties = true, RespectRequiredConstructorParameters = true, RespectNullableAnnotations = true, Converters = [typeof(ActorRefJsonConverter)])]
[JsonSerializable(typeof(XsRead))]
[JsonSerializable(typeof(XsWrite))]
[JsonSerializable(typeof(XsMkdir))]
[JsonSerializable(typeof(XsRm))]
[JsonSerializable(typeof(XsDirectory))]
[JsonSerializable(typeof(XsSetPerms))]
[JsonSerializable(typeof(XsGetPerms))]
[JsonSerializable(typeof(XsWatch))]
[JsonSerializable(typeof(XsUnwatch))]
[JsonSerializable(typeof(XsTransactionStart))]
[JsonSerializable(typeof(XsTransactionEnd))]
[JsonSerializable(typeof(XsIntroduce))]
[JsonSerializable(typeof(XsRelease))]
[JsonSerializable(typeof(XsList))]
[JsonSerializable(typeof(XsResult))]
[JsonSerializable(typeof(XsListing))]
[JsonSerializable(typeof(XsListingEntry))]
[JsonSerializable(typeof(XsWatchEvent))]
[JsonSerializable(typeof(XsNodeWritten))]
[JsonSerializable(typeof(XsSubscribeWrites))]
internal sealed partial class XsJsonContext : JsonSerializerContext;
