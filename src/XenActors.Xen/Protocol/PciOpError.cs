namespace XenActors.Xen.Protocol;

/// <summary>XEN_PCI_ERR_* values returned by pciback in <c>xen_pci_op.err</c>.</summary>
public enum PciOpError
{
    Success = 0,
    DevNotFound = -1,
    InvalidOffset = -2,
    AccessDenied = -3,
    NotImplemented = -4,

    /// <summary>The backend failed to complete the operation.</summary>
    OpFailed = -5,
}
