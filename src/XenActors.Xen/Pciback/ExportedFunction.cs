using XenActors.Xen.Pci;
using XenActors.Xen.Pci.Virtualization;

namespace XenActors.Xen.Pciback;

/// <summary>A physical function pciback exports at a virtual devfn, behind its config-space filter.</summary>
public sealed record ExportedFunction(PciAddress Physical, int VirtualDevfn, string Key, VirtualConfigSpace Config)
{
    /// <summary>vdev-N as pciback writes it: <c>%04x:%02x:%02x.%02x</c>.</summary>
    public string VdevText => FormattableString.Invariant($"{0:x4}:{0:x2}:{VirtualDevfn >> 3:x2}.{VirtualDevfn & 7:x2}");
}
