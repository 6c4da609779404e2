namespace XenActors.Xen.Hvm;

/// <summary>
/// The ACPI PCI hot-plug interface between the device model and the guest's DSDT
/// (xen tools/libacpi/mk_dsdt.c, qemu-xen's piix4 pcihp): GPE bit 1 runs _E01, which reads the
/// slot bitmaps PCIU (inserted) and PCID (removal requested) and notifies each slot; _EJ0 writes
/// 1&lt;&lt;slot to B0EJ; _STA tests the slot in B0RM.
/// </summary>
public static class AcpiPciHotplug
{
    /// <summary>GPE0 status bit whose _E01 handler scans the PCI slots.</summary>
    public const int GpeBit = 1;

    public const int PciuPort = 0xae00;
    public const int PcidPort = 0xae04;
    public const int B0ejPort = 0xae08;
    public const int B0rmPort = 0xae0c;

    /// <summary>First and one-past-last port of the register block the device model decodes.</summary>
    public const int FirstPort = PciuPort;
    public const int EndPort = B0rmPort + 4;

    public const int FirstSlot = 1;
    public const int LastSlot = 31;

    /// <summary>Notify(Sn, 1): device check (insertion).</summary>
    public const int NotifyDeviceCheck = 1;

    /// <summary>Notify(Sn, 3): eject request.</summary>
    public const int NotifyEjectRequest = 3;

    /// <summary>_OST status codes (ACPI 3.0 6.3.5): success, and the ejection failures a guest may report.</summary>
    public const int OstSuccess = 0x00;
    public const int OstEjectNotSupported = 0x80;
    public const int OstDeviceInUse = 0x81;

    public static bool IsSlot(int slot) => slot is >= FirstSlot and <= LastSlot;

    public static bool IsRegisterPort(int port) => port is >= FirstPort and < EndPort;
}
