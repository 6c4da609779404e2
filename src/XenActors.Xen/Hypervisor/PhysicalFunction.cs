using XenActors.Xen.Pci;

namespace XenActors.Xen.Hypervisor;

/// <summary>The hypervisor's record of one PCI function (<c>struct pci_dev</c>): who owns its IOMMU context.</summary>
internal sealed class PhysicalFunction(PciAddress address, bool usesDriverGivenPhysicalAddresses)
{
    public PciAddress Address { get; } = address;

    /// <summary>0 = the host (hardware domain), DOMID_IO = the assignable pool (quarantine), else a guest.</summary>
    public int Owner { get; set; }

    public bool UsesDriverGivenPhysicalAddresses { get; } = usesDriverGivenPhysicalAddresses;

    public PciFunctionInfo ToInfo() => new(Address, Owner, UsesDriverGivenPhysicalAddresses);
}
