using XenActors.Xen.Pci;

namespace XenActors.Xen.Pcifront;

/// <summary>A function on the guest's virtual PCI bus, as the guest kernel enumerated it through pci-op.</summary>
public sealed record GuestPciDevice(PciAddress Address, ushort VendorId, ushort DeviceId, int ClassCode, bool Enabled)
{
    /// <summary>Header type byte as read at enumeration (bit 7: multi-function).</summary>
    public byte HeaderType { get; init; }

    /// <summary>`lspci -n` style: <c>00:00.0 0c03: 8086:2934</c>.</summary>
    public string LspciLine => FormattableString.Invariant($"{Address.ToShortString()} {ClassCode >> 8:x4}: {VendorId:x4}:{DeviceId:x4}");
}
