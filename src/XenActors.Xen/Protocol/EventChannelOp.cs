namespace XenActors.Xen.Protocol;

/// <summary>EVTCHNOP_* hypercall sub-op numbers from <c>public/event_channel.h</c>.</summary>
public enum EventChannelOp
{
    BindInterdomain = 0,
    BindVirq = 1,
    BindPirq = 2,
    Close = 3,
    Send = 4,
    Status = 5,
    AllocUnbound = 6,
    BindIpi = 7,
    BindVcpu = 8,
    Unmask = 9,
    Reset = 10,
    InitControl = 11,
    ExpandArray = 12,
    SetPriority = 13,
}
