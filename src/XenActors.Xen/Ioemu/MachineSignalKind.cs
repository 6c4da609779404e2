namespace XenActors.Xen.Ioemu;

internal enum MachineSignalKind
{
    /// <summary>_EJ0 wrote the slot's bit to B0EJ.</summary>
    EjectWritten,

    /// <summary>pciehp turned the slot's power (and power indicator) on.</summary>
    SlotPoweredOn,

    /// <summary>pciehp turned the slot's power off.</summary>
    SlotPoweredOff,
}
