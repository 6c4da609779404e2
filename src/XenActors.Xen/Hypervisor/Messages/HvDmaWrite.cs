using XenActors.Xen.Pci;

namespace XenActors.Xen.Hypervisor.Messages;

/// <summary>The device writes memory by DMA at a bus address the IOMMU translates. Answered with <c>XenResult</c>.</summary>
public sealed record HvDmaWrite(PciAddress Device, ulong BusAddress, byte[] Data) : IHypervisorRequest;
