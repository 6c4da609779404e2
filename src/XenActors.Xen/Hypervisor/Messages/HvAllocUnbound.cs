namespace XenActors.Xen.Hypervisor.Messages;

/// <summary>EVTCHNOP_alloc_unbound. Answered with <c>XenResult&lt;int&gt;</c>.</summary>
public sealed record HvAllocUnbound(int Caller, int Dom, int RemoteDom) : IHypervisorRequest;
