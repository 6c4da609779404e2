using System.Globalization;
using XenActors.Actor;
using XenActors.Xen.Hypervisor;
using XenActors.Xen.Hypervisor.Messages;
using XenActors.Xen.Pci;
using XenActors.Xen.Protocol;
using XenActors.Xen.XenStore;

namespace XenActors.Xen.Xend;

/// <summary>
/// The dom0 toolstack daemon: PV and HVM domain create/destroy with their XenStore homes (and an HVM
/// guest's device model), the assignable pool, and pci-attach/-detach/-list, which one
/// <see cref="PciController"/> per guest runs so guests proceed in parallel while each guest's
/// operations stay in order. It hears of every domain's death from the hypervisor (VIRQ_DOM_EXC), so
/// a crashed guest or driver domain gives its devices back like an xm destroy does.
/// </summary>
public sealed partial class XendActor : ReceiveActor
{
    private readonly XenStoreClient _store;
    private readonly IActorRef _storeRef;
    private readonly HypervisorClient _hv;
    private readonly PciInventory _inventory;
    private readonly int _backendDomid;
    private readonly IActorRef? _launcher;
    private readonly TimeSpan _timeout;
    private readonly Dictionary<int, XendGuest> _guests = [];
    private bool _backendAlive = true;

    public XendActor(IActorRef store, IActorRef hypervisor, PciInventory inventory, IActorRef? launcher, int backendDomid, TimeSpan timeout)
    {
        _storeRef = store;
        _store = new XenStoreClient(store, 0, Self);
        _hv = new HypervisorClient(hypervisor);
        _inventory = inventory;
        _launcher = launcher;
        _backendDomid = backendDomid;
        _timeout = timeout;
        ReceiveAsync<XmCreate>(async c => Sender.Tell(await CreateAsync(c)));
        ReceiveAsync<XmDestroy>(async d => Sender.Tell(await DestroyAsync(d.Domid)));
        ReceiveAsync<XmPciAssignableAdd>(async a => Sender.Tell(await AssignableAddAsync(a.Bdf)));
        ReceiveAsync<XmPciAssignableRemove>(async r => Sender.Tell(await AssignableRemoveAsync(r.Bdf)));
        ReceiveAsync<XmPciAssignableList>(async _ => Sender.Tell(await AssignableListAsync()));
        Receive<XmPciAttach>(a => Route(a.Domid, a));
        Receive<XmPciDetach>(d => Route(d.Domid, d));
        Receive<XmPciList>(l => Route(l.Domid, l));
        Receive<XmPciDump>(d => Route(d.Domid, d));
        ReceiveRelocation();
        ReceiveAsync<HvDomainDestroyed>(d => ReclaimAsync(d.Domid));
        Receive<XenResult>(_ => { }); // the answer to HvWatchDomainDeaths
    }

    public static Props Props(IActorRef store, IActorRef hypervisor, PciInventory inventory, IActorRef? launcher = null, int backendDomid = 0, TimeSpan? timeout = null) =>
        Actor.Props.Create(() => new XendActor(store, hypervisor, inventory, launcher, backendDomid, timeout ?? TimeSpan.FromSeconds(10)));

    /// <summary>
    /// Boot: the host's functions become known to the hypervisor, owned by the host. Told, not asked
    /// (done at once when the hypervisor is local, else first in its mailbox), so any later request xend makes sees them.
    /// </summary>
    protected override void PreStart()
    {
        foreach (var f in _inventory.Functions)
            _hv.Tell(new HvRegisterDevice(f.Address, null));
        _hv.Ref.Tell(new HvWatchDomainDeaths(Self), Self);
    }


    private void Route(int domid, object command)
    {
        if (!_guests.TryGetValue(domid, out var guest))
        {
            Sender.Tell(XmResult.Error(FormattableString.Invariant($"{domid} is an invalid domain identifier")));
            return;
        }
        guest.Controller.Forward(command);
    }

    private async Task<XmResult> AssignableAddAsync(string bdf)
    {
        if (!PciAddress.TryParse(bdf, out var address))
            return XmResult.Error($"malformed BDF '{bdf}'");
        var info = await _hv.CallAsync<PciFunctionInfo>(new HvGetDevice(address));
        if (!info.TryGetValue(out var f))
            return XmResult.Error($"Couldn't lstat /sys/bus/pci/devices/{address}");
        if (f.Owner == DomainIds.Io)
            return XmResult.Ok($"{address} already assigned to pciback");
        if (f.Owner != DomainIds.Dom0)
            return XmResult.Error(FormattableString.Invariant($"PCI device {address} is assigned to domain {f.Owner}"));
        var r = await _hv.CallAsync(new HvAssignDevice(address, DomainIds.Io));
        return r.IsSuccess ? XmResult.Ok() : XmResult.Error(r.Error.Message);
    }

    private async Task<XmResult> AssignableRemoveAsync(string bdf)
    {
        if (!PciAddress.TryParse(bdf, out var address))
            return XmResult.Error($"malformed BDF '{bdf}'");
        var info = await _hv.CallAsync<PciFunctionInfo>(new HvGetDevice(address));
        if (!info.TryGetValue(out var f))
            return XmResult.Error($"Couldn't lstat /sys/bus/pci/devices/{address}");
        if (f.Owner != DomainIds.Io)
            return XmResult.Error(f.Owner == DomainIds.Dom0
                ? $"PCI device {address} is not assignable"
                : FormattableString.Invariant($"PCI device {address} is assigned to domain {f.Owner}"));
        var r = await _hv.CallAsync(new HvReleaseDeviceToHost(address));
        return r.IsSuccess ? XmResult.Ok() : XmResult.Error(r.Error.Message);
    }

    private async Task<XmResult> AssignableListAsync() =>
        XmResult.Ok(lines: (await _hv.DevicesAsync()).Where(d => d.Owner == DomainIds.Io).Select(d => d.Address.ToString()).ToList());
}
