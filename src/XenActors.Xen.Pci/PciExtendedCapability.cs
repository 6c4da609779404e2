namespace XenActors.Xen.Pci;

/// <summary>A PCI Express extended capability found on the chain that starts at 0x100.</summary>
public readonly record struct PciExtendedCapability(ushort Id, byte Version, int Offset);
