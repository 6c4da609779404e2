namespace XenActors.Xen.Hypervisor.Messages;

/// <summary>EVTCHNOP_status of <c>Port</c> in <c>Dom</c>, asked by <c>Caller</c>. Answered with <c>XenResult&lt;EventChannelInfo&gt;</c>.</summary>
public sealed record HvEventChannelStatus(int Caller, int Dom, int Port) : IHypervisorRequest;
