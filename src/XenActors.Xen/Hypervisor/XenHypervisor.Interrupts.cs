using XenActors.Xen.Protocol;

namespace XenActors.Xen.Hypervisor;

// Physical interrupts: PHYSDEVOP_map_pirq gives a domain a pirq for a GSI (pirq = GSI, as Xen
// does) or for an MSI/MSI-X vector of a device it owns (allocated downward from the top, as
// get_free_pirq does for MSI). The guest then either binds the pirq to an event channel (PV) or
// takes it as an injected vector (HVM), and programs which vCPU it wants.
public sealed partial class XenHypervisor
{
    /// <summary>GSIs 0..NrGsis-1 (nr_irqs_gsi); MSI pirqs live above them.</summary>
    public const int NrGsis = 256;

    /// <summary>nr_pirqs of a domain.</summary>
    public const int NrPirqs = 1024;

    /// <summary>
    /// PHYSDEVOP_map_pirq issued by the toolstack for <paramref name="domid"/>. EPERM: GSI without
    /// irq permission, or a device the domain does not own; ENODEV unknown device; EINVAL bad GSI;
    /// EEXIST the source is already mapped in that domain; ENOSPC no pirq left.
    /// </summary>
    public XenResult<int> MapPirq(int domid, InterruptSource source)
    {
        var lookup = LiveDomain(domid);
        if (!lookup.TryGetValue(out var domain))
        {
            return lookup.Error;
        }

        if (domain.Routes.Values.FirstOrDefault(r => r.Source == source) is { } existing)
        {
            return Fail(Errno.EEXIST, $"{source} is already pirq {existing.Pirq} of domain {domid}");
        }

        int pirq;
        if (source.Kind == InterruptKind.Gsi)
        {
            if (source.Gsi < 0 || source.Gsi >= NrGsis)
            {
                return Fail(Errno.EINVAL, $"GSI {source.Gsi} does not exist");
            }

            if (!domain.IrqPermissions.Contains(source.Gsi))
            {
                return Fail(Errno.EPERM, $"domain {domid} has no permission for IRQ {source.Gsi}");
            }

            pirq = source.Gsi;
        }
        else
        {
            var device = Device(source.Device);
            if (!device.TryGetValue(out var function))
            {
                return device.Error;
            }

            if (function.Owner != domid)
            {
                return Fail(Errno.EPERM, $"{source.Device} is owned by {OwnerText(function.Owner)}, not domain {domid}");
            }

            pirq = NrPirqs - 1;
            while (pirq >= NrGsis && domain.Routes.ContainsKey(pirq))
            {
                pirq--;
            }

            if (pirq < NrGsis)
            {
                return Fail(Errno.ENOSPC, $"domain {domid} has no free pirq for {source}");
            }
        }

        domain.Routes[pirq] = new InterruptRoute(domid, pirq, source, domain.Vcpus);
        Log(HypervisorEventKind.InterruptRouted, domid, $"{source} → pirq {pirq}");
        return pirq;
    }

    /// <summary>PHYSDEVOP_unmap_pirq. EINVAL if not mapped; an event channel still bound to it is closed.</summary>
    public XenResult UnmapPirq(int domid, int pirq)
    {
        if (Find(domid) is not { } domain)
        {
            return Fail(Errno.ESRCH, $"no domain {DomainIds.Describe(domid)}");
        }

        if (!domain.Routes.ContainsKey(pirq))
        {
            return Fail(Errno.EINVAL, $"pirq {pirq} is not mapped in domain {domid}");
        }

        RemoveRoute(domain, pirq, "unmapped");
        return XenResult.Ok;
    }

    /// <summary>The guest programs the interrupt's destination (MSI address, IO-APIC entry). ENOENT no such vCPU; EINVAL unmapped pirq.</summary>
    public XenResult SetInterruptTarget(int domid, int pirq, int vcpu)
    {
        if (Find(domid) is not { } domain)
        {
            return Fail(Errno.ESRCH, $"no domain {DomainIds.Describe(domid)}");
        }

        if (vcpu < 0 || vcpu >= domain.Vcpus)
        {
            return Fail(Errno.ENOENT, $"domain {domid} has no vCPU {vcpu}");
        }

        if (!domain.Routes.TryGetValue(pirq, out var route))
        {
            return Fail(Errno.EINVAL, $"pirq {pirq} is not mapped in domain {domid}");
        }

        route.TargetVcpu = vcpu;
        if (route.Port != 0)
        {
            domain.Ports[route.Port].NotifyVcpu = vcpu;
        }

        return XenResult.Ok;
    }

    /// <summary>EVTCHNOP_bind_pirq. EINVAL: pirq out of range or not mapped; EEXIST: already bound.</summary>
    public XenResult<int> BindPirq(int caller, int pirq)
    {
        var self = CallerDomain(caller);
        if (!self.TryGetValue(out var domain))
        {
            return self.Error;
        }

        if (pirq < 0 || pirq >= NrPirqs || !domain.Routes.TryGetValue(pirq, out var route))
        {
            return Fail(Errno.EINVAL, $"pirq {pirq} is not mapped in domain {caller}");
        }

        if (route.Port != 0)
        {
            return Fail(Errno.EEXIST, $"pirq {pirq} is already bound to port {route.Port}");
        }

        var port = GetFreePort(domain);
        if (!port.TryGetValue(out var number))
        {
            return port.Error;
        }

        var channel = domain.Ports[number];
        channel.State = EventChannelState.Pirq;
        channel.Pirq = pirq;
        channel.NotifyVcpu = route.TargetVcpu;
        route.Port = number;
        return number;
    }

    /// <summary>
    /// A device raises an interrupt. Each domain with a route for the source gets it on the vCPU it
    /// programmed: through its bound event channel, or injected (HVM) via the sink. Under
    /// <see cref="InterruptDeliveryPolicy.Vcpu0ThenRedirect"/> a target other than vCPU 0 counts a
    /// redirection. ENOENT (and a log entry) when nobody routes the source: the interrupt is lost.
    /// </summary>
    public XenResult<IReadOnlyList<InterruptDelivery>> RaiseInterrupt(InterruptSource source)
    {
        var deliveries = new List<InterruptDelivery>();
        foreach (var domain in domains.Values.Where(d => d.IsAlive))
        {
            foreach (var route in domain.Routes.Values.Where(r => r.Source == source))
            {
                deliveries.Add(Deliver(domain, route));
            }
        }

        if (deliveries.Count == 0)
        {
            Log(HypervisorEventKind.InterruptLost, DomainIds.Xen, $"{source} has no route");
            return Fail(Errno.ENOENT, $"{source} is not routed to any domain");
        }

        return deliveries;
    }

    /// <summary>Delivery counters of one route, or of the whole domain (all routes, including removed ones) when pirq is null.</summary>
    public XenResult<InterruptStats> GetInterruptStats(int domid, int? pirq = null)
    {
        if (Find(domid) is not { } domain)
        {
            return Fail(Errno.ESRCH, $"no domain {DomainIds.Describe(domid)}");
        }

        if (pirq is null)
        {
            return new InterruptStats(domain.InterruptDeliveries.ToArray(), domain.InterruptRedirections);
        }

        return domain.Routes.TryGetValue(pirq.Value, out var route)
            ? new InterruptStats(route.DeliveriesPerVcpu.ToArray(), route.Redirections)
            : Fail(Errno.EINVAL, $"pirq {pirq} is not mapped in domain {domid}");
    }

    /// <summary>The pirq a source is mapped to in a domain. ENOENT if none.</summary>
    public XenResult<int> FindPirq(int domid, InterruptSource source)
    {
        if (Find(domid) is not { } domain)
        {
            return Fail(Errno.ESRCH, $"no domain {DomainIds.Describe(domid)}");
        }

        return domain.Routes.Values.FirstOrDefault(r => r.Source == source) is { } route
            ? route.Pirq
            : Fail(Errno.ENOENT, $"{source} is not mapped in domain {domid}");
    }

    private InterruptDelivery Deliver(Domain domain, InterruptRoute route)
    {
        var vcpu = route.TargetVcpu;
        var redirected = Options.InterruptDelivery == InterruptDeliveryPolicy.Vcpu0ThenRedirect && vcpu != 0;
        route.DeliveriesPerVcpu[vcpu]++;
        domain.InterruptDeliveries[vcpu]++;
        if (redirected)
        {
            route.Redirections++;
            domain.InterruptRedirections++;
        }

        if (route.Port != 0)
        {
            SetPending(domain, domain.Ports[route.Port]);
        }
        else if (domain.State == DomainState.Running)
        {
            sink.InterruptInjected(domain.Id, vcpu, route.Pirq);
        }

        return new InterruptDelivery(domain.Id, route.Pirq, vcpu, route.Port, redirected);
    }

    private void RemoveRoute(Domain domain, int pirq, string reason)
    {
        if (!domain.Routes.Remove(pirq, out var route))
        {
            return;
        }

        if (route.Port != 0 && domain.PortOrNull(route.Port) is { State: EventChannelState.Pirq } channel)
        {
            channel.Release();
        }

        Log(HypervisorEventKind.InterruptUnrouted, domain.Id, $"{route.Source} (pirq {pirq}) {reason}");
    }
}
