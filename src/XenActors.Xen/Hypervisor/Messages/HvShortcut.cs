using XenActors.Actor;

namespace XenActors.Xen.Hypervisor.Messages;

/// <summary>
/// The hypervisor's offer to the handler of <paramref name="Domid"/>'s <paramref name="Port"/>: a send on that port may
/// go straight to <paramref name="Handler"/>, the peer's handler, as the upcall the hypervisor would have delivered
/// (<see cref="HvUpcall"/> on <paramref name="PeerDomid"/>:<paramref name="PeerPort"/> with the first
/// <paramref name="Length"/> bytes of the shared page). Real Xen sets the peer's pending bit in its shared_info and
/// kicks its vCPU without a detour; with the hypervisor in a process of its own, the detour would double every
/// event's crossings. A null <paramref name="Handler"/> withdraws the offer (a port closed or rebound, the peer paused,
/// masked or gone): sends go through the hypervisor again.
/// </summary>
/// <param name="SourceGfn">The sender writes the page as its own frame (<see cref="HvWriteGuest"/>; pcifront).</param>
/// <param name="SourceMapping">The sender writes the page through this grant mapping (<see cref="HvWriteMapped"/>; pciback).</param>
/// <param name="WriteBackGfn">The page is the peer's own frame: the peer stores what the upcall brings (only the owner writes a frame's copy in the hypervisor, so writes from both ends cannot arrive out of order).</param>
public sealed record HvShortcut(
    int Domid,
    int Port,
    IActorRef? Handler,
    int PeerDomid = 0,
    int PeerPort = 0,
    int Length = 0,
    long? SourceGfn = null,
    int? SourceMapping = null,
    long? WriteBackGfn = null);
