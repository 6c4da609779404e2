namespace XenActors.Xen.Ioemu.Messages;

public sealed record PortAccessReply(uint Value, PortTarget Target, int? MachinePort, string? Note);
