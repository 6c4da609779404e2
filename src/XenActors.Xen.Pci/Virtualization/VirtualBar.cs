namespace XenActors.Xen.Pci.Virtualization;

/// <summary>
/// A BAR as the guest programmed it, beside the host BAR it maps to. MMIO is mapped in whole pages,
/// so <see cref="EmulatedSize"/> is the host size rounded up to 4 KiB.
/// </summary>
public sealed record VirtualBar(int Index, PciBarKind Kind, ulong HostAddress, ulong GuestAddress, ulong EmulatedSize)
{
    /// <summary>
    /// The guest page offset differs from the host's: Xen's vPCI refuses such a mapping ("offset
    /// mismatch"), and a host BAR that is not page aligned always ends up here.
    /// </summary>
    public bool PageOffsetMismatch => Kind != PciBarKind.Io && (HostAddress % PciLimits.PageSize) != (GuestAddress % PciLimits.PageSize);
}
