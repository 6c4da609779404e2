using XenActors.Xen.Protocol;

namespace XenActors.Xen.Hypervisor;

// Delivery side of event channels (2-level ABI): pending and mask bits, the upcall edge, and the
// guest's handler loop. A paused domain keeps its pending bits; the upcalls come on unpause.
public sealed partial class XenHypervisor
{
    /// <summary>EVTCHNOP_unmask. EINVAL for an invalid port; a pending event is delivered as the mask clears.</summary>
    public XenResult Unmask(int caller, int port)
    {
        var self = CallerDomain(caller);
        if (!self.TryGetValue(out var domain))
        {
            return self.Error;
        }

        if (ValidPort(domain, port) is not { } channel)
        {
            return Fail(Errno.EINVAL, $"port {port} of domain {caller} is not valid");
        }

        if (channel.Masked)
        {
            channel.Masked = false;
            if (channel.Pending)
            {
                Notify(domain, channel);
            }
        }

        return XenResult.Ok;
    }

    /// <summary>Sets the mask bit, as a guest does directly in shared_info (no hypercall exists for it).</summary>
    public XenResult Mask(int caller, int port)
    {
        var self = CallerDomain(caller);
        if (!self.TryGetValue(out var domain))
        {
            return self.Error;
        }

        if (ValidPort(domain, port) is not { } channel)
        {
            return Fail(Errno.EINVAL, $"port {port} of domain {caller} is not valid");
        }

        channel.Masked = true;
        return XenResult.Ok;
    }

    /// <summary>Whether the port's pending bit is set (the guest reads it from shared_info).</summary>
    public bool IsPending(int domid, int port) => Find(domid)?.PortOrNull(port)?.Pending ?? false;

    public bool IsMasked(int domid, int port) => Find(domid)?.PortOrNull(port)?.Masked ?? false;

    /// <summary>The guest's event handler: returns the pending, unmasked ports and clears their pending bits.</summary>
    public IReadOnlyList<int> ConsumePending(int domid)
    {
        if (Find(domid) is not { } domain)
        {
            return [];
        }

        var ready = new List<int>();
        foreach (var channel in domain.Ports)
        {
            if (channel.Pending && !channel.Masked)
            {
                channel.Pending = false;
                ready.Add(channel.Port);
            }
        }

        return ready;
    }

    /// <summary>Clears one pending bit, as the guest does before handling the port.</summary>
    public XenResult ClearPending(int caller, int port)
    {
        var self = CallerDomain(caller, allowDying: true);
        if (!self.TryGetValue(out var domain))
        {
            return self.Error;
        }

        if (ValidPort(domain, port) is not { } channel)
        {
            return Fail(Errno.EINVAL, $"port {port} of domain {caller} is not valid");
        }

        channel.Pending = false;
        return XenResult.Ok;
    }

    /// <summary>evtchn_port_set_pending (2-level ABI): an upcall only on the 0→1 edge of an unmasked port.</summary>
    private void SetPending(Domain domain, EventChannel channel)
    {
        if (channel.Pending)
        {
            return;
        }

        channel.Pending = true;
        if (!channel.Masked)
        {
            Notify(domain, channel);
        }
    }

    /// <summary>A paused domain keeps the pending bit; the upcall comes on unpause.</summary>
    private void Notify(Domain domain, EventChannel channel)
    {
        if (domain.State == DomainState.Running)
        {
            sink.Upcall(domain.Id, channel.NotifyVcpu, channel.Port);
        }
    }
}
