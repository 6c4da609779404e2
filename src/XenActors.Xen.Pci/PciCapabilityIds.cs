namespace XenActors.Xen.Pci;

/// <summary>Capability IDs (PCI_CAP_ID_*) and extended capability IDs (PCI_EXT_CAP_ID_*).</summary>
public static class PciCapabilityIds
{
    public const byte PowerManagement = 0x01;
    public const byte Agp = 0x02;
    public const byte Vpd = 0x03;
    public const byte SlotId = 0x04;
    public const byte Msi = 0x05;
    public const byte PciX = 0x07;
    public const byte VendorSpecific = 0x09;
    public const byte Shpc = 0x0c;
    public const byte Ssvid = 0x0d;
    public const byte Agp3 = 0x0e;
    public const byte PciExpress = 0x10;
    public const byte MsiX = 0x11;

    public const ushort ExtAer = 0x0001;
    public const ushort ExtDsn = 0x0003;
    public const ushort ExtSriov = 0x0010;

    public static string Name(byte id) => id switch
    {
        PowerManagement => "Power Management",
        Agp => "AGP",
        Vpd => "VPD",
        SlotId => "Slot ID",
        Msi => "MSI",
        PciX => "PCI-X",
        VendorSpecific => "Vendor Specific",
        Shpc => "SHPC",
        Ssvid => "Subsystem ID",
        Agp3 => "AGP3",
        PciExpress => "PCI Express",
        MsiX => "MSI-X",
        _ => $"Capability {id:x2}",
    };
}
