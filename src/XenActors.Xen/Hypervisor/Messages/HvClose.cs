namespace XenActors.Xen.Hypervisor.Messages;

/// <summary>EVTCHNOP_close; the peer of an interdomain port turns unbound. Answered with <c>XenResult</c>.</summary>
public sealed record HvClose(int Caller, int Port) : IHypervisorRequest;
