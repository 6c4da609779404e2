namespace XenActors.Xen.Ioemu.Messages;

public sealed record MmioAccessReply(uint Value, MmioTarget Target, ulong? MachineAddress, IReadOnlyList<string> Notes);
