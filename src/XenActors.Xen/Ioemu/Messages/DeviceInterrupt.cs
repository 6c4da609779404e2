using XenActors.Xen.Hypervisor;
using XenActors.Xen.Pci;

namespace XenActors.Xen.Ioemu.Messages;

/// <summary>The physical device signals INTx, an MSI, or MSI-X table entry <see cref="Entry"/>. Answered by <see cref="InterruptReply"/>.</summary>
public sealed record DeviceInterrupt(PciAddress Host, InterruptKind Kind, int Entry = 0);
