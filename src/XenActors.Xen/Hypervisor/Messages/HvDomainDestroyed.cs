namespace XenActors.Xen.Hypervisor.Messages;

/// <summary>VIRQ_DOM_EXC, resolved: this domain is gone (destroyed by the toolstack or after a crash).</summary>
public sealed record HvDomainDestroyed(int Domid);
