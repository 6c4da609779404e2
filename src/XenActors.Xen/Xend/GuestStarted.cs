namespace XenActors.Xen.Xend;

/// <summary>Sent by xend to the host's launcher: start the kernel of this PV domain (its own node in cluster mode).</summary>
public sealed record GuestStarted(int Domid, string Name);
