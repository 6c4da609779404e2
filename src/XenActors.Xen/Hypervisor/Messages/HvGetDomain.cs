namespace XenActors.Xen.Hypervisor.Messages;

/// <summary>The domain's id, name, type and state (ESRCH if unknown). Answered with <c>XenResult&lt;DomainSummary&gt;</c>.</summary>
public sealed record HvGetDomain(int Domid) : IHypervisorRequest;
