using XenActors.Xen.Protocol;

namespace XenActors.Xen.Hypervisor;

public sealed partial class XenHypervisor
{
    /// <summary>
    /// Checks the model's structural invariants and returns every violation found (empty when sound):
    /// one owner per PCI function; interdomain ports paired both ways and never pointing at a missing
    /// domain; VIRQ and pirq bindings consistent with the port table; grant map counts matching the
    /// mappings held; interrupt routes only for functions the domain owns; MMIO only where permitted.
    /// </summary>
    public IReadOnlyList<string> CheckInvariants()
    {
        var violations = new List<string>();
        CheckDeviceOwnership(violations);
        foreach (var domain in domains.Values)
        {
            CheckPorts(domain, violations);
            CheckRoutes(domain, violations);
            CheckMmio(domain, violations);
        }

        CheckGrants(violations);
        return violations;
    }

    private void CheckDeviceOwnership(List<string> violations)
    {
        foreach (var function in devices.Values)
        {
            var owner = function.Owner;
            if (owner is DomainIds.Dom0 or DomainIds.Io)
            {
                if (domains.Values.Any(d => d.AssignedSet.Contains(function.Address)))
                {
                    violations.Add($"{function.Address} is owned by {OwnerText(owner)} yet listed by a domain");
                }

                continue;
            }

            if (Find(owner) is not { IsAlive: true } domain)
            {
                violations.Add($"{function.Address} is owned by missing or dying domain {owner}");
                continue;
            }

            var holders = domains.Values.Count(d => d.AssignedSet.Contains(function.Address));
            if (!domain.AssignedSet.Contains(function.Address) || holders != 1)
            {
                violations.Add($"{function.Address} owned by domain {owner} is listed by {holders} domain(s)");
            }
        }

        foreach (var domain in domains.Values)
        {
            foreach (var device in domain.AssignedSet.Where(d => !devices.ContainsKey(d) || devices[d].Owner != domain.Id))
            {
                violations.Add($"domain {domain.Id} lists {device} which it does not own");
            }
        }
    }

    private void CheckPorts(Domain domain, List<string> violations)
    {
        if (domain.Ports.Count == 0 || domain.Ports[0].State != EventChannelState.Reserved)
        {
            violations.Add($"domain {domain.Id}: port 0 is not reserved");
        }

        if (domain.Ports.Count - 1 > domain.MaxEventChannelPort)
        {
            violations.Add($"domain {domain.Id}: port table exceeds limit {domain.MaxEventChannelPort}");
        }

        for (var i = 0; i < domain.Ports.Count; i++)
        {
            var channel = domain.Ports[i];
            if (channel.Port != i)
            {
                violations.Add($"domain {domain.Id}: slot {i} holds port {channel.Port}");
            }

            if (!domain.IsAlive && channel.State is not (EventChannelState.Free or EventChannelState.Reserved))
            {
                violations.Add($"dying domain {domain.Id} still has port {i} {channel.State}");
            }

            if (channel.NotifyVcpu < 0 || channel.NotifyVcpu >= domain.Vcpus)
            {
                violations.Add($"domain {domain.Id} port {i} notifies missing vCPU {channel.NotifyVcpu}");
            }

            switch (channel.State)
            {
                case EventChannelState.Interdomain:
                    var peer = Find(channel.RemoteDomain)?.PortOrNull(channel.RemotePort);
                    if (peer is null || !Find(channel.RemoteDomain)!.IsAlive)
                    {
                        violations.Add($"domain {domain.Id} port {i} points at dead domain {channel.RemoteDomain} port {channel.RemotePort}");
                    }
                    else if (peer.State != EventChannelState.Interdomain || peer.RemoteDomain != domain.Id || peer.RemotePort != i)
                    {
                        violations.Add($"domain {domain.Id} port {i} → {channel.RemoteDomain}:{channel.RemotePort} is not paired back");
                    }

                    break;
                case EventChannelState.Virq:
                    if (domain.VirqPorts[channel.NotifyVcpu, channel.Virq] != i && !VirqInfo.IsGlobal(channel.Virq))
                    {
                        violations.Add($"domain {domain.Id} port {i} VIRQ {channel.Virq} is not in the vCPU's table");
                    }

                    break;
                case EventChannelState.Pirq:
                    if (!domain.Routes.TryGetValue(channel.Pirq, out var route) || route.Port != i)
                    {
                        violations.Add($"domain {domain.Id} port {i} is bound to unrouted pirq {channel.Pirq}");
                    }

                    break;
            }
        }

        for (var vcpu = 0; vcpu < domain.Vcpus; vcpu++)
        {
            for (var virq = 0; virq < VirqInfo.Count; virq++)
            {
                var port = domain.VirqPorts[vcpu, virq];
                if (port != 0 && domain.PortOrNull(port) is not { State: EventChannelState.Virq })
                {
                    violations.Add($"domain {domain.Id} vCPU {vcpu} VIRQ {virq} names port {port} which is not a VIRQ port");
                }
                else if (port != 0 && domain.Ports[port].Virq != virq)
                {
                    violations.Add($"domain {domain.Id} vCPU {vcpu} VIRQ {virq} names port {port} bound to another VIRQ");
                }
            }
        }
    }

    private void CheckRoutes(Domain domain, List<string> violations)
    {
        foreach (var route in domain.Routes.Values)
        {
            if (route.Source.Kind != InterruptKind.Gsi
                && (!devices.TryGetValue(route.Source.Device, out var function) || function.Owner != domain.Id))
            {
                violations.Add($"domain {domain.Id} routes {route.Source} of a function it does not own");
            }

            if (route.Port != 0 && domain.PortOrNull(route.Port) is not { State: EventChannelState.Pirq })
            {
                violations.Add($"domain {domain.Id} pirq {route.Pirq} names port {route.Port} which is not a PIRQ port");
            }
        }
    }

    private static void CheckMmio(Domain domain, List<string> violations)
    {
        foreach (var (gfn, mfn) in domain.MmioMappings)
        {
            if (!domain.IomemPermissions.Contains(mfn))
            {
                violations.Add($"domain {domain.Id} maps gfn {gfn:x} to mfn {mfn:x} without permission");
            }
        }
    }

    private void CheckGrants(List<string> violations)
    {
        var held = new Dictionary<(int Granter, uint Reference), int>();
        foreach (var domain in domains.Values)
        {
            foreach (var mapping in domain.Mappings.Values)
            {
                var key = (mapping.Granter, mapping.Reference);
                held[key] = held.GetValueOrDefault(key) + 1;
            }
        }

        foreach (var granter in domains.Values)
        {
            var total = 0;
            foreach (var entry in granter.Grants.Values)
            {
                var count = held.GetValueOrDefault((granter.Id, entry.Reference));
                total += count;
                if (count != entry.MapCount)
                {
                    violations.Add($"grant {entry.Reference} of domain {granter.Id} counts {entry.MapCount} mapping(s) but {count} are held");
                }
            }

            if (total != granter.ForeignMappings)
            {
                violations.Add($"domain {granter.Id} counts {granter.ForeignMappings} foreign mapping(s) but {total} are held");
            }
        }
    }
}
