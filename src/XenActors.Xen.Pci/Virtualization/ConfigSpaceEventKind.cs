namespace XenActors.Xen.Pci.Virtualization;

public enum ConfigSpaceEventKind
{
    /// <summary>A guest access of a bad size, misaligned, or beyond what the emulator serves.</summary>
    AccessRejected,

    /// <summary>First write to bytes no register covers, dropped (non-permissive). Logged once per device.</summary>
    WriteInhibited,

    /// <summary>First write to bytes no register covers, passed to the device (permissive). Logged once per device.</summary>
    PermissiveWritePassedThrough,

    /// <summary>A write into a hidden (hardwired) capability, ignored.</summary>
    HardwiredWriteIgnored,

    /// <summary>The guest asked PMCSR for a D-state the device does not support (PMC D1/D2 bits).</summary>
    PowerStateRefused,

    /// <summary>The guest programmed an address into a BAR the device does not implement.</summary>
    UnusedBarWrite,
}
