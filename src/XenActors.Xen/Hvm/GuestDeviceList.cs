namespace XenActors.Xen.Hvm;

public sealed record GuestDeviceList(IReadOnlyList<GuestPciDevice> Devices);
