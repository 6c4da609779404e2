namespace XenActors.Xen.Ioemu.Messages;

public enum PortTarget
{
    Unassigned,

    /// <summary>The ACPI PCI hot-plug registers (PCIU/PCID/B0EJ/B0RM).</summary>
    AcpiHotplug,

    /// <summary>Forwarded to the device's machine I/O port.</summary>
    Device,
}
