using System.Globalization;

namespace XenActors.Xen.Pci;

/// <summary>
/// Class names as lspci prints them (from pci.ids), so that an exported dump's header line reads
/// like the real tool's: "00:1d.7 USB controller: Intel Corporation ... (rev 03)".
/// </summary>
public static class PciNames
{
    public static string ClassName(int classCode) => (classCode >> 8) switch
    {
        0x0000 => "Non-VGA unclassified device",
        0x0100 => "SCSI storage controller",
        0x0101 => "IDE interface",
        0x0106 => "SATA controller",
        0x0108 => "Non-Volatile memory controller",
        0x0180 => "Mass storage controller",
        0x0200 => "Ethernet controller",
        0x0280 => "Network controller",
        0x0300 => "VGA compatible controller",
        0x0403 => "Audio device",
        0x0600 => "Host bridge",
        0x0601 => "ISA bridge",
        0x0604 => "PCI bridge",
        0x0c03 => "USB controller",
        0x0c05 => "SMBus",
        0xff00 => "Unassigned class [ff00]",
        _ => string.Create(CultureInfo.InvariantCulture, $"Class [{classCode >> 8:x4}]"),
    };

    /// <summary>"Class name: product (rev xx)", the text lspci puts after the address.</summary>
    public static string Describe(int classCode, string product, byte revision) =>
        revision == 0
            ? $"{ClassName(classCode)}: {product}"
            : string.Create(CultureInfo.InvariantCulture, $"{ClassName(classCode)}: {product} (rev {revision:x2})");

    /// <summary>What lspci prints for a function whose IDs are not in its database.</summary>
    public static string Describe(PciFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return function.Description ?? Describe(
            function.ClassCode,
            string.Create(CultureInfo.InvariantCulture, $"Device {function.VendorId:x4}:{function.DeviceId:x4}"),
            function.Revision);
    }
}
