using XenActors.Xen.Pci;

namespace XenActors.Xen.Ioemu.Messages;

/// <summary>The guest programs the IO-APIC entry of a pass-through function's INTx line to a vCPU. Answered by <see cref="OperationReply"/>.</summary>
public sealed record GuestSetIntxDestination(PciAddress Address, int Vcpu);
