namespace XenActors.Xen.Pci;

/// <summary>
/// What a BAR is in hardware: its kind and size. The address lives in configuration space;
/// the size is what BAR sizing (write all ones, read back) reveals.
/// </summary>
public sealed record PciBarDefinition(PciBarKind Kind, bool Prefetchable, ulong Size)
{
    /// <summary>Address bits the hardware implements in the low dword (the rest read as flags or zero).</summary>
    internal uint LowAddressMask
    {
        get
        {
            var typeMask = Kind == PciBarKind.Io ? ~PciConfigRegisters.BarIoFlagsMask : ~PciConfigRegisters.BarMemFlagsMask;
            if (Size == 0) return typeMask;
            return Size > uint.MaxValue ? 0 : typeMask & ~(uint)(Size - 1);
        }
    }

    internal uint HighAddressMask => Size == 0 ? uint.MaxValue : ~(uint)((Size - 1) >> 32);
}
