using XenActors.Xen.Pci;

namespace XenActors.Xen.Hypervisor.Messages;

/// <summary>The device reads memory by DMA. Answered with <c>XenResult&lt;byte[]&gt;</c>.</summary>
public sealed record HvDmaRead(PciAddress Device, ulong BusAddress, int Length) : IHypervisorRequest;
