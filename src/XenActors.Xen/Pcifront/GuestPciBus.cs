namespace XenActors.Xen.Pcifront;

/// <summary>The guest's virtual PCI devices in address order (empty when it has no pcifront).</summary>
public sealed record GuestPciBus(IReadOnlyList<GuestPciDevice> Devices)
{
    public IReadOnlyList<string> Lines => Devices.Select(d => d.LspciLine).ToList();
}
