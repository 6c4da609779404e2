using XenActors.Xen.Hvm;
using XenActors.Xen.Pci;

namespace XenActors.Xen.Ioemu.Messages;

/// <summary>ioemu → xend: the guest has the device. Warnings name devices that will misbehave passed through.</summary>
public sealed record PciAttachCompleted(int VirtualSlot, IReadOnlyList<PciAddress> GuestAddresses, IReadOnlyList<string> Warnings, HotplugTrail Trail);
