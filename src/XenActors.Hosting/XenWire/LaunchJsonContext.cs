using System.Text.Json.Serialization;
using XenActors.Remote.Serialization;
using XenActors.Xen.Host;
using XenActors.Xen.Pcifront;
using XenActors.Xen.Xend;

namespace XenActors.Hosting.XenWire;

// Starting and stopping a domain's node, and what a PV guest's kernel shows of its PCI bus.
[JsonSourceGenerationOptions(UseStringEnumConverter = true, IgnoreReadOnlyProperties = true, RespectRequiredConstructorParameters = true, RespectNullableAnnotations = true,
    Converters = [typeof(ActorRefJsonConverter), typeof(PciAddressJsonConverter), typeof(IntSetJsonConverter)])]
[JsonSerializable(typeof(GuestStarted))]
[JsonSerializable(typeof(HvmGuestStarted))]
[JsonSerializable(typeof(GuestDestroyed))]
[JsonSerializable(typeof(DeviceModelStarted))]
[JsonSerializable(typeof(GuestKernelOf))]
[JsonSerializable(typeof(DeviceModelOf))]
[JsonSerializable(typeof(DomainActor))]
[JsonSerializable(typeof(StopGuestKernel))]
[JsonSerializable(typeof(GuestLspci))]
[JsonSerializable(typeof(GuestPciBus))]
[JsonSerializable(typeof(GuestPciDevice))]
internal sealed partial class LaunchJsonContext : JsonSerializerContext;
