using XenActors.Xen.Hvm;
using XenActors.Xen.Pci;

namespace XenActors.Xen.Ioemu.Messages;

/// <summary>ioemu → xend: the guest ejected the slot; its functions went back to the assignable pool.</summary>
public sealed record PciDetachCompleted(int VirtualSlot, IReadOnlyList<PciAddress> HostAddresses, HotplugTrail Trail);
