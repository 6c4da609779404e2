namespace XenActors.Xen.Pcifront;

/// <summary>Asks a guest kernel for its virtual PCI bus; answered with <see cref="GuestPciBus"/>.</summary>
public sealed record GuestLspci
{
    public static GuestLspci Instance { get; } = new();
}
