using System.Text.Json.Serialization;
using XenActors.Xen.Hvm;
using XenActors.Xen.Ioemu;
using XenActors.Xen.Ioemu.Messages;

namespace XenActors.Hosting.XenWire;

// xend ↔ ioemu (attach/detach/query/dump) and guest kernel/BIOS ↔ ioemu (config, MMIO and port accesses, DMA, interrupts).
[JsonSourceGenerationOptions(UseStringEnumConverter = true, IgnoreReadOnlyProperties = true, RespectRequiredConstructorParameters = true, RespectNullableAnnotations = true,
    Converters = [typeof(PciAddressJsonConverter), typeof(HotplugTrailJsonConverter), typeof(IntSetJsonConverter)])]
[JsonSerializable(typeof(IoemuOptions))]
[JsonSerializable(typeof(PciAttach))]
[JsonSerializable(typeof(PciAttachCompleted))]
[JsonSerializable(typeof(PciAttachRefused))]
[JsonSerializable(typeof(PciDetach))]
[JsonSerializable(typeof(PciDetachCompleted))]
[JsonSerializable(typeof(PciDetachFailed))]
[JsonSerializable(typeof(QueryPci))]
[JsonSerializable(typeof(PciDeviceList))]
[JsonSerializable(typeof(DumpPciView))]
[JsonSerializable(typeof(PciViewDump))]
[JsonSerializable(typeof(GuestConfigRead))]
[JsonSerializable(typeof(GuestConfigWrite))]
[JsonSerializable(typeof(ConfigAccessReply))]
[JsonSerializable(typeof(GuestMmioAccess))]
[JsonSerializable(typeof(MmioAccessReply))]
[JsonSerializable(typeof(GuestPortAccess))]
[JsonSerializable(typeof(PortAccessReply))]
[JsonSerializable(typeof(GuestSetIntxDestination))]
[JsonSerializable(typeof(DeviceDma))]
[JsonSerializable(typeof(DmaReply))]
[JsonSerializable(typeof(DeviceInterrupt))]
[JsonSerializable(typeof(InterruptReply))]
[JsonSerializable(typeof(InjectAerError))]
[JsonSerializable(typeof(OperationReply))]
[JsonSerializable(typeof(HotplugHop[]))]
internal sealed partial class IoemuJsonContext : JsonSerializerContext;
