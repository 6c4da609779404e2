using XenActors.Actor;

namespace XenActors.Xen.Hypervisor.Messages;

/// <summary>
/// Where upcalls of a domain (or of one of its ports, which wins) are delivered as HvUpcall messages: the guest kernel's evtchn handler.
/// A port handler may name the shared page it reads when woken, <paramref name="SnapshotLength"/> bytes from its start: one of its
/// grant mappings (<paramref name="SnapshotMapping"/>, pciback) or one of its own frames (<paramref name="SnapshotGfn"/>, pcifront);
/// each upcall then carries those bytes. <paramref name="Shortcuts"/>: the handler takes <see cref="HvShortcut"/> offers for
/// this port's sends and may receive upcalls straight from the peer (a driver whose hypervisor is in another process).
/// Answered with <c>XenResult</c>.
/// </summary>
public sealed record HvBindUpcalls(int Domid, int? Port, IActorRef Handler, int? SnapshotMapping = null, long? SnapshotGfn = null, int SnapshotLength = 0, bool Shortcuts = false)
    : IHypervisorRequest;
