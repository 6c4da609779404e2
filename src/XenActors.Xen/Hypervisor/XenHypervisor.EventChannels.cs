using XenActors.Xen.Protocol;

namespace XenActors.Xen.Hypervisor;

// EVTCHNOP_* as in xen/common/event_channel.c. Every operation takes the calling domain,
// which plays the part of current->domain; DOMID_SELF is resolved against it.
public sealed partial class XenHypervisor
{
    /// <summary>
    /// EVTCHNOP_alloc_unbound: a port in <paramref name="dom"/> that <paramref name="remoteDom"/> may bind.
    /// EPERM when an unprivileged caller names any dom but DOMID_SELF (Xen 3.x), ESRCH, ENOSPC.
    /// </summary>
    public XenResult<int> AllocUnbound(int caller, int dom, int remoteDom)
    {
        var self = CallerDomain(caller);
        if (!self.TryGetValue(out var callerDomain))
        {
            return self.Error;
        }

        if (dom != DomainIds.Self && !callerDomain.IsPrivileged)
        {
            return Fail(Errno.EPERM, $"domain {caller} may only allocate ports for DOMID_SELF, not {DomainIds.Describe(dom)}");
        }

        if (Find(Resolve(dom, caller)) is not { } domain)
        {
            return Fail(Errno.ESRCH, $"no domain {DomainIds.Describe(dom)}");
        }

        var port = GetFreePort(domain);
        if (!port.TryGetValue(out var number))
        {
            return port.Error;
        }

        var channel = domain.Ports[number];
        channel.State = EventChannelState.Unbound;
        channel.RemoteDomain = Resolve(remoteDom, caller);
        return number;
    }

    /// <summary>
    /// EVTCHNOP_bind_interdomain: connects a new local port to <paramref name="remotePort"/>, which must be
    /// Unbound and reserved for the caller (else EINVAL). ESRCH for a missing remote domain. The new local
    /// port is set pending, to make up for notifications lost while the remote end was unbound.
    /// </summary>
    public XenResult<int> BindInterdomain(int caller, int remoteDom, int remotePort)
    {
        var self = CallerDomain(caller);
        if (!self.TryGetValue(out var local))
        {
            return self.Error;
        }

        var remoteId = Resolve(remoteDom, caller);
        if (Find(remoteId) is not { } remote)
        {
            return Fail(Errno.ESRCH, $"no domain {DomainIds.Describe(remoteDom)}");
        }

        var port = GetFreePort(local);
        if (!port.TryGetValue(out var localPort))
        {
            return port.Error;
        }

        var remoteChannel = remote.PortOrNull(remotePort);
        if (remoteChannel is null || remotePort > remote.MaxEventChannelPort)
        {
            return Fail(Errno.EINVAL, $"port {remotePort} of domain {remoteId} is not valid");
        }

        if (remoteChannel.State != EventChannelState.Unbound || remoteChannel.RemoteDomain != caller)
        {
            return Fail(Errno.EINVAL, $"port {remotePort} of domain {remoteId} is not unbound for domain {caller}");
        }

        var localChannel = local.Ports[localPort];
        localChannel.State = EventChannelState.Interdomain;
        localChannel.RemoteDomain = remoteId;
        localChannel.RemotePort = remotePort;
        remoteChannel.State = EventChannelState.Interdomain;
        remoteChannel.RemoteDomain = caller;
        remoteChannel.RemotePort = localPort;
        SetPending(local, localChannel);
        return localPort;
    }

    /// <summary>
    /// EVTCHNOP_bind_virq. EINVAL: bad VIRQ, or a global VIRQ on a vCPU other than 0; ENOENT: no such
    /// vCPU; EEXIST: already bound on that vCPU; EBUSY: a global VIRQ whose handler is another domain.
    /// </summary>
    public XenResult<int> BindVirq(int caller, int virq, int vcpu)
    {
        var self = CallerDomain(caller);
        if (!self.TryGetValue(out var domain))
        {
            return self.Error;
        }

        if (!VirqInfo.IsValid(virq))
        {
            return Fail(Errno.EINVAL, $"VIRQ {virq} does not exist");
        }

        var global = VirqInfo.IsGlobal(virq);
        if (global && vcpu != 0)
        {
            return Fail(Errno.EINVAL, $"global VIRQ {(Virq)virq} binds on vCPU 0 only");
        }

        if (vcpu < 0 || vcpu >= domain.Vcpus)
        {
            return Fail(Errno.ENOENT, $"domain {caller} has no vCPU {vcpu}");
        }

        if (domain.VirqPorts[vcpu, virq] != 0)
        {
            return Fail(Errno.EEXIST, $"VIRQ {(Virq)virq} is already bound on vCPU {vcpu} (port {domain.VirqPorts[vcpu, virq]})");
        }

        if (global && globalVirqHandlers[virq] != caller)
        {
            return Fail(Errno.EBUSY, $"global VIRQ {(Virq)virq} is handled by domain {globalVirqHandlers[virq]}");
        }

        var port = GetFreePort(domain);
        if (!port.TryGetValue(out var number))
        {
            return port.Error;
        }

        var channel = domain.Ports[number];
        channel.State = EventChannelState.Virq;
        channel.NotifyVcpu = vcpu;
        channel.Virq = virq;
        domain.VirqPorts[vcpu, virq] = number;
        return number;
    }

    /// <summary>EVTCHNOP_bind_ipi: a port that notifies <paramref name="vcpu"/> of the caller. ENOENT: no such vCPU.</summary>
    public XenResult<int> BindIpi(int caller, int vcpu)
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

        var port = GetFreePort(domain);
        if (!port.TryGetValue(out var number))
        {
            return port.Error;
        }

        var channel = domain.Ports[number];
        channel.State = EventChannelState.Ipi;
        channel.NotifyVcpu = vcpu;
        return number;
    }

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
        var self = CallerDomain(caller, allowDying: true);
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
            return Fail(Errno.EPERM, $"domain {caller} may not inspect ports of domain {target}");
        }

        if (ValidPort(domain, port) is not { } channel)
        {
            return Fail(Errno.EINVAL, $"port {port} of domain {target} is not valid");
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

    /// <summary>EVTCHNOP_reset: closes every port of <paramref name="dom"/>. ESRCH; EPERM for an unprivileged caller naming another domain.</summary>
    public XenResult Reset(int caller, int dom)
    {
        var self = CallerDomain(caller);
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
            return Fail(Errno.EPERM, $"domain {caller} may not reset ports of domain {target}");
        }

        CloseAllPorts(domain);
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

    /// <summary>Ports of a domain that are not Free (port 0, Reserved, excluded).</summary>
    public IReadOnlyList<int> OpenPorts(int domid) =>
        Find(domid)?.Ports.Where(c => c.State is not (EventChannelState.Free or EventChannelState.Reserved)).Select(c => c.Port).ToList()
        ?? [];

    private XenResult<Domain> CallerDomain(int caller, bool allowDying = false)
    {
        if (Find(caller) is not { } domain)
        {
            return Fail(Errno.ESRCH, $"calling domain {DomainIds.Describe(caller)} does not exist");
        }

        return allowDying || domain.IsAlive ? domain : Fail(Errno.EINVAL, $"domain {caller} is dying");
    }

    /// <summary>port_is_valid: within the domain's limit and inside the allocated table.</summary>
    private static EventChannel? ValidPort(Domain domain, int port) =>
        port <= domain.MaxEventChannelPort ? domain.PortOrNull(port) : null;

    /// <summary>get_free_port: lowest Free port ≥ 1; EINVAL for a dying domain, ENOSPC past the limit.</summary>
    private static XenResult<int> GetFreePort(Domain domain)
    {
        if (!domain.IsAlive)
        {
            return Fail(Errno.EINVAL, $"domain {domain.Id} is dying");
        }

        for (var port = 1; port < domain.Ports.Count; port++)
        {
            if (domain.Ports[port].State == EventChannelState.Free)
            {
                return port;
            }
        }

        if (domain.Ports.Count > domain.MaxEventChannelPort)
        {
            return Fail(Errno.ENOSPC, $"domain {domain.Id} has no free event-channel port (limit {domain.MaxEventChannelPort})");
        }

        domain.Ports.Add(new EventChannel(domain.Ports.Count));
        return domain.Ports.Count - 1;
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
}
