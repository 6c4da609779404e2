using XenActors.Xen.Pci;

namespace XenActors.Xen.Hypervisor;

/// <summary>A refused DMA: the device, the bus address it used, the domain owning the device, and why.</summary>
public sealed record IommuFault(long Sequence, PciAddress Device, ulong Address, int Domain, bool Write, IommuFaultReason Reason);
