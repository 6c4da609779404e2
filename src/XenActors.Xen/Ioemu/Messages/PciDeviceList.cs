namespace XenActors.Xen.Ioemu.Messages;

public sealed record PciDeviceList(IReadOnlyList<PciDeviceEntry> Devices);
