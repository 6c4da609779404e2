using XenActors.Xen.Protocol;

namespace XenActors.Xen.Hypervisor;

/// <summary>
/// The answer of EVTCHNOP_status. Only the fields the status names are set: Unbound → RemoteDomain;
/// Interdomain → RemoteDomain and RemotePort; Pirq → Pirq; Virq → Virq.
/// </summary>
public readonly record struct EventChannelInfo(
    EventChannelStatus Status,
    int Vcpu,
    int? RemoteDomain = null,
    int? RemotePort = null,
    int? Virq = null,
    int? Pirq = null);
