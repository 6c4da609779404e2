using XenActors.Xen.Pci;

namespace XenActors.Xen.Ioemu.Messages;

/// <summary>
/// The physical device performs DMA at a bus address its driver gave it (a guest-physical address
/// when passed through): a write carries <see cref="Data"/>, a read fetches Data.Length bytes.
/// Answered by <see cref="DmaReply"/>.
/// </summary>
public sealed record DeviceDma(PciAddress Host, ulong BusAddress, byte[] Data, bool Write);
