namespace XenActors.Xen.Hypervisor.Messages;

/// <summary>XEN_DOMCTL_createdomain; the domain starts paused. Answered with <c>XenResult&lt;int&gt;</c>.</summary>
public sealed record HvCreateDomain(DomainConfig Config) : IHypervisorRequest;
