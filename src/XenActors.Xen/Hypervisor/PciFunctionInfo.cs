using XenActors.Xen.Pci;

namespace XenActors.Xen.Hypervisor;

/// <summary>
/// A PCI function as the hypervisor knows it. Owner is 0 for the host, DOMID_IO for the assignable
/// pool (quarantine), or the guest it is assigned to. UsesDriverGivenPhysicalAddresses marks the seed's
/// device that reaches its own memory with driver-given physical addresses, bypassing the IOMMU.
/// </summary>
public sealed record PciFunctionInfo(PciAddress Address, int Owner, bool UsesDriverGivenPhysicalAddresses);
