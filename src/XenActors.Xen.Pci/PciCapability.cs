namespace XenActors.Xen.Pci;

/// <summary>A capability found on the chain that starts at 0x34.</summary>
public readonly record struct PciCapability(byte Id, int Offset)
{
    public string Name => PciCapabilityIds.Name(Id);
}
