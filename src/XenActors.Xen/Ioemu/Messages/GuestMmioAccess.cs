namespace XenActors.Xen.Ioemu.Messages;

/// <summary>A guest load/store to guest-physical memory outside RAM. Answered by <see cref="MmioAccessReply"/>.</summary>
public sealed record GuestMmioAccess(ulong Address, int Size, bool Write, uint Value = 0);
