using System.Globalization;
using XenActors.Xen.Pci;

namespace XenActors.Xen.Hypervisor;

/// <summary>
/// A physical interrupt source: a GSI, or MSI/MSI-X vector <see cref="Entry"/> of a device.
/// Device and Entry are meaningless for a GSI.
/// </summary>
public readonly record struct InterruptSource(InterruptKind Kind, int Gsi, PciAddress Device, int Entry)
{
    public static InterruptSource ForGsi(int gsi) => new(InterruptKind.Gsi, gsi, default, 0);

    public static InterruptSource ForMsi(PciAddress device, int vector = 0) => new(InterruptKind.Msi, -1, device, vector);

    public static InterruptSource ForMsix(PciAddress device, int entry) => new(InterruptKind.MsiX, -1, device, entry);

    public override string ToString() => Kind switch
    {
        InterruptKind.Gsi => string.Create(CultureInfo.InvariantCulture, $"GSI {Gsi}"),
        InterruptKind.Msi => string.Create(CultureInfo.InvariantCulture, $"MSI {Device}#{Entry}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"MSI-X {Device}#{Entry}"),
    };
}
