using System.Text.Json.Serialization;
using XenActors.Xen.Hvm;
using XenActors.Xen.Xend;

namespace XenActors.Hosting.XenHost;

// Enums as names: a reordered enum must not silently change what a remote xend creates.
[JsonSourceGenerationOptions(UseStringEnumConverter = true, Converters = [typeof(XenWire.HotplugTrailJsonConverter)])]
[JsonSerializable(typeof(XmCreate))]
[JsonSerializable(typeof(XmDestroy))]
[JsonSerializable(typeof(XmPciAssignableAdd))]
[JsonSerializable(typeof(XmPciAssignableRemove))]
[JsonSerializable(typeof(XmPciAssignableList))]
[JsonSerializable(typeof(XmPciAttach))]
[JsonSerializable(typeof(XmPciDetach))]
[JsonSerializable(typeof(XmPciList))]
[JsonSerializable(typeof(XmPciDump))]
[JsonSerializable(typeof(XmResultWire))]
[JsonSerializable(typeof(HotplugHop[]))]
[JsonSerializable(typeof(XmDomainList))]
[JsonSerializable(typeof(XmDomainListing))]
internal sealed partial class XmJsonContext : JsonSerializerContext;
