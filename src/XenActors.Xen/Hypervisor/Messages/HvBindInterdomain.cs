namespace XenActors.Xen.Hypervisor.Messages;

/// <summary>EVTCHNOP_bind_interdomain; the local port is set pending. Answered with <c>XenResult&lt;int&gt;</c>.</summary>
public sealed record HvBindInterdomain(int Caller, int RemoteDom, int RemotePort) : IHypervisorRequest;
