namespace XenActors.Xen.Ioemu.Messages;

/// <summary>The bytes read (empty for a write) or the IOMMU fault that stopped the transfer.</summary>
public sealed record DmaReply(bool Ok, byte[] Data, string? Fault);
