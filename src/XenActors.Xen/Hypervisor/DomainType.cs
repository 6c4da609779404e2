namespace XenActors.Xen.Hypervisor;

/// <summary>Paravirtualised (pcifront) or hardware-virtualised (ioemu) guest.</summary>
public enum DomainType
{
    Pv,
    Hvm,
}
