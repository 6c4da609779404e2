using XenActors.Xen.Protocol;

namespace XenActors.Xen.Hypervisor;

// EVTCHNOP_send, close, status, bind_vcpu and reset: operations on ports that already exist.
public sealed partial class XenHypervisor
{
    /// <summary>
    /// EVTCHNOP_send. Interdomain: the peer port goes pending; IPI: the port itself; Unbound: silently
    /// dropped, success; anything else (or an invalid port): EINVAL.
    /// </summary>
    public XenResult Send(int caller, int port)
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

        switch (channel.State)
        {
            case EventChannelState.Interdomain:
                var peer = domains[channel.RemoteDomain];
                SetPending(peer, peer.Ports[channel.RemotePort]);
                return XenResult.Ok;
            case EventChannelState.Ipi:
                SetPending(domain, channel);
                return XenResult.Ok;
            case EventChannelState.Unbound:
                return XenResult.Ok;
            default:
                return Fail(Errno.EINVAL, $"port {port} of domain {caller} is {channel.State}; nothing to send to");
        }
    }

    /// <summary>EVTCHNOP_close. EINVAL for an invalid, free or reserved port. The peer of an interdomain port turns Unbound(remote = caller).</summary>
    public XenResult Close(int caller, int port)
    {
        var self = CallerDomain(caller, allowDying: true);
        if (!self.TryGetValue(out var domain))
        {
            return self.Error;
        }

        if (ValidPort(domain, port) is not { } channel
            || channel.State is EventChannelState.Free or EventChannelState.Reserved)
        {
            return Fail(Errno.EINVAL, $"port {port} of domain {caller} is not open");
        }

        CloseChannel(domain, channel);
        return XenResult.Ok;
    }

    /// <summary>EVTCHNOP_status of <paramref name="port"/> in <paramref name="dom"/>. ESRCH; EPERM for an unprivileged caller asking about another domain; EINVAL for an invalid port.</summary>
    public XenResult<EventChannelInfo> Status(int caller, int dom, int port)
    {
        var found = PortOwner(caller, dom, "inspect", allowDying: true);
        if (!found.TryGetValue(out var domain))
        {
            return found.Error;
        }

        if (ValidPort(domain, port) is not { } channel)
        {
            return Fail(Errno.EINVAL, $"port {port} of domain {domain.Id} is not valid");
        }

        return channel.State switch
        {
            EventChannelState.Unbound => new EventChannelInfo(EventChannelStatus.Unbound, channel.NotifyVcpu, RemoteDomain: channel.RemoteDomain),
            EventChannelState.Interdomain => new EventChannelInfo(EventChannelStatus.Interdomain, channel.NotifyVcpu, channel.RemoteDomain, channel.RemotePort),
            EventChannelState.Pirq => new EventChannelInfo(EventChannelStatus.Pirq, channel.NotifyVcpu, Pirq: channel.Pirq),
            EventChannelState.Virq => new EventChannelInfo(EventChannelStatus.Virq, channel.NotifyVcpu, Virq: channel.Virq),
            EventChannelState.Ipi => new EventChannelInfo(EventChannelStatus.Ipi, channel.NotifyVcpu),
            _ => new EventChannelInfo(EventChannelStatus.Closed, channel.NotifyVcpu),
        };
    }

    /// <summary>
    /// EVTCHNOP_bind_vcpu: which vCPU a port notifies. ENOENT: no such vCPU; EINVAL: invalid port, or a
    /// state that cannot move (per-vCPU VIRQ, IPI, free). Moving a PIRQ port also moves the interrupt's target.
    /// </summary>
    public XenResult BindVcpu(int caller, int port, int vcpu)
    {
        var self = CallerDomain(caller);
        if (!self.TryGetValue(out var domain))
        {
            return self.Error;
        }

        if (vcpu < 0 || vcpu >= domain.Vcpus)
        {
            return Fail(Errno.ENOENT, $"domain {caller} has no vCPU {vcpu}");
        }

        if (ValidPort(domain, port) is not { } channel)
        {
            return Fail(Errno.EINVAL, $"port {port} of domain {caller} is not valid");
        }

        switch (channel.State)
        {
            case EventChannelState.Virq when VirqInfo.IsGlobal(channel.Virq):
            case EventChannelState.Unbound:
            case EventChannelState.Interdomain:
                channel.NotifyVcpu = vcpu;
                return XenResult.Ok;
            case EventChannelState.Pirq:
                channel.NotifyVcpu = vcpu;
                if (domain.Routes.TryGetValue(channel.Pirq, out var route))
                {
                    route.TargetVcpu = vcpu;
                }

                return XenResult.Ok;
            default:
                return Fail(Errno.EINVAL, $"port {port} ({channel.State}) cannot be moved to another vCPU");
        }
    }

    /// <summary>EVTCHNOP_reset: closes every port of <paramref name="dom"/>. ESRCH; EPERM for an unprivileged caller naming another domain.</summary>
    public XenResult Reset(int caller, int dom)
    {
        var found = PortOwner(caller, dom, "reset");
        if (!found.TryGetValue(out var domain))
        {
            return found.Error;
        }

        CloseAllPorts(domain);
        return XenResult.Ok;
    }

    /// <summary>Ports of a domain that are not Free (port 0, Reserved, excluded).</summary>
    public IReadOnlyList<int> OpenPorts(int domid) =>
        Find(domid)?.Ports.Where(c => c.State is not (EventChannelState.Free or EventChannelState.Reserved)).Select(c => c.Port).ToList()
        ?? [];

    private void CloseChannel(Domain domain, EventChannel channel)
    {
        switch (channel.State)
        {
            case EventChannelState.Interdomain:
                var peer = domains[channel.RemoteDomain];
                var peerChannel = peer.Ports[channel.RemotePort];
                peerChannel.State = EventChannelState.Unbound;
                peerChannel.RemoteDomain = domain.Id;
                peerChannel.RemotePort = 0;
                break;
            case EventChannelState.Virq:
                for (var vcpu = 0; vcpu < domain.Vcpus; vcpu++)
                {
                    if (domain.VirqPorts[vcpu, channel.Virq] == channel.Port)
                    {
                        domain.VirqPorts[vcpu, channel.Virq] = 0;
                    }
                }

                break;
            case EventChannelState.Pirq:
                if (domain.Routes.TryGetValue(channel.Pirq, out var route))
                {
                    route.Port = 0;
                }

                break;
        }

        channel.Release();
    }

    private void CloseAllPorts(Domain domain)
    {
        var closed = 0;
        foreach (var channel in domain.Ports)
        {
            if (channel.State is not (EventChannelState.Free or EventChannelState.Reserved))
            {
                CloseChannel(domain, channel);
                closed++;
            }
        }

        if (closed > 0)
        {
            Log(HypervisorEventKind.EventChannelClosed, domain.Id, $"{closed} port(s) closed");
        }
    }

    /// <summary>
    /// The domain whose ports <paramref name="caller"/> wants to <paramref name="action"/>: ESRCH if it does not exist,
    /// EPERM if an unprivileged caller names another domain (the one check Status and Reset share).
    /// </summary>
    private XenResult<Domain> PortOwner(int caller, int dom, string action, bool allowDying = false)
    {
        var self = CallerDomain(caller, allowDying);
        if (!self.TryGetValue(out var callerDomain))
        {
            return self.Error;
        }

        var target = Resolve(dom, caller);
        if (Find(target) is not { } domain)
        {
            return Fail(Errno.ESRCH, $"no domain {DomainIds.Describe(dom)}");
        }

        if (target != caller && !callerDomain.IsPrivileged)
        {
            return Fail(Errno.EPERM, $"domain {caller} may not {action} ports of domain {target}");
        }

        return domain;
    }
}
