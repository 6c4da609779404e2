using XenActors.Xen.Protocol;

namespace XenActors.Xen.Hypervisor;

/// <summary>One slot of a domain's event-channel table (<c>struct evtchn</c>) plus its 2-level pending/mask bits.</summary>
internal sealed class EventChannel(int port)
{
    public int Port { get; } = port;

    public EventChannelState State { get; set; }

    public int NotifyVcpu { get; set; }

    /// <summary>Unbound: the domain allowed to bind. Interdomain: the peer domain.</summary>
    public int RemoteDomain { get; set; } = DomainIds.Invalid;

    public int RemotePort { get; set; }

    public int Virq { get; set; } = -1;

    public int Pirq { get; set; } = -1;

    public bool Pending { get; set; }

    public bool Masked { get; set; }

    /// <summary>free_evtchn: back to Free, pending cleared, notification back to vCPU 0. The mask bit is the guest's and stays.</summary>
    public void Release()
    {
        State = EventChannelState.Free;
        NotifyVcpu = 0;
        RemoteDomain = DomainIds.Invalid;
        RemotePort = 0;
        Virq = -1;
        Pirq = -1;
        Pending = false;
    }
}
