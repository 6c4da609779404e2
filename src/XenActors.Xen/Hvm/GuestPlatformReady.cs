using XenActors.Actor;

namespace XenActors.Xen.Hvm;

/// <summary>
/// Tells the guest kernel where its platform is: the device model (config, MMIO and port accesses go
/// there), the virtual BIOS (ACPI methods; null with native PCIe hot-plug), the hot-plug flavour and
/// the MMCFG window.
/// </summary>
public sealed record GuestPlatformReady(IActorRef DeviceModel, IActorRef? Bios, HotplugMode Hotplug, ulong MmcfgBase);
