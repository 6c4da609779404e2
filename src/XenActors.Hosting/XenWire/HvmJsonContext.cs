using System.Text.Json.Serialization;
using XenActors.Remote.Serialization;
using XenActors.Xen.Hvm;

namespace XenActors.Hosting.XenWire;

// Between ioemu, the virtual BIOS and the HVM guest's kernel: ACPI hot-plug, PCIe native hot-plug and AER.
[JsonSourceGenerationOptions(UseStringEnumConverter = true, IgnoreReadOnlyProperties = true, RespectRequiredConstructorParameters = true, RespectNullableAnnotations = true,
    Converters = [typeof(ActorRefJsonConverter), typeof(PciAddressJsonConverter), typeof(HotplugTrailJsonConverter)])]
[JsonSerializable(typeof(AcpiGpe))]
[JsonSerializable(typeof(AcpiEject))]
[JsonSerializable(typeof(AcpiOst))]
[JsonSerializable(typeof(AcpiNotify))]
[JsonSerializable(typeof(AcpiInsertionAcknowledged))]
[JsonSerializable(typeof(PcieHotplugInterrupt))]
[JsonSerializable(typeof(PcieAerInterrupt))]
[JsonSerializable(typeof(GuestListDevices))]
[JsonSerializable(typeof(GuestDeviceList))]
[JsonSerializable(typeof(GuestPciDevice))]
[JsonSerializable(typeof(SetGuestBehaviour))]
[JsonSerializable(typeof(GuestKernelOptions))]
[JsonSerializable(typeof(GuestPlatformReady))]
[JsonSerializable(typeof(GuestKernelLog))]
[JsonSerializable(typeof(HotplugTrail))]
[JsonSerializable(typeof(HotplugHop))]
[JsonSerializable(typeof(HotplugHop[]))]
internal sealed partial class HvmJsonContext : JsonSerializerContext;
