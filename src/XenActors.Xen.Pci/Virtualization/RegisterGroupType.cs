namespace XenActors.Xen.Pci.Virtualization;

public enum RegisterGroupType
{
    /// <summary>Registers emulated per the table; other bytes pass through on read.</summary>
    Emulated,

    /// <summary>Hidden from the guest: reads 0, writes ignored, removed from the capability chain.</summary>
    Hardwired,
}
