using XenActors.Xen.Pci;

namespace XenActors.Xen.Ioemu.Messages;

/// <summary>A guest config read through 0xCF8/0xCFC (first 256 bytes only). Answered by <see cref="ConfigAccessReply"/>.</summary>
public sealed record GuestConfigRead(PciAddress Address, int Offset, int Size);
