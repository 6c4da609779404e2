namespace XenActors.Xen.Protocol;

/// <summary>EVTCHNSTAT_* values returned by EVTCHNOP_status.</summary>
public enum EventChannelStatus
{
    Closed = 0,
    Unbound = 1,
    Interdomain = 2,
    Pirq = 3,
    Virq = 4,
    Ipi = 5,
}
