using System.Globalization;
using XenActors.Actor;
using XenActors.Xen.Hypervisor;
using XenActors.Xen.Hypervisor.Messages;
using XenActors.Xen.Pci;
using XenActors.Xen.Protocol;
using XenActors.Xen.XenStore;

namespace XenActors.Xen.Xend;

/// <summary>
/// The dom0 toolstack daemon: PV domain create/destroy with their XenStore homes, the assignable
/// pool, and pci-attach/-detach/-list, which one <see cref="PciController"/> per guest runs so guests
/// proceed in parallel while each guest's operations stay in order.
/// </summary>
public sealed class XendActor : ReceiveActor
{
    private readonly XenStoreClient _store;
    private readonly IActorRef _storeRef;
    private readonly HypervisorClient _hv;
    private readonly PciInventory _inventory;
    private readonly int _backendDomid;
    private readonly IActorRef? _launcher;
    private readonly TimeSpan _timeout;
    private readonly Dictionary<int, IActorRef> _controllers = [];

    public XendActor(IActorRef store, IActorRef hypervisor, PciInventory inventory, IActorRef? launcher, int backendDomid, TimeSpan timeout)
    {
        _storeRef = store;
        _store = new XenStoreClient(store, 0, Self);
        _hv = new HypervisorClient(hypervisor);
        _inventory = inventory;
        _launcher = launcher;
        _backendDomid = backendDomid;
        _timeout = timeout;
        ReceiveAsync<XmCreate>(async c => Sender.Tell(await CreateAsync(c.Name)));
        ReceiveAsync<XmDestroy>(async d => Sender.Tell(await DestroyAsync(d.Domid)));
        ReceiveAsync<XmPciAssignableAdd>(async a => Sender.Tell(await AssignableAddAsync(a.Bdf)));
        ReceiveAsync<XmPciAssignableRemove>(async r => Sender.Tell(await AssignableRemoveAsync(r.Bdf)));
        ReceiveAsync<XmPciAssignableList>(async _ => Sender.Tell(await AssignableListAsync()));
        Receive<XmPciAttach>(a => Route(a.Domid, a));
        Receive<XmPciDetach>(d => Route(d.Domid, d));
        Receive<XmPciList>(l => Route(l.Domid, l));
    }

    public static Props Props(IActorRef store, IActorRef hypervisor, PciInventory inventory, IActorRef? launcher = null, int backendDomid = 0, TimeSpan? timeout = null) =>
        Actor.Props.Create(() => new XendActor(store, hypervisor, inventory, launcher, backendDomid, timeout ?? TimeSpan.FromSeconds(10)));

    /// <summary>
    /// Boot: the host's functions become known to the hypervisor, owned by the host. Told, not asked,
    /// so they are in the hypervisor's mailbox before any request xend makes later.
    /// </summary>
    protected override void PreStart()
    {
        foreach (var f in _inventory.Functions)
            _hv.Ref.Tell(new HvRegisterDevice(ToSbdf(f.Address), null), ActorRefs.NoSender);
    }

    private static Sbdf ToSbdf(PciAddress a) => new((ushort)a.Domain, (byte)a.Bus, (byte)a.Device, (byte)a.Function);

    private void Route(int domid, object command)
    {
        if (!_controllers.TryGetValue(domid, out var controller))
        {
            Sender.Tell(XmResult.Error(FormattableString.Invariant($"{domid} is an invalid domain identifier")));
            return;
        }
        controller.Forward(command);
    }

    private async Task<XmResult> CreateAsync(string name)
    {
        var created = await _hv.CallAsync<int>(new HvCreateDomain(new DomainConfig(name) { MemoryMiB = 64 }));
        if (!created.TryGetValue(out var domid))
            return XmResult.Error(created.Error.Message);
        await _hv.CallAsync(new HvUnpause(domid));
        var home = FormattableString.Invariant($"/local/domain/{domid}");
        var id = domid.ToString(CultureInfo.InvariantCulture);
        await _store.TransactionAsync(async tx =>
        {
            await _store.MkdirAsync(home, tx);
            await _store.SetPermsAsync(home, ["n0", "r" + id], tx);
            await _store.WriteAsync(home + "/name", name, tx);
            await _store.WriteAsync(home + "/domid", id, tx);
            await _store.WriteAsync(home + "/vm", "/vm/" + id, tx);
            foreach (var dir in new[] { "device", "control", "data" })
            {
                await _store.MkdirAsync(home + "/" + dir, tx);
                await _store.SetPermsAsync(home + "/" + dir, ["n" + id, "r0"], tx);
            }
            return true;
        });
        await _store.SendAsync(new XsIntroduce(Self, 0, (uint)domid));
        _controllers[domid] = Context.ActorOf(PciController.Props(_storeRef, _hv.Ref, _inventory, domid, _backendDomid, _timeout), "pci-" + id);
        _launcher?.Tell(new GuestStarted(domid, name));
        return XmResult.Ok($"Started domain {name} (id={id})", domid: domid);
    }

    private async Task<XmResult> DestroyAsync(int domid)
    {
        var destroyed = await _hv.CallAsync(new HvDestroyDomain(domid));
        if (!destroyed.IsSuccess)
            return XmResult.Error(destroyed.Error.Message);
        // The controller finishes (and fails) what it is doing first: it sees the domain gone.
        if (_controllers.Remove(domid, out var controller))
            controller.Tell(PoisonPill.Instance, ActorRefs.NoSender);
        // The hypervisor already moved its functions to quarantine; the entries naming it go now.
        await _store.TransactionAsync(async tx =>
        {
            await _store.RmAsync(FormattableString.Invariant($"/local/domain/{_backendDomid}/backend/pci/{domid}"), tx);
            await _store.RmAsync(FormattableString.Invariant($"/local/domain/{domid}"), tx);
            return true;
        });
        await _store.SendAsync(new XsRelease(Self, 0, (uint)domid));
        return XmResult.Ok(FormattableString.Invariant($"Domain {domid} destroyed"));
    }

    private async Task<XmResult> AssignableAddAsync(string bdf)
    {
        if (!PciAddress.TryParse(bdf, out var address))
            return XmResult.Error($"malformed BDF '{bdf}'");
        var info = await _hv.CallAsync<PciFunctionInfo>(new HvGetDevice(ToSbdf(address)));
        if (!info.TryGetValue(out var f))
            return XmResult.Error($"Couldn't lstat /sys/bus/pci/devices/{address}");
        if (f.Owner == DomainIds.Io)
            return XmResult.Ok($"{address} already assigned to pciback");
        if (f.Owner != DomainIds.Dom0)
            return XmResult.Error(FormattableString.Invariant($"PCI device {address} is assigned to domain {f.Owner}"));
        var r = await _hv.CallAsync(new HvAssignDevice(ToSbdf(address), DomainIds.Io));
        return r.IsSuccess ? XmResult.Ok() : XmResult.Error(r.Error.Message);
    }

    private async Task<XmResult> AssignableRemoveAsync(string bdf)
    {
        if (!PciAddress.TryParse(bdf, out var address))
            return XmResult.Error($"malformed BDF '{bdf}'");
        var info = await _hv.CallAsync<PciFunctionInfo>(new HvGetDevice(ToSbdf(address)));
        if (!info.TryGetValue(out var f))
            return XmResult.Error($"Couldn't lstat /sys/bus/pci/devices/{address}");
        if (f.Owner != DomainIds.Io)
            return XmResult.Error(f.Owner == DomainIds.Dom0
                ? $"PCI device {address} is not assignable"
                : FormattableString.Invariant($"PCI device {address} is assigned to domain {f.Owner}"));
        var r = await _hv.CallAsync(new HvReleaseDeviceToHost(ToSbdf(address)));
        return r.IsSuccess ? XmResult.Ok() : XmResult.Error(r.Error.Message);
    }

    private async Task<XmResult> AssignableListAsync() =>
        XmResult.Ok(lines: (await _hv.DevicesAsync()).Where(d => d.Owner == DomainIds.Io).Select(d => d.Address.ToString()).ToList());
}
