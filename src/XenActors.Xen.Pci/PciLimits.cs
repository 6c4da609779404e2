namespace XenActors.Xen.Pci;

/// <summary>Field limits of a PCI address (xl-pci-configuration(5): dom ≤ 0xffff, bus ≤ 0xff, dev ≤ 0x1f, func ≤ 7).</summary>
public static class PciLimits
{
    public const int MaxDomain = 0xffff;
    public const int MaxBus = 0xff;
    public const int MaxDevice = 0x1f;
    public const int MaxFunction = 7;
    public const int MaxVirtualSlot = 0x1f;
    public const int FunctionsPerDevice = 8;

    /// <summary>Conventional (type 0 header + capabilities) configuration space size.</summary>
    public const int ConventionalConfigSize = 256;

    /// <summary>PCI Express extended configuration space size.</summary>
    public const int ExtendedConfigSize = 4096;

    public const int PageSize = 4096;
}
