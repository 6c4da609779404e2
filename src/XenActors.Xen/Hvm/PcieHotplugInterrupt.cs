using XenActors.Xen.Pci;

namespace XenActors.Xen.Hvm;

/// <summary>A root port's hot-plug interrupt to the guest's pciehp: read Slot Status to learn why.</summary>
public sealed record PcieHotplugInterrupt(int Slot, PciAddress RootPort, HotplugTrail Trail);
