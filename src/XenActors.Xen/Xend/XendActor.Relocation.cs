using XenActors.Actor;
using System.Globalization;
using XenActors.Xen.Hypervisor.Messages;
using XenActors.Xen.XenStore;

namespace XenActors.Xen.Xend;

// Relocation receive: a domain restored by the migration receiver becomes one of xend's guests (its
// home recreated under the new domid, its frontends free to reconnect). The sending side needs nothing
// new: once the destination resumed the guest, the source xend destroys the suspended domain like xm destroy.
public sealed partial class XendActor
{
    private void ReceiveRelocation() => ReceiveAsync<XmIntroduceDomain>(async m => Sender.Tell(await IntroduceAsync(m.Domid)));

    private async Task<XmResult> IntroduceAsync(int domid)
    {
        if (_guests.ContainsKey(domid))
            return XmResult.Error(FormattableString.Invariant($"domain {domid} is already managed by xend"));
        var lookup = await _hv.CallAsync<DomainSummary>(new HvGetDomain(domid));
        if (!lookup.TryGetValue(out var domain))
            return XmResult.Error(FormattableString.Invariant($"{domid} is an invalid domain identifier"));
        if (domain.Type != Hypervisor.DomainType.Pv)
            return XmResult.Error("only PV guests can be introduced (an HVM guest needs its device model started by xm create)");
        await WriteHomeAsync(domid, domain.Name);
        await _store.SendAsync(new XsIntroduce(Self, 0, (uint)domid));
        var id = domid.ToString(CultureInfo.InvariantCulture);
        var controller = Context.ActorOf(PciController.Props(_storeRef, _hv.Ref, _inventory, domid, _backendDomid, _timeout), "pci-" + id);
        _guests[domid] = new XendGuest(controller, null);
        _launcher?.Tell(new GuestStarted(domid, domain.Name));
        return XmResult.Ok(FormattableString.Invariant($"Introduced domain {domain.Name} (id={id})"), domid: domid);
    }
}
