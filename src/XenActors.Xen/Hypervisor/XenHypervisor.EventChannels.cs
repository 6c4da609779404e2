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
        if (remoteChannel is null)
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

    private XenResult<Domain> CallerDomain(int caller, bool allowDying = false)
    {
        if (Find(caller) is not { } domain)
        {
            return Fail(Errno.ESRCH, $"calling domain {DomainIds.Describe(caller)} does not exist");
        }

        return allowDying || domain.IsAlive ? domain : Fail(Errno.EINVAL, $"domain {caller} is dying");
    }

    /// <summary>port_is_valid: inside an allocated bucket (which never reaches past the limit).</summary>
    private static EventChannel? ValidPort(Domain domain, int port) => domain.PortOrNull(port);

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

        var first = domain.Ports.Count;
        return domain.AddPortBucket()
            ? first
            : Fail(Errno.ENOSPC, $"domain {domain.Id} has no free event-channel port (limit {domain.MaxEventChannelPort})");
    }
}
