namespace XenActors.Xen.Ioemu;

/// <summary>Something a guest access did that the actor must act on (an eject, a slot powered up or down, an AER report).</summary>
internal sealed record MachineSignal(MachineSignalKind Kind, int Slot);
