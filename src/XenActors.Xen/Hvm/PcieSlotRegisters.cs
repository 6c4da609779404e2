namespace XenActors.Xen.Hvm;

/// <summary>
/// PCI Express capability fields a native hot-plug slot uses (PCIe base spec 7.5.3; Linux
/// include/uapi/linux/pci_regs.h PCI_EXP_SLT*), offsets relative to the PCIe capability.
/// </summary>
public static class PcieSlotRegisters
{
    public const int Flags = 0x02;
    public const int SlotCapabilities = 0x14;
    public const int SlotControl = 0x18;
    public const int SlotStatus = 0x1a;

    /// <summary>PCI_EXP_FLAGS_SLOT: the port has a slot.</summary>
    public const ushort FlagsSlotImplemented = 0x0100;

    /// <summary>Device/port type 4 in PCI_EXP_FLAGS bits 7:4.</summary>
    public const int TypeRootPort = 0x4;

    public const uint SlotCapAttentionButton = 0x0001;
    public const uint SlotCapPowerController = 0x0002;
    public const uint SlotCapAttentionIndicator = 0x0008;
    public const uint SlotCapPowerIndicator = 0x0010;
    public const uint SlotCapHotPlugSurprise = 0x0020;
    public const uint SlotCapHotPlugCapable = 0x0040;
    public const int SlotCapPhysicalSlotShift = 19;

    public const ushort SlotCtlAttentionButtonEnable = 0x0001;
    public const ushort SlotCtlPresenceDetectEnable = 0x0008;
    public const ushort SlotCtlHotPlugInterruptEnable = 0x0020;
    public const ushort SlotCtlPowerIndicatorMask = 0x0300;
    public const ushort SlotCtlPowerIndicatorOn = 0x0100;
    public const ushort SlotCtlPowerIndicatorOff = 0x0300;

    /// <summary>Power Controller Control: 0 = power on, 1 = power off.</summary>
    public const ushort SlotCtlPowerOff = 0x0400;

    public const ushort SlotStaAttentionButtonPressed = 0x0001;
    public const ushort SlotStaPresenceDetectChanged = 0x0008;
    public const ushort SlotStaPresenceDetectState = 0x0040;

    /// <summary>Status bits the guest clears by writing one.</summary>
    public const ushort SlotStaRw1cMask = 0x011f;
}
