namespace XenActors.Xen.Hypervisor;

/// <summary>One entry of the hypervisor's log: what happened, to which domain, when (injected clock).</summary>
public sealed record HypervisorEvent(long Sequence, TimeSpan At, HypervisorEventKind Kind, int Domain, string Detail);
