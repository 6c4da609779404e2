namespace XenActors.Xen.Hypervisor.Messages;

/// <summary>An event arrived on <paramref name="Port"/> of domain <paramref name="Domid"/> (pending bit already consumed).</summary>
public sealed record HvUpcall(int Domid, int Port);
