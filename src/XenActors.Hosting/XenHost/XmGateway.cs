using System.Globalization;
using XenActors.Actor;
using XenActors.Xen.Hypervisor;
using XenActors.Xen.Hypervisor.Messages;
using XenActors.Xen.XenStore;
using XenActors.Xen.Xend;

namespace XenActors.Hosting.XenHost;

/// <summary>
/// What an xm client in another process talks to (<c>/user/xm</c> on a host node): xend's commands are forwarded
/// with the client as sender, so xend answers it directly; <see cref="XmDomainList"/>, which xend has no message
/// for, is answered from the domain homes in XenStore and the hypervisor's view of each domain.
/// </summary>
public sealed class XmGateway : ReceiveActor
{
    public const string Name = "xm";

    public static Props Props(IActorRef xend, IActorRef xenStore, IActorRef hypervisor, IActorRef? placement = null, TimeSpan? createTimeout = null) =>
        Actor.Props.Create(() => new XmGateway(xend, xenStore, hypervisor, placement, createTimeout ?? TimeSpan.FromMinutes(1)));

    /// <param name="placement">
    /// Split host: the launcher that places each domain on a guest node. Creates then go one at a time through
    /// <see cref="XmCreateQueue"/>, which holds free guest nodes before xend creates anything.
    /// </param>
    public XmGateway(IActorRef xend, IActorRef xenStore, IActorRef hypervisor, IActorRef? placement, TimeSpan createTimeout)
    {
        var creates = placement is null ? xend : Context.ActorOf(XmCreateQueue.Props(xend, placement, createTimeout), "creates");
        Receive<XmCreate>(m => creates.Forward(m));
        Receive<XmDestroy>(m => xend.Forward(m));
        Receive<XmPciAssignableAdd>(m => xend.Forward(m));
        Receive<XmPciAssignableRemove>(m => xend.Forward(m));
        Receive<XmPciAssignableList>(m => xend.Forward(m));
        Receive<XmPciAttach>(m => xend.Forward(m));
        Receive<XmPciDetach>(m => xend.Forward(m));
        Receive<XmPciList>(m => xend.Forward(m));
        Receive<XmPciDump>(m => xend.Forward(m));
        ReceiveAsync<XmDomainList>(async _ => Sender.Tell(await ListAsync(xenStore, hypervisor), Self));
    }

    private static async Task<XmDomainListing> ListAsync(IActorRef xenStore, IActorRef hypervisor)
    {
        var listing = await xenStore.Ask<XsListing>(new XsList("/local/domain"), TimeSpan.FromSeconds(10));
        var client = new HypervisorClient(hypervisor);
        var rows = new List<XmDomainRow>();
        foreach (var entry in listing.Entries)
        {
            // /local/domain/<id>/name: one per domain that has a home, which is every domain xend built.
            var parts = entry.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 4 || parts[3] != "name" || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var domid)) continue;
            var domain = await client.CallAsync<DomainSummary>(new HvGetDomain(domid));
            // A home whose domain the hypervisor no longer knows is being cleaned up: xm list does not show it.
            if (!domain.TryGetValue(out var summary)) continue;
            rows.Add(new XmDomainRow(domid, entry.Value, summary.Type.ToString().ToLowerInvariant(), summary.State.ToString().ToLowerInvariant()));
        }
        return new XmDomainListing([.. rows.OrderBy(r => r.Domid)]);
    }
}
