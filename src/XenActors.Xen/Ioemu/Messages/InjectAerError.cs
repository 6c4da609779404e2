using XenActors.Xen.Pci;

namespace XenActors.Xen.Ioemu.Messages;

/// <summary>
/// A PCIe error on the physical device (what dom0's AER driver would see): <see cref="StatusBit"/> is
/// set in its Correctable or Uncorrectable Error Status and reported to the guest. Answered by <see cref="OperationReply"/>.
/// </summary>
public sealed record InjectAerError(PciAddress Host, bool Correctable, uint StatusBit);
