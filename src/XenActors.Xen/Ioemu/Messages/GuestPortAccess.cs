using XenActors.Xen.Hvm;

namespace XenActors.Xen.Ioemu.Messages;

/// <summary>A trapped guest IN/OUT. Answered by <see cref="PortAccessReply"/>.</summary>
public sealed record GuestPortAccess(int Port, int Size, bool Write, uint Value = 0)
{
    /// <summary>Set by the virtual BIOS when the write is a hot-plug step (_EJ0 writing B0EJ).</summary>
    public HotplugTrail? Trail { get; init; }
}
