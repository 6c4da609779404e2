using XenActors.Xen.Pci;

namespace XenActors.Xen.Ioemu.Messages;

/// <summary>One physical function of a device being passed through and the virtual function it becomes.</summary>
public sealed record PassThroughFunction(PciAddress Host, int VirtualFunction);
