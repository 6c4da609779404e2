namespace XenActors.Xen.Ioemu.Messages;

/// <summary>What a guest MMIO access reached.</summary>
public enum MmioTarget
{
    /// <summary>Nothing decodes the address: reads all ones, writes vanish.</summary>
    Unassigned,

    /// <summary>The MMCFG window: a config access (0x000-0xFFF).</summary>
    ConfigSpace,

    /// <summary>A page mapped straight to the device's BAR (no trap in real hardware).</summary>
    Device,

    /// <summary>The MSI-X table, which ioemu traps to translate vectors.</summary>
    MsixTable,

    /// <summary>The device is in D3hot: it does not decode memory.</summary>
    PoweredDown,
}
