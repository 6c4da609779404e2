using Microsoft.Extensions.Logging;
using XenActors.Actor;
using XenActors.Hosting.XenHost;
using XenActors.Xen.Host;
using XenActors.Xen.Hypervisor;
using XenActors.Xen.Hypervisor.Messages;
using XenActors.Xen.XenStore;
using XenActors.Xen.Xend;

namespace XenActors.Hosting.SplitHost;

// dom0: the driver domain first, then xend with the placement launcher, and only then the xm gateway.
public sealed partial class SplitHostNode
{
    private async Task StartDom0Async(DateTime deadline)
    {
        var peers = Peers(deadline);
        var (hypervisor, xenStore) = await XenAsync(peers).ConfigureAwait(false);
        var domid = DriverDomain.DefaultDomid;
        var hv = new HypervisorClient(hypervisor);
        HostXenNode.WriteDom0Home(xenStore);
        if (!(await hv.CallAsync<DomainSummary>(new HvGetDomain(domid)).ConfigureAwait(false)).IsSuccess)
            DriverDomain.Build(hypervisor, xenStore, domid);
        // Told in order; asked back so nothing below runs before the domain exists.
        while (!(await hv.CallAsync<DomainSummary>(new HvGetDomain(domid)).ConfigureAwait(false)).IsSuccess)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{_self}: the hypervisor did not create driver domain {domid}");
            await Task.Delay(TimeSpan.FromMilliseconds(50), _stop.Token).ConfigureAwait(false);
        }
        _log.LogInformation("{Self} created driver domain {Domid}", _self, domid);

        var driver = (await peers.AwaitMembersAsync(SplitHostRoles.Driver, 1, _stop.Token).ConfigureAwait(false))[0];
        var pciback = await peers.IdentifyAsync(driver, PcibackName(domid), _stop.Token).ConfigureAwait(false);
        _system.ActorOf(DriverDomainWatch.Props(pciback, hypervisor, domid, _log), DriverDomainWatch.Name);

        var guests = await peers.AwaitMembersAsync(SplitHostRoles.Guest, _options.Guests, _stop.Token).ConfigureAwait(false);
        var launchers = new List<IActorRef>();
        foreach (var guest in guests) launchers.Add(await peers.IdentifyAsync(guest, GuestPlacement.Name, _stop.Token).ConfigureAwait(false));

        // dom0's own launcher runs the HVM device models that are not in a stub domain.
        var deviceModels = _system.ActorOf(GuestLauncher.Props(xenStore, hypervisor, inventory: _inventory), "device-models");
        var placement = _system.ActorOf(GuestPlacement.Props(Host, hypervisor, deviceModels, launchers, _options.OperationTimeout, _loggers.CreateLogger("xenactors.placement")), GuestPlacement.Name);
        var xend = _system.ActorOf(XendActor.Props(xenStore, hypervisor, _inventory, placement, domid, _options.OperationTimeout), XendName);
        _system.ActorOf(XmGateway.Props(xend, xenStore, hypervisor, placement, _options.OperationTimeout * 6), XmGateway.Name);
        _log.LogInformation("{Self} serves xm: pciback in driver domain {Domid} on {Driver}, {Guests} guest node(s)", _self, domid, driver, launchers.Count);
    }
}
