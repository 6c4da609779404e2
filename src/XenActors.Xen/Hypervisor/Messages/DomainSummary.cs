namespace XenActors.Xen.Hypervisor.Messages;

/// <summary>An immutable view of a domain for other actors.</summary>
public sealed record DomainSummary(int Domid, string Name, DomainType Type, DomainState State);
