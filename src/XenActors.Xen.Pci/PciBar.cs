using System.Globalization;

namespace XenActors.Xen.Pci;

/// <summary>
/// A decoded base address register. <see cref="Size"/> is zero when unknown (an lspci dump carries
/// no sizes: lspci reads them from sysfs, not from configuration space).
/// </summary>
public sealed record PciBar(int Index, PciBarKind Kind, bool Prefetchable, ulong Address, ulong Size)
{
    public bool IsMemory => Kind != PciBarKind.Io;

    public bool Is64Bit => Kind == PciBarKind.Memory64;

    /// <summary>MMIO is mapped into a guest page by page, so a BAR must start on a page boundary.</summary>
    public bool IsPageAligned => !IsMemory || Address % PciLimits.PageSize == 0;

    /// <summary>The flag bits in the low dword (I/O bit, memory type, prefetchable).</summary>
    public uint Flags => Kind switch
    {
        PciBarKind.Io => PciConfigRegisters.BarSpaceIo,
        PciBarKind.Memory64 => PciConfigRegisters.BarMemType64 | (Prefetchable ? PciConfigRegisters.BarMemPrefetch : 0),
        _ => Prefetchable ? PciConfigRegisters.BarMemPrefetch : 0,
    };

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"BAR{Index} {Kind}{(Prefetchable ? " prefetchable" : "")} at {Address:x} size {Size:x}");
}
