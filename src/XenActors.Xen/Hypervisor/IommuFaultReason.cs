namespace XenActors.Xen.Hypervisor;

/// <summary>Why the IOMMU refused a device's memory access.</summary>
public enum IommuFaultReason
{
    /// <summary>The bus address is outside the owning domain's guest-physical memory.</summary>
    OutsideOwnerMemory,

    /// <summary>The function is quarantined under DOMID_IO, where every DMA is blocked.</summary>
    Quarantined,

    /// <summary>
    /// The device used a driver-given guest-physical address as a machine address for an access the
    /// IOMMU does not translate (the seed's "unsuitable device for I/O pass-through").
    /// </summary>
    UntranslatedDriverAddress,

    /// <summary>A write through a read-only IOMMU mapping.</summary>
    ReadOnly,
}
