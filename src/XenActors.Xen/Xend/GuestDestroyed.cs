namespace XenActors.Xen.Xend;

/// <summary>Sent by xend to the host's launcher: the domain is gone, so are its kernel and device model.</summary>
public sealed record GuestDestroyed(int Domid);
