using XenActors.Xen.Pci;

namespace XenActors.Xen.Hvm;

/// <summary>A root port signals an error reported by <paramref name="Device"/> behind it (the guest's AER driver reads and clears it).</summary>
public sealed record PcieAerInterrupt(int Slot, PciAddress RootPort, PciAddress Device, HotplugTrail Trail);
