using XenActors.Actor;
using XenActors.Xen.Hypervisor.Messages;

namespace XenActors.Xen.Hypervisor;

/// <summary>
/// The hypercall table of one host: each hypercall-shaped request to the <see cref="XenHypervisor"/> model, and who
/// receives the upcalls the model raises (the actor bound to a port or to a domain), with the grant mappings and
/// device-model privileges the calls need. Callers hold <see cref="SharedHypervisor.Gate"/>: the
/// <see cref="HypervisorActor"/> for requests that come by message, a local driver for a hypercall it makes
/// directly (<see cref="SharedHypervisor.Call"/>).
/// </summary>
internal sealed partial class HypercallDispatcher(SharedHypervisor shared)
{
    private readonly XenHypervisor _xen = shared.Model;
    private readonly SharedHypervisor _shared = shared;
    private readonly Dictionary<int, IActorRef> _domainHandlers = [];
    private readonly Dictionary<(int Domid, int Port), HvBindUpcalls> _portHandlers = [];
    private readonly Dictionary<(int Mapper, int Handle), GrantMapping> _mappings = [];
    private readonly DeviceModelPrivilege _deviceModels = new();
    private readonly HashSet<IActorRef> _deathWatchers = [];
    private readonly HashSet<(int Domid, int Port)> _shortcutPorts = [];

    /// <summary>The sender of upcalls and death notices: the host's hypervisor actor.</summary>
    public IActorRef? Self { get; set; } = ActorRefs.NoSender;

    /// <summary>One hypercall against the model; the caller holds the gate.</summary>
    public object Handle(IHypervisorRequest request)
    {
        // The calls of a pci-op's hot path cannot change a shortcut's route; anything else may.
        if (request is not (HvSend or HvWriteGuest or HvWriteMapped or HvReadGuest or HvReadMapped))
            _routesStale = true;
        return Dispatch(request);
    }

    private object Dispatch(IHypervisorRequest request) => request switch
    {
        HvCreateDomain c => _xen.CreateDomain(c.Config),
        HvDestroyDomain d => Destroy(d.Domid),
        HvUnpause u => _xen.Unpause(u.Domid),
        HvGetDomain g => _xen.GetDomain(g.Domid).TryGetValue(out var dom)
            ? XenResult<DomainSummary>.FromValue(new DomainSummary(dom.Id, dom.Name, dom.Type, dom.State))
            : XenResult<DomainSummary>.FromXenError(_xen.GetDomain(g.Domid).Error),
        HvBindUpcalls b => Bind(b),
        HvAllocUnbound a => _xen.AllocUnbound(a.Caller, a.Dom, a.RemoteDom),
        HvBindInterdomain b => _xen.BindInterdomain(b.Caller, b.RemoteDom, b.RemotePort),
        HvSend s => _xen.Send(s.Caller, s.Port),
        HvClose c => ClosePort(c),
        HvGrantAccess g => _xen.GrantAccess(g.Granter, g.Grantee, g.Frame, g.ReadOnly),
        HvEndAccess e => _xen.EndAccess(e.Granter, e.Reference),
        HvQueryGrant q => _xen.QueryGrant(q.Granter, q.Reference),
        HvEventChannelStatus s => _xen.Status(s.Caller, s.Dom, s.Port),
        HvMapGrant m => Map(m),
        HvUnmapGrant u => Unmap(u.Mapper, u.Handle),
        HvReadMapped r => ReadMapped(r),
        HvWriteMapped w => _mappings.TryGetValue((w.Mapper, w.Handle), out var wm)
            ? wm.Write(w.Offset, w.Data)
            : NoMapping(w.Mapper, w.Handle),
        HvReadGuest r => ReadGuest(r),
        HvWriteGuest w => _xen.WriteGuestMemory(w.Domid, (ulong)((w.Gfn * XenHypervisor.PageSize) + w.Offset), w.Data),
        HvRegisterDevice r => _xen.RegisterDevice(r.Device, r.Gsi),
        HvAssignDevice a => Privileged(a.Caller, a.Domid, () => _xen.AssignDevice(a.Device, a.Domid)),
        HvDeassignDevice d => Privileged(d.Caller, d.Domid, () => _xen.DeassignDevice(d.Device, d.Domid)),
        HvTestAssignDevice t => _xen.TestAssignDevice(t.Device),
        HvReleaseDeviceToHost r => _xen.ReleaseDeviceToHost(r.Device),
        HvGetDevice g => _xen.GetDevice(g.Device),
        HvListDevices => _xen.Devices.ToList(),
        HvPermitIrq p => Privileged(p.Caller, p.Domid, () => _xen.PermitIrq(p.Domid, p.Gsi, p.Allow)),
        HvPermitIomem p => Privileged(p.Caller, p.Domid, () => _xen.PermitIomem(p.Domid, p.FirstMfn, p.Count, p.Allow)),
        HvPermitIoports p => Privileged(p.Caller, p.Domid, () => _xen.PermitIoports(p.Domid, p.First, p.Count, p.Allow)),
        HvMapMmio m => Privileged(m.Caller, m.Domid, () => _xen.MapMmio(m.Domid, m.FirstGfn, m.FirstMfn, m.Count)),
        HvUnmapMmio u => Privileged(u.Caller, u.Domid, () => _xen.UnmapMmio(u.Domid, u.FirstGfn, u.Count)),
        HvTranslateMmio t => _xen.TranslateMmio(t.Domid, t.GuestPhysical),
        HvCheckIoport c => _xen.CheckIoport(c.Domid, c.Port, c.Size),
        HvMapPirq m => _deviceModels.Authorize(m.Caller, m.Domid) is { } denied ? XenResult<int>.FromXenError(denied) : _xen.MapPirq(m.Domid, m.Source),
        HvFindPirq f => _xen.FindPirq(f.Domid, f.Source),
        HvUnmapPirq u => Privileged(u.Caller, u.Domid, () => _xen.UnmapPirq(u.Domid, u.Pirq)),
        HvSetInterruptTarget t => Privileged(t.Caller, t.Domid, () => _xen.SetInterruptTarget(t.Domid, t.Pirq, t.Vcpu)),
        HvRaiseInterrupt r => _xen.RaiseInterrupt(r.Source),
        HvGetInterruptStats s => _xen.GetInterruptStats(s.Domid, s.Pirq),
        HvDmaWrite w => _xen.DmaWrite(w.Device, w.BusAddress, w.Data),
        HvDmaRead r => DmaRead(r),
        HvSetDeviceModel d => SetDeviceModel(d),
        HvWatchDomainDeaths w => WatchDeaths(w.Watcher),
        HvCheckInvariants => _xen.CheckInvariants(),
        _ => XenResult.FromXenError(new XenError(Protocol.Errno.ENOSYS, $"unknown hypervisor request {request.GetType().Name}")),
    };

    private XenResult Destroy(int domid)
    {
        var result = _xen.Destroy(domid);
        if (result.IsSuccess)
        {
            _domainHandlers.Remove(domid);
            foreach (var key in _portHandlers.Keys.Where(k => k.Domid == domid).ToList())
                _portHandlers.Remove(key);
            _shortcutPorts.RemoveWhere(k => k.Domid == domid);
            foreach (var key in _mappings.Keys.Where(k => k.Mapper == domid).ToList())
                _mappings.Remove(key);
            _deviceModels.Forget(domid);
            // VIRQ_DOM_EXC: xenstored fires @releaseDomain from it, xend reclaims what the domain held.
            foreach (var watcher in _deathWatchers)
                watcher.Tell(new HvDomainDestroyed(domid), Self);
        }
        return result;
    }

    /// <summary>A device-model hypercall: dom0, or the stub domain registered for that guest.</summary>
    private XenResult Privileged(int caller, int guest, Func<XenResult> call) =>
        _deviceModels.Authorize(caller, guest) is { } denied ? denied : call();

    private XenResult SetDeviceModel(HvSetDeviceModel d)
    {
        foreach (var domid in new[] { d.Guest, d.StubDomain })
        {
            if (!_xen.GetDomain(domid).IsSuccess)
                return _xen.GetDomain(domid).WithoutValue();
        }
        _deviceModels.Register(d.Guest, d.StubDomain);
        return XenResult.Ok;
    }

    private XenResult WatchDeaths(IActorRef watcher)
    {
        _deathWatchers.Add(watcher);
        return XenResult.Ok;
    }

    /// <summary>A death watcher that stopped.</summary>
    public void ForgetWatcher(IActorRef watcher) => _deathWatchers.Remove(watcher);

    private XenResult<byte[]> DmaRead(HvDmaRead r)
    {
        var buffer = new byte[r.Length];
        var result = _xen.DmaRead(r.Device, r.BusAddress, buffer);
        return result.IsSuccess ? buffer : result.Error;
    }

    private XenResult Bind(HvBindUpcalls bind)
    {
        if (!_xen.GetDomain(bind.Domid).TryGetValue(out _))
            return _xen.GetDomain(bind.Domid).WithoutValue();
        if (bind.Port is { } port)
        {
            if (bind.SnapshotLength is < 0 or > XenHypervisor.PageSize)
                return new XenError(Protocol.Errno.EINVAL, $"snapshot length {bind.SnapshotLength} is outside one page");
            _portHandlers[(bind.Domid, port)] = bind;
            if (bind.Shortcuts)
                _shortcutPorts.Add((bind.Domid, port));
            else
                _shortcutPorts.Remove((bind.Domid, port));
            // An event that arrived before anyone listened (bind_interdomain sets the port pending)
            // is delivered now, as unmasking a pending port does; otherwise the bit would swallow every later send.
            if (_xen.IsPending(bind.Domid, port) && !_xen.IsMasked(bind.Domid, port))
                ((IEventSink)_shared).Upcall(bind.Domid, 0, port);
        }
        else
        {
            _domainHandlers[bind.Domid] = bind.Handler;
        }
        return XenResult.Ok;
    }

    private XenResult ClosePort(HvClose close)
    {
        var result = _xen.Close(close.Caller, close.Port);
        if (result.IsSuccess)
        {
            _portHandlers.Remove((close.Caller, close.Port));
            _shortcutPorts.Remove((close.Caller, close.Port));
        }
        return result;
    }

    private XenResult<int> Map(HvMapGrant m)
    {
        var result = _xen.MapGrant(m.Mapper, m.Granter, m.Reference, m.ReadOnly);
        if (!result.TryGetValue(out var mapping))
            return result.Error;
        _mappings[(m.Mapper, mapping.Handle)] = mapping;
        return mapping.Handle;
    }

    private XenResult Unmap(int mapper, int handle)
    {
        var result = _xen.UnmapGrant(mapper, handle);
        if (result.IsSuccess)
            _mappings.Remove((mapper, handle));
        return result;
    }

    private XenResult<byte[]> ReadMapped(HvReadMapped r)
    {
        if (!_mappings.TryGetValue((r.Mapper, r.Handle), out var mapping))
            return NoMapping(r.Mapper, r.Handle);
        var buffer = new byte[r.Length];
        var result = mapping.Read(r.Offset, buffer);
        return result.IsSuccess ? buffer : result.Error;
    }

    private XenResult<byte[]> ReadGuest(HvReadGuest r)
    {
        var buffer = new byte[r.Length];
        var result = _xen.ReadGuestMemory(r.Domid, (ulong)((r.Gfn * XenHypervisor.PageSize) + r.Offset), buffer);
        return result.IsSuccess ? buffer : result.Error;
    }

    /// <summary>The bound handler's shared page as it is now; null if it is gone (the handler then reads it by hypercall).</summary>
    private byte[]? Snapshot(HvBindUpcalls bound)
    {
        var buffer = new byte[bound.SnapshotLength];
        if (bound.SnapshotMapping is { } handle)
            return _mappings.TryGetValue((bound.Domid, handle), out var mapping) && mapping.Read(0, buffer).IsSuccess ? buffer : null;
        if (bound.SnapshotGfn is { } gfn)
            return _xen.ReadGuestMemory(bound.Domid, (ulong)(gfn * XenHypervisor.PageSize), buffer).IsSuccess ? buffer : null;
        return null;
    }

    private static XenError NoMapping(int mapper, int handle) =>
        new(Protocol.Errno.EINVAL, $"domain {mapper} has no grant mapping with handle {handle}");

    /// <summary>
    /// Delivers the upcalls the model queued, each to the actor bound to its port or domain, and tells shortcut routes
    /// that changed; the caller holds the gate. <paramref name="modelCalled"/>: the model was called directly (a pause,
    /// a mask), not through <see cref="Handle"/>.
    /// </summary>
    public void DeliverUpcalls(bool modelCalled = false)
    {
        _routesStale |= modelCalled;
        while (_shared.TryDequeue(out var upcall))
        {
            var bound = _portHandlers.GetValueOrDefault((upcall.Domid, upcall.Port));
            var target = bound?.Handler ?? _domainHandlers.GetValueOrDefault(upcall.Domid);
            if (target is null)
                continue; // nobody listens: the bit stays pending, as in a guest that has not bound the port
            _xen.ClearPending(upcall.Domid, upcall.Port);
            target.Tell(bound is { SnapshotLength: > 0 } ? upcall with { Page = Snapshot(bound) } : upcall, Self);
        }
        OfferShortcuts();
    }
}
