namespace XenActors.Xen.Pci.Virtualization;

/// <summary>
/// Outcome of a guest access. pciback maps every failure to XEN_PCI_ERR_invalid_offset (-2);
/// QEMU ignores the write and reads all ones.
/// </summary>
public enum ConfigAccessResult
{
    Ok,
    InvalidSize,
    Misaligned,
    OutOfRange,
}
