namespace XenActors.Xen.Xend;

/// <summary>xm create for a PV guest: domain, store home, guest kernel started. Answered with an <see cref="XmResult"/>.</summary>
public sealed record XmCreate(string Name);
