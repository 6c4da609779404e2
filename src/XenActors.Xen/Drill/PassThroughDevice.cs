using XenActors.Xen.Pci;

namespace XenActors.Xen.Drill;

/// <summary>
/// A PCI function passed through to a guest on a host. <paramref name="Kind"/> is what "matching" means on
/// another host: vendor:device/class (e.g. <c>8086:10c9/020000</c>); <see cref="VirtualSlot"/> is where the
/// guest sees it, kept on the destination.
/// </summary>
public sealed record PassThroughDevice(string Host, PciAddress Address, string Kind)
{
    /// <summary>The guest's virtual slot (-1 when unknown); its functions keep their numbers inside it.</summary>
    public int VirtualSlot { get; init; } = -1;

    public override string ToString() => $"{Host}/{Address}";
}
