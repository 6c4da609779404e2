namespace XenActors.Xen.Hvm;

/// <summary>How the guest learns of hot-plug, chosen per guest.</summary>
public enum HotplugMode
{
    /// <summary>ACPI: GPE bit 1, PCIU/PCID/B0EJ, devices on bus 0 (what the seeds' ioemu did).</summary>
    Acpi,

    /// <summary>PCIe native: a virtual root port per slot, presence detect and attention button (pciehp).</summary>
    PcieNative,
}
