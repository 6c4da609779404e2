using XenActors.Actor;
using XenActors.Hosting.SplitHost;
using XenActors.Xen.Hypervisor;
using XenActors.Xen.Xend;

namespace XenActors.Hosting.XenHost;

/// <summary>
/// Split host: one xm create at a time, each holding the guest nodes it needs before xend creates the domain, so a
/// host whose guest nodes are all busy refuses with nothing changed; released when xend has answered.
/// </summary>
public sealed class XmCreateQueue : ReceiveActor
{
    public XmCreateQueue(IActorRef xend, IActorRef placement, TimeSpan timeout)
    {
        ReceiveAsync<XmCreate>(async create =>
        {
            var replyTo = Sender;
            var nodes = create.Type == DomainType.Hvm && create.DeviceModelStubdomain ? 2 : 1;
            var held = await placement.Ask<GuestNodesReserved>(new ReserveGuestNodes(nodes), timeout);
            if (!held.Ok)
            {
                replyTo.Tell(XmResult.Error(held.Error));
                return;
            }
            try
            {
                replyTo.Tell(await xend.Ask<XmResult>(create, timeout));
            }
            catch (AskTimeoutException)
            {
                replyTo.Tell(XmResult.Error($"xend did not finish creating {create.Name} in {timeout.TotalSeconds:0} s"));
            }
            finally
            {
                placement.Tell(ReleaseGuestNodes.Instance);
            }
        });
    }

    public static Props Props(IActorRef xend, IActorRef placement, TimeSpan timeout) =>
        Actor.Props.Create(() => new XmCreateQueue(xend, placement, timeout));
}
