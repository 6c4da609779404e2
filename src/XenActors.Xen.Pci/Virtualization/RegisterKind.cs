namespace XenActors.Xen.Pci.Virtualization;

/// <summary>Registers whose write or init needs more than the generic mask rules (QEMU's per-register callbacks).</summary>
public enum RegisterKind
{
    Plain,

    /// <summary>All non-read-only bits are emulated-writable; INTx-disable may reach the device.</summary>
    Command,

    /// <summary>0x34 and every capability's next pointer: relinked to skip hidden capabilities.</summary>
    CapabilityPointer,

    /// <summary>Status: Capabilities List bit follows the relinked chain.</summary>
    Status,

    /// <summary>Base address registers: masks depend on the BAR's kind and size.</summary>
    Bar,

    /// <summary>PMCSR: D-state changes the device cannot do are refused.</summary>
    PowerControl,
}
