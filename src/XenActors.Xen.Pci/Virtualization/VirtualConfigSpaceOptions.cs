namespace XenActors.Xen.Pci.Virtualization;

/// <summary>How a <see cref="VirtualConfigSpace"/> behaves.</summary>
public sealed record VirtualConfigSpaceOptions
{
    public static VirtualConfigSpaceOptions Default { get; } = new();

    /// <summary>
    /// Pass writes to unknown bytes and reserved bits through to the device (xl's permissive=1,
    /// pciback's permissive). Unsafe: the guest can then reprogram anything.
    /// </summary>
    public bool Permissive { get; init; }

    /// <summary>
    /// Reproduce QEMU's range check, which refuses addresses ≥ 0xFF: a one-byte access to 0xFF is
    /// rejected though it is inside the 256-byte space (an off-by-one kept for fidelity). When false,
    /// any access inside the served space is allowed.
    /// </summary>
    public bool QemuAddressCheck { get; init; } = true;

    /// <summary>
    /// Serve the PCIe extended space (0x100-0xfff) by passing reads through, as pciback does for PV
    /// guests. QEMU (HVM) serves only the first 256 bytes.
    /// </summary>
    public bool ServeExtendedSpace { get; init; }
}
