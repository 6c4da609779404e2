using System.Globalization;
using XenActors.Actor;
using XenActors.Xen.Hypervisor;
using XenActors.Xen.Hypervisor.Messages;
using XenActors.Xen.Ioemu;
using XenActors.Xen.Protocol;
using XenActors.Xen.XenStore;

namespace XenActors.Xen.Xend;

// Domain lifecycle: create (with an HVM guest's device model), destroy, and reclaiming what a domain
// held when it dies by any means — xm destroy, a crash, or the driver domain going away.
public sealed partial class XendActor
{
    private async Task<XmResult> CreateAsync(XmCreate create)
    {
        var hvm = create.Type == DomainType.Hvm;
        if (hvm && _launcher is null)
            return XmResult.Error("an HVM guest needs a device model, and this host has no launcher to start one");
        var created = await _hv.CallAsync<int>(new HvCreateDomain(new DomainConfig(create.Name) { Type = create.Type, MemoryMiB = 64, Vcpus = hvm ? 2 : 1 }));
        if (!created.TryGetValue(out var domid))
            return XmResult.Error(created.Error.Message);
        await _hv.CallAsync(new HvUnpause(domid));
        var id = domid.ToString(CultureInfo.InvariantCulture);
        await WriteHomeAsync(domid, create.Name);
        await _store.SendAsync(new XsIntroduce(Self, 0, (uint)domid));

        IActorRef? deviceModel = null;
        int? stub = null;
        if (hvm)
        {
            if (create.DeviceModelStubdomain)
            {
                var made = await CreateStubDomainAsync(domid, create.Name);
                if (!made.TryGetValue(out var s))
                {
                    await _hv.CallAsync(new HvDestroyDomain(domid));
                    await ReclaimAsync(domid);
                    return XmResult.Error($"device model stub domain for {create.Name}: {made.Error.Message}");
                }
                stub = s;
            }
            // ioemu waits for the guest as long as xend waits for a PV driver, so a stuck guest is reported the same way.
            var options = new IoemuOptions(domid) { StubDomainId = stub, Hotplug = create.Hotplug, AttachTimeout = _timeout, DetachTimeout = _timeout };
            deviceModel = (await _launcher!.Ask<DeviceModelStarted>(new HvmGuestStarted(domid, create.Name, options), _timeout)).DeviceModel;
        }

        var controller = Context.ActorOf(PciController.Props(_storeRef, _hv.Ref, _inventory, domid, _backendDomid, _timeout, deviceModel), "pci-" + id);
        _guests[domid] = new XendGuest(controller, stub);
        if (!hvm)
            _launcher?.Tell(new GuestStarted(domid, create.Name));

        var started = XmResult.Ok($"Started domain {create.Name} (id={id})", domid: domid);
        if (create.Pci.Count == 0)
            return started;
        // pci = [...]: attached while the domain is built, through the same controller (PV: initial connect).
        var boot = await controller.Ask<XmResult>(new BootDevices(create.Pci), _timeout * 4);
        if (boot.Success)
            return started;
        // As xm create does when a device cannot be attached: the half-built domain goes.
        await DestroyAsync(domid);
        return boot;
    }

    private async Task WriteHomeAsync(int domid, string name)
    {
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
    }

    /// <summary>device_model_stubdomain=1: a small PV domain made the guest's device model (xc_domain_set_target).</summary>
    private async Task<XenResult<int>> CreateStubDomainAsync(int guest, string name)
    {
        var created = await _hv.CallAsync<int>(new HvCreateDomain(new DomainConfig(name + "-dm") { MemoryMiB = 32 }));
        if (!created.TryGetValue(out var stub))
            return created;
        await _hv.CallAsync(new HvUnpause(stub));
        var target = await _hv.CallAsync(new HvSetDeviceModel(guest, stub));
        if (target.IsSuccess)
            return stub;
        await _hv.CallAsync(new HvDestroyDomain(stub));
        return target.Error;
    }

    private async Task<XmResult> DestroyAsync(int domid)
    {
        var destroyed = await _hv.CallAsync(new HvDestroyDomain(domid));
        if (!destroyed.IsSuccess)
            return XmResult.Error(destroyed.Error.Message);
        await ReclaimAsync(domid);
        return XmResult.Ok(FormattableString.Invariant($"Domain {domid} destroyed"));
    }

    /// <summary>
    /// A domain is gone (the hypervisor already moved its functions to quarantine): a guest's entries,
    /// kernel, device model and stub domain go; a dead driver domain's guests lose their backend and get
    /// their devices back in the pool. Runs once per domain, whichever way xend learnt of the death.
    /// </summary>
    private async Task ReclaimAsync(int domid)
    {
        if (_guests.Remove(domid, out var guest))
        {
            // The controller finishes (and fails) what it is doing first: it sees the domain gone.
            guest.Controller.Tell(PoisonPill.Instance, ActorRefs.NoSender);
            _launcher?.Tell(new GuestDestroyed(domid));
            if (guest.StubDomid is { } stub)
                await _hv.CallAsync(new HvDestroyDomain(stub));
            await _store.TransactionAsync(async tx =>
            {
                await _store.RmAsync(FormattableString.Invariant($"/local/domain/{_backendDomid}/backend/pci/{domid}"), tx);
                await _store.RmAsync(FormattableString.Invariant($"/local/domain/{domid}"), tx);
                return true;
            });
            await _store.SendAsync(new XsRelease(Self, 0, (uint)domid));
            return;
        }

        if (domid != _backendDomid || domid == DomainIds.Dom0 || !_backendAlive)
            return;
        _backendAlive = false;
        // @releaseDomain first: a controller waiting on the dead backend re-checks and fails at once.
        await _store.SendAsync(new XsRelease(Self, 0, (uint)domid));
        var wait = _timeout * 3;
        await Task.WhenAll(_guests.Values.Select(g => g.Controller.Ask<PciController.BackendGoneDone>(PciController.BackendGone, wait)));
        await _store.TransactionAsync(async tx =>
        {
            await _store.RmAsync(FormattableString.Invariant($"/local/domain/{domid}"), tx);
            return true;
        });
    }
}
