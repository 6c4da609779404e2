using XenActors.Xen.Pci;

namespace XenActors.Xen.Hvm;

/// <summary>A function the guest kernel found at its guest address, with the IDs it read.</summary>
public sealed record GuestPciDevice(PciAddress Address, ushort VendorId, ushort DeviceId);
