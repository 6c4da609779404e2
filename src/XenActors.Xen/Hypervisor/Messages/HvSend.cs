namespace XenActors.Xen.Hypervisor.Messages;

/// <summary>EVTCHNOP_send. Answered with <c>XenResult</c>.</summary>
public sealed record HvSend(int Caller, int Port) : IHypervisorRequest;
