using XenActors.Xen.Protocol;

namespace XenActors.Xen.Hypervisor;

public sealed partial class XenHypervisor
{
    // Xen's domctl keeps a rover: automatic ids go round-robin from the last one handed out and
    // wrap below DOMID_FIRST_RESERVED, so a just-destroyed id is not reused at once (tools and
    // xenstore watchers may still hold it). An explicit id is honoured if free.
    private int domidRover;

    /// <summary>
    /// XEN_DOMCTL_createdomain plus memory population. Returns the new domid; the domain starts Paused.
    /// EINVAL: bad name, vCPU count, memory or explicit id; EEXIST: name or id in use; ENOMEM: no
    /// machine memory or no free id.
    /// </summary>
    public XenResult<int> CreateDomain(DomainConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (string.IsNullOrWhiteSpace(config.Name))
        {
            return Fail(Errno.EINVAL, "a domain needs a name");
        }

        if (domainsByName.ContainsKey(config.Name))
        {
            return Fail(Errno.EEXIST, $"domain name '{config.Name}' is already in use");
        }

        if (config.Vcpus < 1 || config.Vcpus > Options.MaxVcpus)
        {
            return Fail(Errno.EINVAL, $"vcpus must be 1..{Options.MaxVcpus}, not {config.Vcpus}");
        }

        if (config.MemoryMiB < 1)
        {
            return Fail(Errno.EINVAL, $"memory must be at least 1 MiB, not {config.MemoryMiB}");
        }

        var maxPort = config.MaxEventChannelPort ?? Options.MaxEventChannelPort;
        if (maxPort < 1)
        {
            return Fail(Errno.EINVAL, $"max event-channel port must be at least 1, not {maxPort}");
        }

        var domid = AllocateDomid(config.Domid);
        if (!domid.TryGetValue(out var id))
        {
            return domid.Error;
        }

        var frames = MiBToFrames(config.MemoryMiB);
        var machineBase = machine.Allocate(frames);
        if (machineBase < 0)
        {
            return Fail(Errno.ENOMEM, $"cannot allocate {config.MemoryMiB} MiB for '{config.Name}': {machine.FreeFrames / 256} MiB free");
        }

        if (config.Domid is null)
        {
            domidRover = id;
        }

        var domain = new Domain(id, config, maxPort, new GuestMemory(frames, machineBase), config.Privileged || id == DomainIds.Dom0);
        domains[id] = domain;
        domainsByName[config.Name] = domain;
        Log(HypervisorEventKind.DomainCreated, id, $"{config.Name}: {config.Type}, {config.MemoryMiB} MiB, {config.Vcpus} vCPU(s)");
        return id;
    }

    public XenResult<Domain> GetDomain(int domid) =>
        Find(domid) is { } domain ? domain : Fail(Errno.ESRCH, $"no domain {DomainIds.Describe(domid)}");

    public XenResult<Domain> GetDomain(string name) =>
        domainsByName.TryGetValue(name, out var domain) ? domain : Fail(Errno.ESRCH, $"no domain named '{name}'");

    /// <summary>XEN_DOMCTL_pausedomain. Idempotent, like the controller pause flag of Xen 3.x; EINVAL on a dying domain.</summary>
    public XenResult Pause(int domid)
    {
        var lookup = LiveDomain(domid);
        if (!lookup.TryGetValue(out var domain))
        {
            return lookup.Error;
        }

        if (domain.Id == DomainIds.Dom0)
        {
            return Fail(Errno.EINVAL, "the control domain cannot pause itself");
        }

        if (domain.State == DomainState.Running)
        {
            domain.State = DomainState.Paused;
            Log(HypervisorEventKind.DomainPaused, domid, domain.Name);
        }

        return XenResult.Ok;
    }

    /// <summary>XEN_DOMCTL_unpausedomain. Upcalls held back while paused are delivered now.</summary>
    public XenResult Unpause(int domid)
    {
        var lookup = LiveDomain(domid);
        if (!lookup.TryGetValue(out var domain))
        {
            return lookup.Error;
        }

        if (domain.State == DomainState.Paused)
        {
            domain.State = DomainState.Running;
            Log(HypervisorEventKind.DomainUnpaused, domid, domain.Name);
            foreach (var channel in domain.Ports)
            {
                if (channel.Pending && !channel.Masked)
                {
                    sink.Upcall(domid, channel.NotifyVcpu, channel.Port);
                }
            }
        }

        return XenResult.Ok;
    }

    /// <summary>
    /// XEN_DOMCTL_destroydomain. Closes the domain's event channels (peers turn Unbound), releases its
    /// mappings, revokes its grants, sends its PCI functions to quarantine (DOMID_IO), removes its
    /// interrupt routes, MMIO mappings and permissions, and raises VIRQ_DOM_EXC. The domain stays Dying
    /// (holding its id) while other domains still map its pages, then becomes Destroyed and its
    /// memory returns to the host.
    /// </summary>
    public XenResult Destroy(int domid)
    {
        if (Find(domid) is not { } domain)
        {
            return Fail(Errno.ESRCH, $"no domain {DomainIds.Describe(domid)}");
        }

        if (domain.Id == DomainIds.Dom0)
        {
            return Fail(Errno.EINVAL, "the control domain cannot be destroyed");
        }

        if (domain.State == DomainState.Dying)
        {
            return XenResult.Ok;
        }

        domain.State = DomainState.Dying;
        domainsByName.Remove(domain.Name);
        Log(HypervisorEventKind.DomainDying, domid, domain.Name);

        CloseAllPorts(domain);
        ReleaseGlobalVirqs(domain);
        foreach (var pirq in domain.Routes.Keys.ToList())
        {
            RemoveRoute(domain, pirq, "domain destroyed");
        }

        foreach (var device in domain.AssignedSet.ToList())
        {
            MoveDevice(device, domain, DomainIds.Io, "domain destroyed");
        }

        foreach (var gfn in domain.MmioMappings.Keys.ToList())
        {
            domain.MmioMappings.Remove(gfn);
        }

        domain.IomemPermissions.Clear();
        domain.IoportPermissions.Clear();
        domain.IrqPermissions.Clear();
        ReleaseMappingsHeldBy(domain);
        RevokeGrantsOf(domain);
        SendGlobalVirq(Virq.DomExc);
        FinishIfUnreferenced(domain);
        return XenResult.Ok;
    }

    private XenResult<int> AllocateDomid(int? requested)
    {
        if (requested is { } explicitId)
        {
            if (!DomainIds.IsGuest(explicitId) || (explicitId == DomainIds.Dom0 && domains.Count > 0))
            {
                return Fail(Errno.EINVAL, $"domid {DomainIds.Describe(explicitId)} cannot be given to a domain");
            }

            return domains.ContainsKey(explicitId)
                ? Fail(Errno.EEXIST, $"domid {explicitId} is in use")
                : explicitId;
        }

        for (var step = 1; step < DomainIds.FirstReserved; step++)
        {
            var candidate = ((domidRover - 1 + step) % DomainIds.MaxGuest) + 1;
            if (!domains.ContainsKey(candidate))
            {
                return candidate;
            }
        }

        return Fail(Errno.ENOMEM, "no free domain id");
    }

    /// <summary>A domain that exists and is not dying: the target of any new binding or assignment.</summary>
    private XenResult<Domain> LiveDomain(int domid)
    {
        if (Find(domid) is not { } domain)
        {
            return Fail(Errno.ESRCH, $"no domain {DomainIds.Describe(domid)}");
        }

        return domain.IsAlive ? domain : Fail(Errno.EINVAL, $"domain {domid} is dying");
    }

    private void FinishIfUnreferenced(Domain domain)
    {
        if (domain.State != DomainState.Dying || domain.ForeignMappings > 0)
        {
            return;
        }

        domain.State = DomainState.Destroyed;
        domains.Remove(domain.Id);
        machine.Release(domain.Memory.MachineBase, domain.Memory.FrameCount);
        Log(HypervisorEventKind.DomainDestroyed, domain.Id, domain.Name);
    }
}
