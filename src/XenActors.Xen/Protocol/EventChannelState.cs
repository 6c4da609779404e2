namespace XenActors.Xen.Protocol;

/// <summary>
/// The hypervisor's internal channel states (ECS_* in <c>xen/include/xen/sched.h</c>).
/// Free and Reserved both report as <see cref="EventChannelStatus.Closed"/>; port 0 is Reserved.
/// </summary>
public enum EventChannelState
{
    Free = 0,
    Reserved = 1,
    Unbound = 2,
    Interdomain = 3,
    Pirq = 4,
    Virq = 5,
    Ipi = 6,
}
