namespace XenActors.Xen.Pci;

/// <summary>What a base address register decodes.</summary>
public enum PciBarKind
{
    Io,
    Memory32,
    Memory64,
}
