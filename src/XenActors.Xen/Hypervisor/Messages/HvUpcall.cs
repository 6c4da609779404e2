namespace XenActors.Xen.Hypervisor.Messages;

/// <summary>
/// An event arrived on <paramref name="Port"/> of domain <paramref name="Domid"/> (pending bit already consumed).
/// <paramref name="Page"/>: the start of the shared page the handler registered with <see cref="HvBindUpcalls"/>, read at
/// delivery (after the sender's writes): the woken side reads shared memory at memory speed, not by a hypercall.
/// <paramref name="WriteBackGfn"/>: the upcall came by an <see cref="HvShortcut"/> and <paramref name="Page"/> is what the
/// peer wrote into that frame of ours; <see cref="HypervisorClient.Accept"/> stores it.
/// </summary>
public sealed record HvUpcall(int Domid, int Port, byte[]? Page = null, long? WriteBackGfn = null);
