namespace XenActors.Xen.Ioemu.Messages;

/// <summary>xend → ioemu: what is plugged where (qemu's query-pci). Answered by <see cref="PciDeviceList"/>.</summary>
public sealed record QueryPci
{
    public static QueryPci Instance { get; } = new();
}
