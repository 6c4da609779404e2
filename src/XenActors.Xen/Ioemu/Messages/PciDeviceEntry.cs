using XenActors.Xen.Pci;

namespace XenActors.Xen.Ioemu.Messages;

/// <summary>One pass-through function: where the guest sees it, which host function it is, and the slot's state.</summary>
public sealed record PciDeviceEntry(PciAddress Guest, PciAddress Host, int VirtualSlot, SlotState State);
