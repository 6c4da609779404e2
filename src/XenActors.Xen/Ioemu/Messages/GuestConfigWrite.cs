using XenActors.Xen.Hvm;
using XenActors.Xen.Pci;

namespace XenActors.Xen.Ioemu.Messages;

/// <summary>A guest config write through 0xCF8/0xCFC. Answered by <see cref="ConfigAccessReply"/>.</summary>
public sealed record GuestConfigWrite(PciAddress Address, int Offset, int Size, uint Value)
{
    /// <summary>Set when the write is a step of a hot-plug (pciehp powering a slot), to continue its chain.</summary>
    public HotplugTrail? Trail { get; init; }
}
